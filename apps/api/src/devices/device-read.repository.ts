import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DeviceRow {
  id: string;
  brand: string;
  serial: string;
  model: string;
  device_class: string;
  asset_tag: string | null;
  donor_device_id: string | null;
  lifecycle_id: string;
  number: number;
  state: string;
  snapshot: unknown;
  version: number;
  machine_version: string;
  custodian_organisation_id: string;
  site: string;
  takeback_id: string | null;
  started_at: Date;
  ended_at: Date | null;
  programme_id: string | null;
  programme_version: number | null;
}

export interface MediumRow {
  device_id: string;
  serial: string;
  media_type: string;
  interface: string;
  capacity_gb: number | null;
}

export interface DeviceFilter {
  serial?: string;
  state?: string;
  brand?: string;
  deviceClass?: string;
  takebackId?: string;
  donorDeviceId?: string;
}

/** `null` organisation = sees every unit. Otherwise: units it holds, units of its brands (an OEM), units it handed back. */
export type ReadScope = { organisationId: string | null };

const VISIBLE = `($2::uuid IS NULL OR l.custodian_organisation_id = $2
    OR EXISTS (SELECT 1 FROM organisation_brands ob WHERE ob.organisation_id = $2 AND ob.brand = d.brand)
    OR EXISTS (SELECT 1 FROM takeback_items ti JOIN takebacks t ON t.id = ti.takeback_id WHERE ti.device_id = d.id AND t.customer_organisation_id = $2))`;

const DEVICE_COLUMNS = `d.id, d.brand, d.serial, d.model, d.device_class, d.asset_tag, d.donor_device_id, l.id AS lifecycle_id, l.number, l.state, l.snapshot, l.version,
  l.machine_version, l.custodian_organisation_id, l.site, l.takeback_id, l.started_at, l.ended_at, l.programme_id, l.programme_version`;

/** Reads of units for the API: plain SQL, every query filtered by the caller's scope in the database. */
@Injectable()
export class DeviceReadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findDevice(id: string, scope: ReadScope): Promise<DeviceRow | undefined> {
    const rows: DeviceRow[] = await this.dataSource.query(
      `SELECT ${DEVICE_COLUMNS} FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id WHERE d.id = $1 AND ${VISIBLE}`,
      [id, scope.organisationId],
    );
    return rows[0];
  }

  async media(deviceIds: string[]): Promise<MediumRow[]> {
    if (deviceIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT device_id, serial, media_type, interface, capacity_gb FROM storage_media WHERE device_id = ANY($1::uuid[]) ORDER BY device_id, serial`,
      [deviceIds],
    );
  }

  async listDevices(filter: DeviceFilter, scope: ReadScope, after: string | undefined, limit: number): Promise<DeviceRow[]> {
    const conditions = [VISIBLE];
    const values: unknown[] = [limit, scope.organisationId];
    const add = (sql: (p: string) => string, value: unknown) => {
      values.push(value);
      conditions.push(sql(`$${values.length}`));
    };
    if (after) add((p) => `d.id > ${p}`, after);
    if (filter.serial) add((p) => `d.serial = ${p}`, filter.serial);
    if (filter.brand) add((p) => `d.brand = ${p}`, filter.brand);
    if (filter.deviceClass) add((p) => `d.device_class = ${p}`, filter.deviceClass);
    if (filter.state) add((p) => `(l.state = ${p} OR l.state LIKE ${p} || '.%')`, filter.state);
    if (filter.donorDeviceId) add((p) => `d.donor_device_id = ${p}`, filter.donorDeviceId);
    if (filter.takebackId)
      add((p) => `EXISTS (SELECT 1 FROM takeback_items ti2 WHERE ti2.device_id = d.id AND ti2.takeback_id = ${p})`, filter.takebackId);
    return this.dataSource.query(
      `SELECT ${DEVICE_COLUMNS} FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id
        WHERE ${conditions.join(' AND ')} ORDER BY d.id LIMIT $1`,
      values,
    );
  }

  async lifecycleCount(deviceId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM lifecycles WHERE device_id = $1`, [deviceId]);
    return row.n;
  }
}

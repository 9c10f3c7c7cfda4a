import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Keyset } from '../common/keyset-cursor';
import { DEVICE_COLUMNS, deviceListQuery } from './device-list.query';
import type { DeviceListFilter, ReadScope } from './device-list.query';

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
  created_micros: string;
}

export interface MediumRow {
  device_id: string;
  serial: string;
  media_type: string;
  interface: string;
  capacity_gb: number | null;
}

export type { ReadScope } from './device-list.query';

const VISIBLE = `($2::uuid IS NULL OR l.custodian_organisation_id = $2
    OR EXISTS (SELECT 1 FROM organisation_brands ob WHERE ob.organisation_id = $2 AND ob.brand = d.brand)
    OR EXISTS (SELECT 1 FROM takeback_items ti JOIN takebacks t ON t.id = ti.takeback_id WHERE ti.device_id = d.id AND t.customer_organisation_id = $2))`;

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

  /** A page of units in (created time, id) order: the SQL lives in `device-list.query.ts`, shared with the benchmark. */
  async listDevices(filter: DeviceListFilter, scope: ReadScope, after: Keyset | undefined, limit: number): Promise<DeviceRow[]> {
    const { text, values } = deviceListQuery(filter, scope, after, limit);
    return this.dataSource.query(text, values);
  }

  async lifecycleCount(deviceId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM lifecycles WHERE device_id = $1`, [deviceId]);
    return row.n;
  }
}

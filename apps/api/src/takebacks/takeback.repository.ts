import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { newId } from '../common/uuid';
import type { Transaction } from '../database/transaction';
import type { TakebackUnitMedia } from '../certificates/build-destruction-certificate';
import type { ProgrammeCoverage } from '../programmes/programme-coverage';
import type { Keyset } from '../common/keyset-cursor';
import { takebackListQuery } from './takeback-list.query';
import type { TakebackListFilter } from './takeback-list.query';

export interface ExistingDevice {
  id: string;
  brand: string;
  serial: string;
  lifecycleNumber: number | null;
  lastHash: string | null;
  active: boolean;
  /** Who holds the unit in its current lifecycle (null without one). */
  custodianOrganisationId: string | null;
}

export interface DeviceInsert {
  id: string;
  brand: string;
  serial: string;
  model: string;
  deviceClass: string;
  assetTag: string | null;
  currentLifecycleId: string;
}

export interface MediumInsert {
  deviceId: string;
  serial: string;
  type: string;
  interface: string;
  capacityGb: number | null;
}

export interface LifecycleInsert {
  id: string;
  deviceId: string;
  number: number;
  state: string;
  snapshot: unknown;
  lastHash: string;
  programme: { id: string; version: number } | null;
}

/** What all lifecycles a takeback starts at once share. */
export interface LifecycleBatch {
  takebackId: string | null;
  custodianOrganisationId: string;
  site: string;
  machineVersion: string;
  startedAt: string;
}

export interface TakebackUnit {
  deviceId: string;
  brand: string;
  serial: string;
}

export interface TakebackRow {
  id: string;
  customer_organisation_id: string;
  custodian_organisation_id: string;
  site: string;
  market: string | null;
  programme_id: string | null;
  programme_version: number | null;
  created_at: Date;
}

const column = <T, V>(rows: T[], pick: (row: T) => V): V[] => rows.map(pick);

/**
 * A takeback's SQL. Bulk writes are one multi-row statement per table (`unnest` of arrays), so 10,000 units cost
 * a handful of round trips, all in the caller's transaction.
 */
@Injectable()
export class TakebackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the centre works for the customer (recorded by the platform operator). */
  async worksFor(tx: Transaction, centreId: string, customerId: string): Promise<boolean> {
    const { rows } = await tx.query(
      `SELECT 1 FROM customer_relationships WHERE centre_organisation_id = $1 AND customer_organisation_id = $2`,
      [centreId, customerId],
    );
    return rows.length > 0;
  }

  /** The units already known, locked so no concurrent takeback or event changes them under us. */
  async lockExisting(tx: Transaction, keys: Array<{ brand: string; serial: string }>): Promise<ExistingDevice[]> {
    const { rows } = await tx.query(
      `SELECT d.id, d.brand, d.serial, l.number, l.last_hash, (l.id IS NOT NULL AND l.ended_at IS NULL) AS active, l.custodian_organisation_id
         FROM devices d
         JOIN unnest($1::text[], $2::text[]) AS k(brand, serial) ON d.brand = k.brand AND d.serial = k.serial
         LEFT JOIN lifecycles l ON l.id = d.current_lifecycle_id
          FOR UPDATE OF d`,
      [column(keys, (k) => k.brand), column(keys, (k) => k.serial)],
    );
    return rows.map((r) => ({
      id: r.id,
      brand: r.brand,
      serial: r.serial,
      lifecycleNumber: r.number,
      lastHash: r.last_hash,
      active: r.active,
      custodianOrganisationId: r.custodian_organisation_id,
    }));
  }

  async mediaSerials(tx: Transaction, deviceIds: string[]): Promise<Map<string, string[]>> {
    const { rows } = await tx.query(
      `SELECT device_id, serial FROM storage_media WHERE device_id = ANY($1::uuid[]) ORDER BY device_id, serial`,
      [deviceIds],
    );
    const byDevice = new Map<string, string[]>();
    for (const r of rows) byDevice.set(r.device_id, [...(byDevice.get(r.device_id) ?? []), r.serial]);
    return byDevice;
  }

  async insertTakeback(
    tx: Transaction,
    t: {
      id: string;
      customerOrganisationId: string;
      custodianOrganisationId: string;
      site: string;
      market: string | null;
      programme: ProgrammeCoverage | null;
      createdByUserId: string;
      expectedCount: number;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO takebacks (id, customer_organisation_id, custodian_organisation_id, site, market, created_by_user_id, expected_count, programme_id, programme_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        t.id,
        t.customerOrganisationId,
        t.custodianOrganisationId,
        t.site,
        t.market,
        t.createdByUserId,
        t.expectedCount,
        t.programme?.id ?? null,
        t.programme?.version ?? null,
      ],
    );
  }

  async insertDevices(tx: Transaction, devices: DeviceInsert[]): Promise<void> {
    if (devices.length === 0) return;
    await tx.query(
      `INSERT INTO devices (id, brand, serial, model, device_class, asset_tag, current_lifecycle_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[])`,
      [
        column(devices, (d) => d.id),
        column(devices, (d) => d.brand),
        column(devices, (d) => d.serial),
        column(devices, (d) => d.model),
        column(devices, (d) => d.deviceClass),
        column(devices, (d) => d.assetTag),
        column(devices, (d) => d.currentLifecycleId),
      ],
    );
  }

  async insertMedia(tx: Transaction, media: MediumInsert[]): Promise<void> {
    if (media.length === 0) return;
    await tx.query(
      `INSERT INTO storage_media (device_id, serial, media_type, interface, capacity_gb, id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::uuid[])
       ON CONFLICT (device_id, serial) DO NOTHING`,
      [
        column(media, (m) => m.deviceId),
        column(media, (m) => m.serial),
        column(media, (m) => m.type),
        column(media, (m) => m.interface),
        column(media, (m) => m.capacityGb),
        column(media, () => newId()),
      ],
    );
  }

  async insertLifecycles(tx: Transaction, batch: LifecycleBatch, lifecycles: LifecycleInsert[]): Promise<void> {
    const { takebackId, custodianOrganisationId, site, machineVersion, startedAt } = batch;
    await tx.query(
      `INSERT INTO lifecycles (id, device_id, number, takeback_id, state, snapshot, version, machine_version, custodian_organisation_id, site, last_seq, last_hash, started_at,
                               programme_id, programme_version)
       SELECT l.id, l.device_id, l.number, $7, l.state, l.snapshot, 1, $8, $9, $10, 1, l.last_hash, $11, l.programme_id, l.programme_version
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::jsonb[], $6::text[], $12::uuid[], $13::int[])
              AS l(id, device_id, number, state, snapshot, last_hash, programme_id, programme_version)`,
      [
        column(lifecycles, (l) => l.id),
        column(lifecycles, (l) => l.deviceId),
        column(lifecycles, (l) => l.number),
        column(lifecycles, (l) => l.state),
        column(lifecycles, (l) => JSON.stringify(l.snapshot)),
        column(lifecycles, (l) => l.lastHash),
        takebackId,
        machineVersion,
        custodianOrganisationId,
        site,
        startedAt,
        column(lifecycles, (l) => l.programme?.id ?? null),
        column(lifecycles, (l) => l.programme?.version ?? null),
      ],
    );
  }

  /** Known units returning (lease end): their new lifecycle becomes the current one. */
  async repointDevices(tx: Transaction, lifecycles: LifecycleInsert[]): Promise<void> {
    if (lifecycles.length === 0) return;
    await tx.query(
      `UPDATE devices d SET current_lifecycle_id = v.lifecycle_id FROM unnest($1::uuid[], $2::uuid[]) AS v(device_id, lifecycle_id) WHERE d.id = v.device_id`,
      [column(lifecycles, (l) => l.deviceId), column(lifecycles, (l) => l.id)],
    );
  }

  async insertItems(tx: Transaction, takebackId: string, deviceIds: string[], onManifest: boolean): Promise<void> {
    await tx.query(`INSERT INTO takeback_items (takeback_id, device_id, on_manifest) SELECT $1, unnest($2::uuid[]), $3`, [
      takebackId,
      deviceIds,
      onManifest,
    ]);
  }

  async findTakeback(tx: Transaction, id: string): Promise<TakebackRow | undefined> {
    const { rows } = await tx.query<TakebackRow>(`SELECT * FROM takebacks WHERE id = $1`, [id]);
    return rows[0];
  }

  async findDevice(tx: Transaction, brand: string, serial: string): Promise<{ id: string } | undefined> {
    const { rows } = await tx.query<{ id: string }>(`SELECT id FROM devices WHERE brand = $1 AND serial = $2`, [brand, serial]);
    return rows[0];
  }

  /** A unit's receipt ticks its item (or adds one, for a unit that was not on the manifest). */
  async markReceived(tx: Transaction, item: { takebackId: string; deviceId: string; at: string }): Promise<void> {
    await tx.query(
      `INSERT INTO takeback_items (takeback_id, device_id, on_manifest, received_at) VALUES ($1, $2, false, $3)
       ON CONFLICT (takeback_id, device_id) DO UPDATE SET received_at = COALESCE(takeback_items.received_at, EXCLUDED.received_at)`,
      [item.takebackId, item.deviceId, item.at],
    );
  }

  /** A page of takebacks: the SQL lives in `takeback-list.query.ts`, shared with the benchmark. */
  async listTakebacks(filter: TakebackListFilter, organisationId: string | null, after: Keyset | undefined, limit: number) {
    const { text, values } = takebackListQuery(filter, organisationId, after, limit);
    const rows: Array<TakebackRow & { expected_count: number; received_count: number; open: boolean; created_micros: string }> =
      await this.dataSource.query(text, values);
    return rows;
  }

  async takeback(id: string): Promise<TakebackRow | undefined> {
    const rows: TakebackRow[] = await this.dataSource.query(`SELECT * FROM takebacks WHERE id = $1`, [id]);
    return rows[0];
  }

  /** The takeback's units in the lifecycles it started, each with its media (the certificate of data destruction). */
  async unitsWithMedia(takebackId: string): Promise<TakebackUnitMedia[]> {
    return this.dataSource.query(
      `SELECT d.id AS "deviceId", l.id AS "lifecycleId", d.brand, d.serial, d.model,
              COALESCE((SELECT json_agg(json_build_object('serial', m.serial, 'type', m.media_type) ORDER BY m.serial)
                          FROM storage_media m WHERE m.device_id = d.id), '[]'::json) AS media
         FROM lifecycles l JOIN devices d ON d.id = l.device_id
        WHERE l.takeback_id = $1
        ORDER BY d.brand, d.serial`,
      [takebackId],
    );
  }

  /** Whether an OEM's brands include a unit of the takeback (it sees its brand's units, as for devices). */
  async hasBrandOf(takebackId: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM takeback_items ti JOIN devices d ON d.id = ti.device_id
         JOIN organisation_brands ob ON ob.brand = d.brand AND ob.organisation_id = $2
        WHERE ti.takeback_id = $1 LIMIT 1`,
      [takebackId, organisationId],
    );
    return rows.length > 0;
  }

  async reconciliation(
    takebackId: string,
  ): Promise<{ expected: number; received: number; missing: TakebackUnit[]; unexpected: TakebackUnit[] }> {
    const rows: Array<{ device_id: string; brand: string; serial: string; on_manifest: boolean; received: boolean }> =
      await this.dataSource.query(
        `SELECT ti.device_id, d.brand, d.serial, ti.on_manifest, ti.received_at IS NOT NULL AS received
         FROM takeback_items ti JOIN devices d ON d.id = ti.device_id
        WHERE ti.takeback_id = $1 AND (ti.received_at IS NULL) = ti.on_manifest
        ORDER BY d.brand, d.serial`,
        [takebackId],
      );
    const [counts] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE on_manifest)::int AS expected, count(received_at)::int AS received FROM takeback_items WHERE takeback_id = $1`,
      [takebackId],
    );
    const unit = (r: { device_id: string; brand: string; serial: string }): TakebackUnit => ({
      deviceId: r.device_id,
      brand: r.brand,
      serial: r.serial,
    });
    return {
      expected: counts.expected,
      received: counts.received,
      missing: rows.filter((r) => r.on_manifest).map(unit),
      unexpected: rows.filter((r) => !r.on_manifest).map(unit),
    };
  }
}

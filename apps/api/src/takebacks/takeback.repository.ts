import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { HashedAuditRecord } from '@recert/audit';

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

/** A programme's version in force and what it covers: the units of a takeback it covers are pinned to it. */
export interface ProgrammeCoverage {
  id: string;
  version: number;
  brands: string[];
  deviceClasses: string[];
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
 * Bulk writes of a takeback: one multi-row statement per table (`unnest` of arrays), so 10,000 units cost
 * a handful of round trips, all in one transaction.
 */
export class TakebackTransaction {
  constructor(private readonly client: PoolClient) {}

  async organisationKind(id: string): Promise<string | undefined> {
    const { rows } = await this.client.query(`SELECT kind FROM organisations WHERE id = $1`, [id]);
    return rows[0]?.kind;
  }

  /** Whether the centre works for the customer (recorded by the platform operator). */
  async worksFor(centreId: string, customerId: string): Promise<boolean> {
    const { rows } = await this.client.query(
      `SELECT 1 FROM customer_relationships WHERE centre_organisation_id = $1 AND customer_organisation_id = $2`,
      [centreId, customerId],
    );
    return rows.length > 0;
  }

  /** The units already known, locked so no concurrent takeback or event changes them under us. */
  async lockExisting(keys: Array<{ brand: string; serial: string }>): Promise<ExistingDevice[]> {
    const { rows } = await this.client.query(
      `SELECT d.id, d.brand, d.serial, l.number, l.last_hash, (l.id IS NOT NULL AND l.ended_at IS NULL) AS active, l.custodian_organisation_id
         FROM devices d
         JOIN unnest($1::text[], $2::text[]) AS k(brand, serial) ON d.brand = k.brand AND d.serial = k.serial
         LEFT JOIN lifecycles l ON l.id = d.current_lifecycle_id
          FOR UPDATE OF d`,
      [column(keys, (k) => k.brand), column(keys, (k) => k.serial)],
    );
    return rows.map((r) => ({ id: r.id, brand: r.brand, serial: r.serial, lifecycleNumber: r.number, lastHash: r.last_hash, active: r.active, custodianOrganisationId: r.custodian_organisation_id }));
  }

  async mediaSerials(deviceIds: string[]): Promise<Map<string, string[]>> {
    const { rows } = await this.client.query(
      `SELECT device_id, serial FROM storage_media WHERE device_id = ANY($1::uuid[]) ORDER BY device_id, serial`,
      [deviceIds],
    );
    const byDevice = new Map<string, string[]>();
    for (const r of rows) byDevice.set(r.device_id, [...(byDevice.get(r.device_id) ?? []), r.serial]);
    return byDevice;
  }

  /** The programme at a version (its latest when none is given), with the brands its OEM owns among those it names. */
  async programmeCoverage(id: string, version: number | null = null): Promise<ProgrammeCoverage | undefined> {
    const { rows } = await this.client.query(
      `SELECT v.programme_id AS id, v.version, v.terms->'deviceClasses' AS device_classes,
              ARRAY(SELECT jsonb_array_elements_text(v.terms->'brands') INTERSECT SELECT brand FROM organisation_brands WHERE organisation_id = p.oem_organisation_id) AS brands
         FROM programme_versions v JOIN programmes p ON p.id = v.programme_id
        WHERE v.programme_id = $1 AND ($2::int IS NULL OR v.version = $2) ORDER BY v.version DESC LIMIT 1`,
      [id, version],
    );
    const r = rows[0];
    return r && { id: r.id, version: r.version, brands: r.brands, deviceClasses: r.device_classes };
  }

  async insertTakeback(t: { id: string; customerOrganisationId: string; custodianOrganisationId: string; site: string; market: string | null; programme: ProgrammeCoverage | null; createdByUserId: string; expectedCount: number }): Promise<void> {
    await this.client.query(
      `INSERT INTO takebacks (id, customer_organisation_id, custodian_organisation_id, site, market, created_by_user_id, expected_count, programme_id, programme_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [t.id, t.customerOrganisationId, t.custodianOrganisationId, t.site, t.market, t.createdByUserId, t.expectedCount, t.programme?.id ?? null, t.programme?.version ?? null],
    );
  }

  async insertDevices(devices: DeviceInsert[]): Promise<void> {
    if (devices.length === 0) return;
    await this.client.query(
      `INSERT INTO devices (id, brand, serial, model, device_class, asset_tag, current_lifecycle_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[])`,
      [column(devices, (d) => d.id), column(devices, (d) => d.brand), column(devices, (d) => d.serial), column(devices, (d) => d.model),
        column(devices, (d) => d.deviceClass), column(devices, (d) => d.assetTag), column(devices, (d) => d.currentLifecycleId)],
    );
  }

  async insertMedia(media: MediumInsert[]): Promise<void> {
    if (media.length === 0) return;
    await this.client.query(
      `INSERT INTO storage_media (device_id, serial, media_type, interface, capacity_gb)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[])
       ON CONFLICT (device_id, serial) DO NOTHING`,
      [column(media, (m) => m.deviceId), column(media, (m) => m.serial), column(media, (m) => m.type), column(media, (m) => m.interface), column(media, (m) => m.capacityGb)],
    );
  }

  async insertLifecycles(takebackId: string | null, custodianOrganisationId: string, site: string, machineVersion: string, startedAt: string, lifecycles: LifecycleInsert[]): Promise<void> {
    await this.client.query(
      `INSERT INTO lifecycles (id, device_id, number, takeback_id, state, snapshot, version, machine_version, custodian_organisation_id, site, last_seq, last_hash, started_at,
                               programme_id, programme_version)
       SELECT l.id, l.device_id, l.number, $7, l.state, l.snapshot, 1, $8, $9, $10, 1, l.last_hash, $11, l.programme_id, l.programme_version
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::jsonb[], $6::text[], $12::uuid[], $13::int[])
              AS l(id, device_id, number, state, snapshot, last_hash, programme_id, programme_version)`,
      [column(lifecycles, (l) => l.id), column(lifecycles, (l) => l.deviceId), column(lifecycles, (l) => l.number), column(lifecycles, (l) => l.state),
        column(lifecycles, (l) => JSON.stringify(l.snapshot)), column(lifecycles, (l) => l.lastHash), takebackId, machineVersion, custodianOrganisationId, site, startedAt,
        column(lifecycles, (l) => l.programme?.id ?? null), column(lifecycles, (l) => l.programme?.version ?? null)],
    );
  }

  /** Known units returning (lease end): their new lifecycle becomes the current one. */
  async repointDevices(lifecycles: LifecycleInsert[]): Promise<void> {
    if (lifecycles.length === 0) return;
    await this.client.query(
      `UPDATE devices d SET current_lifecycle_id = v.lifecycle_id FROM unnest($1::uuid[], $2::uuid[]) AS v(device_id, lifecycle_id) WHERE d.id = v.device_id`,
      [column(lifecycles, (l) => l.deviceId), column(lifecycles, (l) => l.id)],
    );
  }

  async appendAudit(records: HashedAuditRecord[]): Promise<void> {
    await this.client.query(
      `INSERT INTO audit_events (device_id, lifecycle_id, seq, event_type, payload, from_state, to_state, actor, request_id, machine_version, occurred_at, prev_hash, hash)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::text[], $11::timestamptz[], $12::text[], $13::text[])`,
      [
        column(records, (r) => r.deviceId), column(records, (r) => r.lifecycleId), column(records, (r) => r.seq), column(records, (r) => r.eventType),
        column(records, (r) => JSON.stringify(r.payload)), column(records, (r) => r.fromState), column(records, (r) => r.toState),
        column(records, (r) => JSON.stringify(r.actor)), column(records, (r) => r.requestId), column(records, (r) => r.machineVersion),
        column(records, (r) => r.occurredAt), column(records, (r) => r.prevHash), column(records, (r) => r.hash),
      ],
    );
  }

  async insertItems(takebackId: string, deviceIds: string[], onManifest: boolean): Promise<void> {
    await this.client.query(
      `INSERT INTO takeback_items (takeback_id, device_id, on_manifest) SELECT $1, unnest($2::uuid[]), $3`,
      [takebackId, deviceIds, onManifest],
    );
  }

  async findTakeback(id: string): Promise<TakebackRow | undefined> {
    const { rows } = await this.client.query(`SELECT * FROM takebacks WHERE id = $1`, [id]);
    return rows[0];
  }

  async findDevice(brand: string, serial: string): Promise<{ id: string } | undefined> {
    const { rows } = await this.client.query(`SELECT id FROM devices WHERE brand = $1 AND serial = $2`, [brand, serial]);
    return rows[0];
  }
}

@Injectable()
export class TakebackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findTakeback(id: string): Promise<TakebackRow | undefined> {
    const rows: TakebackRow[] = await this.dataSource.query(`SELECT * FROM takebacks WHERE id = $1`, [id]);
    return rows[0];
  }

  async reconciliation(takebackId: string): Promise<{ expected: number; received: number; missing: TakebackUnit[]; unexpected: TakebackUnit[] }> {
    const rows: Array<{ device_id: string; brand: string; serial: string; on_manifest: boolean; received: boolean }> = await this.dataSource.query(
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
    const unit = (r: { device_id: string; brand: string; serial: string }): TakebackUnit => ({ deviceId: r.device_id, brand: r.brand, serial: r.serial });
    return {
      expected: counts.expected,
      received: counts.received,
      missing: rows.filter((r) => r.on_manifest).map(unit),
      unexpected: rows.filter((r) => !r.on_manifest).map(unit),
    };
  }
}

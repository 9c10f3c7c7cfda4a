import { Injectable } from '@nestjs/common';
import type { HashedAuditRecord } from '@recert/audit';
import { AUDIT_COLUMNS, auditValues } from '../audit/audit-row';
import type { Transaction } from '../database/transaction';
import type { LockedUnit, NewLifecycle, StoredReply } from './command-context';

/**
 * The command pipeline's own SQL: the unit's lock, its lifecycle rows, idempotency records. Named (prepared)
 * statements: this is the hot path, and TypeORM's builder would double its cost.
 */
@Injectable()
export class LifecycleRepository {
  /** The device and its current lifecycle, locked until the transaction ends (it is the first statement of a command). */
  async lockUnit(tx: Transaction, deviceId: string): Promise<LockedUnit | undefined> {
    const rows = await tx.opening<Record<string, never>>(
      `SELECT d.id AS device_id, d.brand, d.device_class, d.model, t.market, l.id AS lifecycle_id, l.number, l.state, l.snapshot,
              l.version, l.last_seq, l.last_hash, l.custodian_organisation_id, l.site, l.takeback_id,
              l.programme_id, l.programme_version
         FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id LEFT JOIN takebacks t ON t.id = l.takeback_id
        WHERE d.id = $1
        FOR UPDATE OF d, l`,
      [deviceId],
    );
    const r = rows[0];
    return (
      r && {
        deviceId: r.device_id,
        brand: r.brand,
        deviceClass: r.device_class,
        model: r.model,
        market: r.market,
        lifecycleId: r.lifecycle_id,
        number: r.number,
        state: r.state,
        snapshot: r.snapshot,
        version: r.version,
        lastSeq: r.last_seq,
        lastHash: r.last_hash,
        custodianOrganisationId: r.custodian_organisation_id,
        site: r.site,
        takebackId: r.takeback_id,
        programmeId: r.programme_id,
        programmeVersion: r.programme_version,
      }
    );
  }

  /**
   * Saves the lifecycle and appends its audit entry in one statement (one round trip): the entry is inserted only
   * if the update found the version read under the lock, a second guard besides the row lock.
   */
  async saveTransition(
    tx: Transaction,
    unit: LockedUnit,
    change: { snapshot: unknown; endedAt: string | null },
    record: HashedAuditRecord,
  ): Promise<void> {
    const entry = auditValues(record);
    const values = [...entry, JSON.stringify(change.snapshot), change.endedAt, unit.version];
    const at = (column: (typeof AUDIT_COLUMNS)[number]) => `$${AUDIT_COLUMNS.indexOf(column) + 1}`;
    const snapshot = `$${entry.length + 1}`;
    const result = await tx.query({
      name: 'recert_save_transition',
      text: `WITH saved AS (
               UPDATE lifecycles SET state = ${at('to_state')}, snapshot = ${snapshot}, version = version + 1, last_seq = ${at('seq')},
                                     last_hash = ${at('hash')}, ended_at = $${entry.length + 2}, updated_at = now()
                WHERE id = ${at('lifecycle_id')} AND version = $${entry.length + 3}
               RETURNING id)
             INSERT INTO audit_events (${AUDIT_COLUMNS.join(', ')})
             SELECT ${entry.map((_, i) => `$${i + 1}`).join(', ')} FROM saved`,
      values,
    });
    if (result.rowCount !== 1) throw new Error(`lifecycle ${unit.lifecycleId} changed under its lock`);
  }

  /** A new lifecycle row, and the device now points at it. */
  async startLifecycle(tx: Transaction, lifecycle: NewLifecycle): Promise<void> {
    await tx.query(
      `INSERT INTO lifecycles (id, device_id, number, takeback_id, state, snapshot, version, machine_version, custodian_organisation_id, site,
                               last_seq, last_hash, started_at)
       VALUES ($11, $1, $2, $3, $4, $5, 1, $6, $7, $8, 1, $9, $10)`,
      [
        lifecycle.deviceId,
        lifecycle.number,
        lifecycle.takebackId,
        lifecycle.state,
        JSON.stringify(lifecycle.snapshot),
        lifecycle.machineVersion,
        lifecycle.custodianOrganisationId,
        lifecycle.site,
        lifecycle.lastHash,
        lifecycle.startedAt,
        lifecycle.id,
      ],
    );
    await tx.query(`UPDATE devices SET current_lifecycle_id = $2 WHERE id = $1`, [lifecycle.deviceId, lifecycle.id]);
  }

  /** Pins the lifecycle to a programme version, unless it already is (pinned at intake). */
  async pinProgramme(tx: Transaction, lifecycleId: string, programme: { id: string; version: number }): Promise<void> {
    await tx.query(`UPDATE lifecycles SET programme_id = $2, programme_version = $3 WHERE id = $1 AND programme_id IS NULL`, [
      lifecycleId,
      programme.id,
      programme.version,
    ]);
  }

  /** The id of one of the unit's lifecycles, by number. */
  async lifecycleNumbered(tx: Transaction, deviceId: string, number: number): Promise<string | undefined> {
    const { rows } = await tx.query<{ id: string }>(`SELECT id FROM lifecycles WHERE device_id = $1 AND number = $2`, [deviceId, number]);
    return rows[0]?.id;
  }

  /** False while another request holds the same key: the draft's "409, still in flight". */
  async claimIdempotencyKey(tx: Transaction, organisationId: string, key: string): Promise<boolean> {
    const rows = await tx.opening<{ claimed: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended('idempotency:' || $1 || ':' || $2, 0)) AS claimed`,
      [organisationId, key],
    );
    return rows[0].claimed === true;
  }

  async findReply(tx: Transaction, organisationId: string, key: string): Promise<StoredReply | undefined> {
    const { rows } = await tx.query<{ fingerprint: string; response_status: number; response_body: string; response_etag: string | null }>({
      name: 'recert_find_reply',
      text: `SELECT fingerprint, response_status, response_body, response_etag FROM idempotency_keys WHERE organisation_id = $1 AND key = $2`,
      values: [organisationId, key],
    });
    const r = rows[0];
    return r && { fingerprint: r.fingerprint, status: r.response_status, body: JSON.parse(r.response_body), etag: r.response_etag };
  }

  async storeReply(tx: Transaction, organisationId: string, key: string, reply: StoredReply): Promise<void> {
    await tx.query({
      name: 'recert_store_reply',
      text: `INSERT INTO idempotency_keys (organisation_id, key, fingerprint, response_status, response_body, response_etag) VALUES ($1, $2, $3, $4, $5, $6)`,
      values: [organisationId, key, reply.fingerprint, reply.status, JSON.stringify(reply.body), reply.etag],
    });
  }
}

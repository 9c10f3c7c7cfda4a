import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { HashedAuditRecord } from '@recert/audit';
import { inTransaction } from '../database/pg-transaction';

export interface LockedUnit {
  deviceId: string;
  lifecycleId: string;
  number: number;
  state: string;
  snapshot: unknown;
  version: number;
  lastSeq: number;
  lastHash: string;
  custodianOrganisationId: string;
  site: string;
  takebackId: string | null;
}

export interface StoredReply {
  fingerprint: string;
  status: number;
  body: unknown;
  etag: string | null;
}

export interface NewLifecycle {
  id: string;
  deviceId: string;
  number: number;
  takebackId: string | null;
  state: string;
  snapshot: unknown;
  machineVersion: string;
  custodianOrganisationId: string;
  site: string;
  lastHash: string;
  startedAt: string;
}

/**
 * The command pipeline's statements, as reviewed SQL on one connection inside one transaction.
 * Named (prepared) statements: this is the hot path, and TypeORM's builder would double its cost.
 */
export class CommandTransaction {
  constructor(private readonly client: PoolClient) {}

  async lockUnit(deviceId: string): Promise<LockedUnit | undefined> {
    const { rows } = await this.client.query({
      name: 'recert_lock_unit',
      text: `SELECT d.id AS device_id, l.id AS lifecycle_id, l.number, l.state, l.snapshot, l.version, l.last_seq, l.last_hash,
                    l.custodian_organisation_id, l.site, l.takeback_id
               FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id
              WHERE d.id = $1
              FOR UPDATE OF d, l`,
      values: [deviceId],
    });
    const r = rows[0];
    return r && {
      deviceId: r.device_id, lifecycleId: r.lifecycle_id, number: r.number, state: r.state, snapshot: r.snapshot, version: r.version,
      lastSeq: r.last_seq, lastHash: r.last_hash, custodianOrganisationId: r.custodian_organisation_id, site: r.site, takebackId: r.takeback_id,
    };
  }

  /** Conditional on the version read under the lock: a second guard besides the row lock. */
  async saveLifecycle(unit: LockedUnit, change: { state: string; snapshot: unknown; lastSeq: number; lastHash: string; endedAt: string | null }): Promise<void> {
    const result = await this.client.query({
      name: 'recert_save_lifecycle',
      text: `UPDATE lifecycles SET state = $2, snapshot = $3, version = version + 1, last_seq = $4, last_hash = $5, ended_at = $6
              WHERE id = $1 AND version = $7`,
      values: [unit.lifecycleId, change.state, JSON.stringify(change.snapshot), change.lastSeq, change.lastHash, change.endedAt, unit.version],
    });
    if (result.rowCount !== 1) throw new Error(`lifecycle ${unit.lifecycleId} changed under its lock`);
  }

  async appendAudit(record: HashedAuditRecord): Promise<void> {
    await this.client.query({
      name: 'recert_append_audit',
      text: `INSERT INTO audit_events (device_id, lifecycle_id, seq, event_type, payload, from_state, to_state, actor, request_id,
                                       machine_version, occurred_at, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      values: [
        record.deviceId, record.lifecycleId, record.seq, record.eventType, JSON.stringify(record.payload), record.fromState, record.toState,
        JSON.stringify(record.actor), record.requestId, record.machineVersion, record.occurredAt, record.prevHash, record.hash,
      ],
    });
  }

  /** False while another request holds the same key: the draft's "409, still in flight". */
  async claimIdempotencyKey(organisationId: string, key: string): Promise<boolean> {
    const { rows } = await this.client.query({
      name: 'recert_claim_idempotency_key',
      text: `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS claimed`,
      values: [`idempotency:${organisationId}:${key}`],
    });
    return rows[0].claimed === true;
  }

  async findReply(organisationId: string, key: string): Promise<StoredReply | undefined> {
    const { rows } = await this.client.query({
      name: 'recert_find_reply',
      text: `SELECT fingerprint, response_status, response_body, response_etag FROM idempotency_keys WHERE organisation_id = $1 AND key = $2`,
      values: [organisationId, key],
    });
    const r = rows[0];
    return r && { fingerprint: r.fingerprint, status: r.response_status, body: JSON.parse(r.response_body), etag: r.response_etag };
  }

  async storeReply(organisationId: string, key: string, reply: StoredReply): Promise<void> {
    await this.client.query({
      name: 'recert_store_reply',
      text: `INSERT INTO idempotency_keys (organisation_id, key, fingerprint, response_status, response_body, response_etag) VALUES ($1, $2, $3, $4, $5, $6)`,
      values: [organisationId, key, reply.fingerprint, reply.status, JSON.stringify(reply.body), reply.etag],
    });
  }

  async markReceived(takebackId: string, deviceId: string, at: string): Promise<void> {
    await this.client.query(
      `INSERT INTO takeback_items (takeback_id, device_id, on_manifest, received_at) VALUES ($1, $2, false, $3)
       ON CONFLICT (takeback_id, device_id) DO UPDATE SET received_at = COALESCE(takeback_items.received_at, EXCLUDED.received_at)`,
      [takebackId, deviceId, at],
    );
  }

  async mediaSerials(deviceId: string): Promise<string[]> {
    const { rows } = await this.client.query(`SELECT serial FROM storage_media WHERE device_id = $1 ORDER BY serial`, [deviceId]);
    return rows.map((r: { serial: string }) => r.serial);
  }

  async startLifecycle(lifecycle: NewLifecycle): Promise<void> {
    await this.client.query(
      `INSERT INTO lifecycles (id, device_id, number, takeback_id, state, snapshot, version, machine_version, custodian_organisation_id, site,
                               last_seq, last_hash, started_at)
       VALUES ($11, $1, $2, $3, $4, $5, 1, $6, $7, $8, 1, $9, $10)`,
      [lifecycle.deviceId, lifecycle.number, lifecycle.takebackId, lifecycle.state, JSON.stringify(lifecycle.snapshot), lifecycle.machineVersion,
        lifecycle.custodianOrganisationId, lifecycle.site, lifecycle.lastHash, lifecycle.startedAt, lifecycle.id],
    );
    await this.client.query(`UPDATE devices SET current_lifecycle_id = $2 WHERE id = $1`, [lifecycle.deviceId, lifecycle.id]);
  }
}

@Injectable()
export class CommandRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: CommandTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, (client) => work(new CommandTransaction(client)));
  }
}

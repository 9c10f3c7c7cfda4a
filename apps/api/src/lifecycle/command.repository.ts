import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { HashedAuditRecord } from '@recert/audit';
import type { LicenceTerms } from '@recert/licensing';
import { onClient, runTransaction } from '../database/pg-transaction';
import { EvidenceStatements } from './evidence/evidence-statements';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LockedUnit {
  deviceId: string;
  brand: string;
  deviceClass: string;
  model: string;
  /** The takeback's market, if it named one. */
  market: string | null;
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
  /** The programme version the unit is pinned to (at certification), if any. */
  programmeId: string | null;
  programmeVersion: number | null;
}

export interface HandoffRow {
  id: string;
  device_id: string;
  lifecycle_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
  to_site: string;
  status: 'requested' | 'confirmed';
  requested_by_user_id: string;
  requested_at: Date;
  confirmed_by_user_id: string | null;
  confirmed_at: Date | null;
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
  /** @param begun whether the caller already opened the transaction; otherwise the first statement opens it. */
  constructor(
    private readonly client: PoolClient,
    private begun = false,
  ) {}

  get started(): boolean {
    return this.begun;
  }

  private evidenceStatements?: EvidenceStatements;
  get evidence(): EvidenceStatements {
    return (this.evidenceStatements ??= new EvidenceStatements(this.client));
  }

  /**
   * The first statement carries BEGIN with it (simple protocol, one round trip instead of two). Its only
   * values are UUIDs, checked here, so they can stand as literals.
   */
  private async opening<R extends object>(sql: string, uuids: string[]): Promise<R[]> {
    for (const id of uuids) if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
    const text = uuids.reduce((q, id, i) => q.replaceAll(`$${i + 1}`, `'${id}'`), sql);
    if (this.begun) return (await this.client.query(text)).rows as R[];
    const results = (await this.client.query(`BEGIN; ${text}`)) as unknown as Array<{ rows: R[] }>;
    this.begun = true;
    return results[1].rows;
  }

  async lockUnit(deviceId: string): Promise<LockedUnit | undefined> {
    const rows = await this.opening<Record<string, never>>(
      `SELECT d.id AS device_id, d.brand, d.device_class, d.model, t.market, l.id AS lifecycle_id, l.number, l.state, l.snapshot,
              l.version, l.last_seq, l.last_hash, l.custodian_organisation_id, l.site, l.takeback_id,
              l.programme_id, l.programme_version
         FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id LEFT JOIN takebacks t ON t.id = l.takeback_id
        WHERE d.id = $1
        FOR UPDATE OF d, l`,
      [deviceId],
    );
    const r = rows[0];
    return r && {
      deviceId: r.device_id, brand: r.brand, deviceClass: r.device_class, model: r.model, market: r.market, lifecycleId: r.lifecycle_id, number: r.number, state: r.state, snapshot: r.snapshot, version: r.version,
      lastSeq: r.last_seq, lastHash: r.last_hash, custodianOrganisationId: r.custodian_organisation_id, site: r.site, takebackId: r.takeback_id,
      programmeId: r.programme_id, programmeVersion: r.programme_version,
    };
  }

  /**
   * Saves the lifecycle and appends its audit entry in one statement (one round trip). The update is
   * conditional on the version read under the lock, a second guard besides the row lock.
   */
  async saveTransition(unit: LockedUnit, change: { snapshot: unknown; endedAt: string | null }, record: HashedAuditRecord): Promise<void> {
    const result = await this.client.query({
      name: 'recert_save_transition',
      text: `WITH saved AS (
               UPDATE lifecycles SET state = $7, snapshot = $14, version = version + 1, last_seq = $3, last_hash = $13, ended_at = $15
                WHERE id = $2 AND version = $16
               RETURNING id)
             INSERT INTO audit_events (device_id, lifecycle_id, seq, event_type, payload, from_state, to_state, actor, request_id,
                                       machine_version, occurred_at, prev_hash, hash, licence_decision)
             SELECT $1, saved.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $17 FROM saved`,
      values: [
        record.deviceId, record.lifecycleId, record.seq, record.eventType, JSON.stringify(record.payload), record.fromState, record.toState,
        JSON.stringify(record.actor), record.requestId, record.machineVersion, record.occurredAt, record.prevHash, record.hash,
        JSON.stringify(change.snapshot), change.endedAt, unit.version, record.licenceDecision ? JSON.stringify(record.licenceDecision) : null,
      ],
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
    const rows = await this.opening<{ claimed: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtextextended('idempotency:' || $1 || ':' || $2, 0)) AS claimed`, [organisationId, key]);
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

  /** The current version of each licence the partner holds. */
  async partnerLicences(partnerOrganisationId: string): Promise<LicenceTerms[]> {
    const { rows } = await this.client.query({
      name: 'recert_partner_licences',
      text: `SELECT DISTINCT ON (v.licence_id) v.licence_id, v.version, v.status, v.valid_from, v.valid_to, v.terms, l.programme, l.oem_organisation_id
               FROM licences l JOIN licence_versions v ON v.licence_id = l.id
              WHERE l.partner_organisation_id = $1
              ORDER BY v.licence_id, v.version DESC`,
      values: [partnerOrganisationId],
    });
    return rows.map((r) => ({
      licenceId: r.licence_id, version: r.version, status: r.status, validFrom: r.valid_from.toISOString(), validTo: r.valid_to.toISOString(),
      ...(r.terms as Pick<LicenceTerms, 'scope' | 'capabilities' | 'quotas' | 'survivesTermination'>),
      programme: { oemOrganisationId: r.oem_organisation_id, code: r.programme },
    }));
  }

  /** The quota counter for this licence, capability, brand and month, locked until commit. */
  async lockQuota(licenceId: string, capability: string, brand: string, period: string): Promise<number> {
    await this.client.query({
      name: 'recert_quota_row',
      text: `INSERT INTO licence_quota_usage (licence_id, capability, brand, period, used) VALUES ($1, $2, $3, $4, 0) ON CONFLICT DO NOTHING`,
      values: [licenceId, capability, brand, period],
    });
    const { rows } = await this.client.query({
      name: 'recert_quota_lock',
      text: `SELECT used FROM licence_quota_usage WHERE licence_id = $1 AND capability = $2 AND brand = $3 AND period = $4 FOR UPDATE`,
      values: [licenceId, capability, brand, period],
    });
    return rows[0].used;
  }

  async countQuota(licenceId: string, capability: string, brand: string, period: string): Promise<void> {
    await this.client.query({
      name: 'recert_quota_count',
      text: `UPDATE licence_quota_usage SET used = used + 1 WHERE licence_id = $1 AND capability = $2 AND brand = $3 AND period = $4`,
      values: [licenceId, capability, brand, period],
    });
  }

  async moveCustody(lifecycleId: string, organisationId: string, site: string): Promise<void> {
    await this.client.query(`UPDATE lifecycles SET custodian_organisation_id = $2, site = $3 WHERE id = $1`, [lifecycleId, organisationId, site]);
  }

  async openHandoff(deviceId: string): Promise<string | undefined> {
    const { rows } = await this.client.query(`SELECT id FROM custody_handoffs WHERE device_id = $1 AND status = 'requested'`, [deviceId]);
    return rows[0]?.id;
  }

  async insertHandoff(h: { id: string; deviceId: string; lifecycleId: string; from: string; to: string; site: string; userId: string; at: string }): Promise<void> {
    await this.client.query(
      `INSERT INTO custody_handoffs (id, device_id, lifecycle_id, from_organisation_id, to_organisation_id, to_site, status, requested_by_user_id, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7, $8)`,
      [h.id, h.deviceId, h.lifecycleId, h.from, h.to, h.site, h.userId, h.at],
    );
  }

  async lockHandoff(id: string): Promise<HandoffRow | undefined> {
    const rows = await this.opening<HandoffRow>(`SELECT * FROM custody_handoffs WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async confirmHandoff(id: string, userId: string, at: string): Promise<void> {
    await this.client.query(`UPDATE custody_handoffs SET status = 'confirmed', confirmed_by_user_id = $2, confirmed_at = $3 WHERE id = $1`, [id, userId, at]);
  }

  async organisationKind(id: string): Promise<string | undefined> {
    const { rows } = await this.client.query(`SELECT kind FROM organisations WHERE id = $1`, [id]);
    return rows[0]?.kind;
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

  /** One transaction, opened by its first statement and committed when `work` succeeds. */
  transaction<T>(work: (tx: CommandTransaction) => Promise<T>): Promise<T> {
    return onClient(this.dataSource, (client, discard) => {
      const tx = new CommandTransaction(client);
      return runTransaction(client, discard, () => work(tx), () => tx.started);
    });
  }
}

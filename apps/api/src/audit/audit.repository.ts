import { Injectable } from '@nestjs/common';
import type { HashedAuditRecord, TrailEntry } from '@recert/audit';
import type { Transaction } from '../database/transaction';
import { AUDIT_COLUMNS, auditArrays } from './audit-row';

/** Appends to the trail (it is append-only: a trigger refuses anything else) and reads entries back for the rules. */
@Injectable()
export class AuditRepository {
  /** Many entries in one statement (one array per column). */
  async append(tx: Transaction, records: HashedAuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { values, placeholders } = auditArrays(records);
    await tx.query(`INSERT INTO audit_events (${AUDIT_COLUMNS.join(', ')}) SELECT * FROM unnest(${placeholders})`, values);
  }

  /** The entries of one lifecycle, oldest first (only the given types, when named). */
  async trail(tx: Transaction, lifecycleId: string, types: string[] | null = null): Promise<TrailEntry[]> {
    const { rows } = await tx.query<{
      seq: number;
      event_type: string;
      payload: Record<string, unknown>;
      user_id: string | null;
      occurred_at: Date;
    }>({
      name: 'recert_evidence_trail',
      text: `SELECT seq, event_type, payload, actor->>'userId' AS user_id, occurred_at FROM audit_events
              WHERE lifecycle_id = $1 AND ($2::text[] IS NULL OR event_type = ANY($2::text[])) ORDER BY seq`,
      values: [lifecycleId, types],
    });
    return rows.map((r) => ({
      seq: r.seq,
      eventType: r.event_type,
      payload: r.payload,
      userId: r.user_id,
      occurredAt: r.occurred_at.toISOString(),
    }));
  }

  /** The latest entry of one lifecycle (the unit's last recorded event). */
  async last(tx: Transaction, lifecycleId: string): Promise<TrailEntry | undefined> {
    const { rows } = await tx.query<{
      seq: number;
      event_type: string;
      payload: Record<string, unknown>;
      user_id: string | null;
      occurred_at: Date;
    }>({
      name: 'recert_evidence_last_entry',
      text: `SELECT seq, event_type, payload, actor->>'userId' AS user_id, occurred_at FROM audit_events WHERE lifecycle_id = $1 ORDER BY seq DESC LIMIT 1`,
      values: [lifecycleId],
    });
    return rows.map((r) => ({
      seq: r.seq,
      eventType: r.event_type,
      payload: r.payload,
      userId: r.user_id,
      occurredAt: r.occurred_at.toISOString(),
    }))[0];
  }
}

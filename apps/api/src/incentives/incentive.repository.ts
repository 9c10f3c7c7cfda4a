import { Injectable } from '@nestjs/common';

import type { Transaction } from '../database/transaction';
import type {
  ClaimLineRow,
  ClaimRow,
  ClaimStatus,
  IncentiveProgrammeRow,
  IncentiveVersionRow,
  NewClaimLine,
  TransitionRow,
} from './incentive.types';

const PROGRAMME = `id, oem_organisation_id, code, created_at`;
const CLAIM = `id, reference, programme_id, programme_version, oem_organisation_id, partner_organisation_id, period, period_start, period_end,
  currency, status, qualifying_units, qualifying_minor::float8 AS qualifying_minor, clawback_minor::float8 AS clawback_minor,
  total_minor::float8 AS total_minor, arithmetic, filed_by_user_id, filed_at, rejection_reason, payment_reference`;
const LINE = `id::text, claim_id, kind, audit_event_id::text, device_id, lifecycle_id, event_type, entry_seq, entry_hash, occurred_at,
  amount_minor::float8 AS amount_minor, reason, arithmetic, reverses_line_id::text, adjusts_claim_id`;

const camel = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));

/** The SQL of incentive programmes and claims (rows mapped to camelCase). */
@Injectable()
export class IncentiveRepository {
  async insertProgramme(tx: Transaction, oemOrganisationId: string, code: string): Promise<IncentiveProgrammeRow | undefined> {
    const { rows } = await tx.query(
      `INSERT INTO incentive_programmes (oem_organisation_id, code) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING ${PROGRAMME}`,
      [oemOrganisationId, code],
    );
    return rows[0] && (camel(rows[0]) as unknown as IncentiveProgrammeRow);
  }

  async programme(tx: Transaction, id: string, lock = false): Promise<IncentiveProgrammeRow | undefined> {
    const { rows } = await tx.query(`SELECT ${PROGRAMME} FROM incentive_programmes WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] && (camel(rows[0]) as unknown as IncentiveProgrammeRow);
  }

  async programmes(tx: Transaction, q: { oemOrganisationId?: string; after?: string; limit: number }): Promise<IncentiveProgrammeRow[]> {
    const { rows } = await tx.query(
      `SELECT ${PROGRAMME} FROM incentive_programmes WHERE ($1::uuid IS NULL OR oem_organisation_id = $1) AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3`,
      [q.oemOrganisationId ?? null, q.after ?? null, q.limit],
    );
    return rows.map((r) => camel(r) as unknown as IncentiveProgrammeRow);
  }

  async insertVersion(tx: Transaction, v: Omit<IncentiveVersionRow, 'createdAt'>): Promise<void> {
    await tx.query(
      `INSERT INTO incentive_programme_versions (programme_id, version, terms, effective_from, created_by_user_id) VALUES ($1, $2, $3, $4, $5)`,
      [v.programmeId, v.version, JSON.stringify(v.terms), v.effectiveFrom, v.createdByUserId],
    );
  }

  async versions(tx: Transaction, programmeIds: string[]): Promise<IncentiveVersionRow[]> {
    const { rows } = await tx.query(
      `SELECT programme_id, version, terms, effective_from, created_by_user_id, created_at FROM incentive_programme_versions
        WHERE programme_id = ANY($1::uuid[]) ORDER BY programme_id, version`,
      [programmeIds],
    );
    return rows.map((r) => camel(r) as unknown as IncentiveVersionRow);
  }

  async insertClaim(tx: Transaction, claim: Omit<ClaimRow, 'id' | 'status' | 'rejectionReason' | 'paymentReference'>): Promise<string> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO incentive_claims (reference, programme_id, programme_version, oem_organisation_id, partner_organisation_id, period, period_start,
         period_end, currency, qualifying_units, qualifying_minor, clawback_minor, total_minor, arithmetic, filed_by_user_id, filed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
      [
        claim.reference,
        claim.programmeId,
        claim.programmeVersion,
        claim.oemOrganisationId,
        claim.partnerOrganisationId,
        claim.period,
        claim.periodStart,
        claim.periodEnd,
        claim.currency,
        claim.qualifyingUnits,
        claim.qualifyingMinor,
        claim.clawbackMinor,
        claim.totalMinor,
        claim.arithmetic,
        claim.filedByUserId,
        claim.filedAt,
      ],
    );
    return rows[0].id;
  }

  /** Many lines in one statement (one array per column). */
  async insertLines(tx: Transaction, claimId: string, programmeId: string, lines: NewClaimLine[]): Promise<void> {
    if (lines.length === 0) return;
    const column = <K extends keyof NewClaimLine>(key: K) => lines.map((l) => l[key]);
    await tx.query(
      `INSERT INTO incentive_claim_lines (claim_id, programme_id, kind, audit_event_id, device_id, lifecycle_id, event_type, entry_seq, entry_hash,
         occurred_at, amount_minor, reason, arithmetic, reverses_line_id, adjusts_claim_id)
       SELECT $1, $2, * FROM unnest($3::text[], $4::bigint[], $5::uuid[], $6::uuid[], $7::text[], $8::int[], $9::text[], $10::timestamptz[],
         $11::bigint[], $12::text[], $13::text[], $14::bigint[], $15::uuid[])`,
      [
        claimId,
        programmeId,
        column('kind'),
        column('auditEventId'),
        column('deviceId'),
        column('lifecycleId'),
        column('eventType'),
        column('entrySeq'),
        column('entryHash'),
        column('occurredAt'),
        column('amountMinor'),
        column('reason'),
        column('arithmetic'),
        column('reversesLineId'),
        column('adjustsClaimId'),
      ],
    );
  }

  async claim(tx: Transaction, id: string, lock = false): Promise<ClaimRow | undefined> {
    const { rows } = await tx.query(`SELECT ${CLAIM} FROM incentive_claims WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] && (camel(rows[0]) as unknown as ClaimRow);
  }

  async claims(
    tx: Transaction,
    q: { programmeId?: string; oemOrganisationId?: string; partnerOrganisationId?: string; period?: string; statuses?: ClaimStatus[] },
  ): Promise<ClaimRow[]> {
    const { rows } = await tx.query(
      `SELECT ${CLAIM} FROM incentive_claims
        WHERE ($1::uuid IS NULL OR programme_id = $1) AND ($2::uuid IS NULL OR oem_organisation_id = $2)
          AND ($3::uuid IS NULL OR partner_organisation_id = $3) AND ($4::text IS NULL OR period = $4)
          AND ($5::text[] IS NULL OR status = ANY($5::text[]))
        ORDER BY period_start, reference LIMIT 1000`,
      [q.programmeId ?? null, q.oemOrganisationId ?? null, q.partnerOrganisationId ?? null, q.period ?? null, q.statuses ?? null],
    );
    return rows.map((r) => camel(r) as unknown as ClaimRow);
  }

  /** References of claims that already hold a qualifying line for these units' events under the programme. */
  async claimedUnits(
    tx: Transaction,
    programmeId: string,
    deviceIds: string[],
    eventTypes: string[],
  ): Promise<Array<{ deviceId: string; reference: string }>> {
    const { rows } = await tx.query<{ device_id: string; reference: string }>(
      `SELECT DISTINCT l.device_id, c.reference FROM incentive_claim_lines l JOIN incentive_claims c ON c.id = l.claim_id
        WHERE l.programme_id = $1 AND l.kind = 'qualifying' AND l.device_id = ANY($2::uuid[]) AND l.event_type = ANY($3::text[])
        ORDER BY c.reference, l.device_id`,
      [programmeId, deviceIds, eventTypes],
    );
    return rows.map((r) => ({ deviceId: r.device_id, reference: r.reference }));
  }

  async lines(
    tx: Transaction,
    claimId: string,
    after: string | null,
    limit: number,
    kinds: string[] | null = null,
  ): Promise<ClaimLineRow[]> {
    const { rows } = await tx.query(
      `SELECT ${LINE} FROM incentive_claim_lines WHERE claim_id = $1 AND ($2::bigint IS NULL OR id > $2) AND ($4::text[] IS NULL OR kind = ANY($4::text[]))
        ORDER BY id LIMIT $3`,
      [claimId, after, limit, kinds],
    );
    return rows.map((r) => camel(r) as unknown as ClaimLineRow);
  }

  /** What later claims have already taken back from a claim: clawback lines and the sum of every adjustment. */
  async adjustmentsOf(tx: Transaction, claimIds: string[]): Promise<Map<string, { reversedUnits: number; adjustedMinor: number }>> {
    const { rows } = await tx.query<{ adjusts_claim_id: string; reversed: number; adjusted: number }>(
      `SELECT adjusts_claim_id, count(*) FILTER (WHERE kind = 'clawback')::int AS reversed, sum(amount_minor)::float8 AS adjusted
         FROM incentive_claim_lines WHERE adjusts_claim_id = ANY($1::uuid[]) GROUP BY adjusts_claim_id`,
      [claimIds],
    );
    return new Map(rows.map((r) => [r.adjusts_claim_id, { reversedUnits: r.reversed, adjustedMinor: r.adjusted }]));
  }

  /** Distinct units cited by a claim's lines, and how many lines cite each entry. */
  async citedEntries(
    tx: Transaction,
    claimId: string,
  ): Promise<Array<{ deviceId: string; lifecycleId: string; seq: number; hash: string }>> {
    const { rows } = await tx.query<{ device_id: string; lifecycle_id: string; entry_seq: number; entry_hash: string }>(
      `SELECT device_id, lifecycle_id, entry_seq, entry_hash FROM incentive_claim_lines WHERE claim_id = $1 AND entry_hash IS NOT NULL ORDER BY device_id, id`,
      [claimId],
    );
    return rows.map((r) => ({ deviceId: r.device_id, lifecycleId: r.lifecycle_id, seq: r.entry_seq, hash: r.entry_hash }));
  }

  async setStatus(
    tx: Transaction,
    id: string,
    change: { from: ClaimStatus; to: ClaimStatus; rejectionReason?: string; paymentReference?: string },
  ): Promise<boolean> {
    const { rowCount } = await tx.query(
      `UPDATE incentive_claims SET status = $3, rejection_reason = COALESCE($4, rejection_reason), payment_reference = COALESCE($5, payment_reference)
        WHERE id = $1 AND status = $2`,
      [id, change.from, change.to, change.rejectionReason ?? null, change.paymentReference ?? null],
    );
    return rowCount === 1;
  }

  async insertTransition(tx: Transaction, claimId: string, t: Omit<TransitionRow, 'occurredAt'>): Promise<void> {
    await tx.query(
      `INSERT INTO incentive_claim_transitions (claim_id, from_status, to_status, actor, reason, payment_reference) VALUES ($1, $2, $3, $4, $5, $6)`,
      [claimId, t.fromStatus, t.toStatus, JSON.stringify(t.actor), t.reason, t.paymentReference],
    );
  }

  async transitions(tx: Transaction, claimId: string): Promise<TransitionRow[]> {
    const { rows } = await tx.query(
      `SELECT from_status, to_status, actor, reason, payment_reference, occurred_at FROM incentive_claim_transitions WHERE claim_id = $1 ORDER BY id`,
      [claimId],
    );
    return rows.map((r) => camel(r) as unknown as TransitionRow);
  }

  /** Whether the partner holds any licence of this OEM (incentives are offered to its licensed partners). */
  async licensedBy(tx: Transaction, oemOrganisationId: string, partnerOrganisationId: string): Promise<boolean> {
    const { rowCount } = await tx.query(`SELECT 1 FROM licences WHERE oem_organisation_id = $1 AND partner_organisation_id = $2 LIMIT 1`, [
      oemOrganisationId,
      partnerOrganisationId,
    ]);
    return rowCount === 1;
  }

  /** A partner's volumes recorded in a time range (takebacks received, refurbished units sold), by index range. */
  async volumes(tx: Transaction, partnerOrganisationId: string, from: Date, to: Date): Promise<{ takebacks: number; sales: number }> {
    const { rows } = await tx.query<{ event_type: string; n: number }>(
      `SELECT event_type, count(*)::int AS n FROM audit_events
        WHERE actor->>'organisationId' = $1::text AND event_type = ANY('{RECEIVE,SELL}'::text[]) AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY event_type`,
      [partnerOrganisationId, from, to],
    );
    const of = (type: string) => rows.find((r) => r.event_type === type)?.n ?? 0;
    return { takebacks: of('RECEIVE'), sales: of('SELL') };
  }
}

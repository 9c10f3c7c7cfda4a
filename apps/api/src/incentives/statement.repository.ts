import { Injectable } from '@nestjs/common';
import { QUALIFYING_EVENTS, REVERSING_EVENTS } from '@recert/incentives';
import type { IncentiveTerms, Period } from '@recert/incentives';
import type { Transaction } from '../database/transaction';
import type { CandidateEntry, ReversalCandidate } from './incentive.types';

const reversalTypes = (terms: IncentiveTerms) => [...new Set(terms.reversingEvents.map((r) => REVERSING_EVENTS[r].eventType))];
const reversalOutcomes = (terms: IncentiveTerms) =>
  terms.reversingEvents.map((r) => REVERSING_EVENTS[r].outcome).filter((o): o is NonNullable<typeof o> => o !== null);

/**
 * What a statement reads of the trail (read only). The candidates come from one index range of
 * audit_events_organisation_type_time_idx (recorder, type, time); everything else is looked up per entry by key.
 */
@Injectable()
export class StatementRepository {
  async candidates(
    tx: Transaction,
    q: {
      programmeId: string;
      oemOrganisationId: string;
      partnerOrganisationId: string;
      terms: IncentiveTerms;
      period: Period;
      deviceIds: string[] | null;
    },
  ): Promise<CandidateEntry[]> {
    const { terms } = q;
    const { rows } = await tx.query<Record<string, never>>(
      `SELECT a.id::text AS audit_event_id, a.device_id, a.lifecycle_id, a.seq, a.event_type, a.hash, a.occurred_at,
              lv.licence_id IS NOT NULL AS licensed,
              c.reference AS claimed_by,
              EXISTS (SELECT 1 FROM audit_events r
                       WHERE r.device_id = a.device_id AND r.id > a.id AND r.event_type = ANY($9::text[])
                         AND (r.event_type <> 'RMA_RESOLVED' OR r.payload->>'outcome' = ANY($10::text[]))
                         AND r.occurred_at < a.occurred_at + make_interval(days => $11)) AS reversed,
              deal.price AS deal_price, deal.currency AS deal_currency
         FROM audit_events a
         JOIN devices d ON d.id = a.device_id
         JOIN lifecycles l ON l.id = a.lifecycle_id
         LEFT JOIN takebacks t ON t.id = l.takeback_id
         LEFT JOIN licences li ON li.id = (a.licence_decision->>'licenceId')::uuid
                              AND li.oem_organisation_id = $2 AND li.partner_organisation_id = $3
         LEFT JOIN licence_versions lv ON lv.licence_id = li.id AND lv.version = (a.licence_decision->>'version')::int
                              AND lv.status = 'active' AND a.occurred_at >= lv.valid_from AND a.occurred_at < lv.valid_to
         LEFT JOIN incentive_claim_lines cl ON cl.programme_id = $1 AND cl.lifecycle_id = a.lifecycle_id
                              AND cl.event_type = a.event_type AND cl.kind = 'qualifying'
         LEFT JOIN incentive_claims c ON c.id = cl.claim_id
         LEFT JOIN LATERAL (SELECT p.payload->>'price' AS price, p.payload->>'currency' AS currency FROM audit_events p
                             WHERE $15::boolean AND p.device_id = a.device_id AND p.lifecycle_id = a.lifecycle_id AND p.event_type = 'LIST' AND p.id < a.id
                             ORDER BY p.id DESC LIMIT 1) deal ON true
        WHERE a.actor->>'organisationId' = $3::text AND a.event_type = ANY($4::text[])
          AND a.occurred_at >= $5 AND a.occurred_at < $6
          AND ($7::uuid[] IS NULL OR a.device_id = ANY($7::uuid[]))
          AND (cardinality($8::text[]) = 0 OR lower(d.brand) = ANY($8::text[]))
          AND (cardinality($12::text[]) = 0 OR d.device_class = ANY($12::text[]))
          AND (cardinality($13::text[]) = 0 OR COALESCE(a.payload->>'market', t.market) = ANY($13::text[]))
          AND (cardinality($14::text[]) = 0 OR l.snapshot->'context'->>'grade' = ANY($14::text[]))
        ORDER BY a.id`,
      [
        q.programmeId,
        q.oemOrganisationId,
        q.partnerOrganisationId,
        terms.qualifyingEvents.map((e) => QUALIFYING_EVENTS[e]),
        q.period.start,
        q.period.end,
        q.deviceIds,
        terms.filters.brands.map((b) => b.toLowerCase()),
        reversalTypes(terms),
        reversalOutcomes(terms),
        terms.clawbackWindowDays,
        terms.filters.deviceClasses,
        terms.filters.markets,
        terms.filters.grades,
        terms.rule.kind === 'percentage',
      ],
    );
    return rows.map((r) => ({
      auditEventId: r.audit_event_id,
      deviceId: r.device_id,
      lifecycleId: r.lifecycle_id,
      seq: r.seq,
      eventType: r.event_type,
      hash: r.hash,
      occurredAt: r.occurred_at,
      licensed: r.licensed,
      claimedBy: r.claimed_by,
      reversed: r.reversed,
      dealPrice: r.deal_price,
      dealCurrency: r.deal_currency,
    }));
  }

  /**
   * Lines this partner claimed in earlier periods judged under this version, that a later entry of the unit's
   * trail reverses inside the version's clawback window, recorded before `until`, not clawed back yet.
   */
  async reversals(
    tx: Transaction,
    q: { programmeId: string; partnerOrganisationId: string; version: number; terms: IncentiveTerms; before: Date; until: Date },
  ): Promise<ReversalCandidate[]> {
    if (q.terms.reversingEvents.length === 0) return [];
    const { rows } = await tx.query<Record<string, never>>(
      `SELECT cl.id::text AS line_id, c.id AS claim_id, c.period AS claim_period, cl.amount_minor::int AS amount_minor,
              r.id::text AS reversal_event_id, r.device_id, r.lifecycle_id, r.seq, r.event_type, r.hash, r.occurred_at
         FROM incentive_claims c
         JOIN incentive_claim_lines cl ON cl.claim_id = c.id AND cl.kind = 'qualifying'
         CROSS JOIN LATERAL (
           SELECT x.id, x.device_id, x.lifecycle_id, x.seq, x.event_type, x.hash, x.occurred_at FROM audit_events x
            WHERE x.device_id = cl.device_id AND x.id > cl.audit_event_id AND x.occurred_at < $5
              AND x.occurred_at < cl.occurred_at + make_interval(days => $8)
              AND x.event_type = ANY($6::text[]) AND (x.event_type <> 'RMA_RESOLVED' OR x.payload->>'outcome' = ANY($7::text[]))
            ORDER BY x.id LIMIT 1) r
        WHERE c.programme_id = $1 AND c.partner_organisation_id = $2 AND c.programme_version = $3 AND c.status <> 'rejected'
          AND c.period_start < $4
          AND NOT EXISTS (SELECT 1 FROM incentive_claim_lines k WHERE k.reverses_line_id = cl.id AND k.kind = 'clawback')
        ORDER BY c.period_start, cl.id`,
      [
        q.programmeId,
        q.partnerOrganisationId,
        q.version,
        q.before,
        q.until,
        reversalTypes(q.terms),
        reversalOutcomes(q.terms),
        q.terms.clawbackWindowDays,
      ],
    );
    return rows.map((r) => ({
      lineId: r.line_id,
      claimId: r.claim_id,
      claimPeriod: r.claim_period,
      claimVersion: q.version,
      amountMinor: r.amount_minor,
      reversalEventId: r.reversal_event_id,
      deviceId: r.device_id,
      lifecycleId: r.lifecycle_id,
      seq: r.seq,
      eventType: r.event_type,
      hash: r.hash,
      occurredAt: r.occurred_at,
    }));
  }
}

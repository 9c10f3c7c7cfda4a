import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  clawback,
  formatMinor,
  IncentiveTerms,
  judgeFiling,
  majorToMinor,
  parsePeriod,
  periodAmounts,
  QUALIFYING_EVENTS,
} from '@recert/incentives';
import { actorOf, Caller } from '../auth/caller';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { Transaction, Transactions } from '../database/transaction';
import type { FileClaimDto } from './incentive.dto';
import { IncentiveClock } from './incentive-clock';
import type { CandidateEntry, ClaimRow, NewClaimLine, ReversalCandidate } from './incentive.types';
import { IncentiveProgrammeService } from './incentive-programme.service';
import { IncentiveRepository } from './incentive.repository';
import { StatementRepository } from './statement.repository';

const UNIT_EVENT_KEY = 'incentive_claim_lines_unit_event_key';
const PERIOD_KEY = 'incentive_claims_period_key';

/**
 * Filing a claim: the statement is built from the trail in the claim's own transaction — one line per qualifying
 * (unit, lifecycle, event) citing its entry's hash, rejected lines with their reason, and clawbacks of earlier
 * periods — and stored with it. The database refuses a unit-event in two claims of one programme.
 */
@Injectable()
export class ClaimFilingService {
  constructor(
    private readonly transactions: Transactions,
    private readonly programmes: IncentiveProgrammeService,
    private readonly incentives: IncentiveRepository,
    private readonly statements: StatementRepository,
    private readonly clock: IncentiveClock,
  ) {}

  async file(caller: Caller, programmeId: string, input: FileClaimDto): Promise<string> {
    if (caller.organisationKind !== 'partner') throw new DomainError(DomainErrorCode.Forbidden, 'Only a partner files incentive claims.');
    const filedAt = this.clock.now();
    try {
      return await this.transactions.run((tx) => this.build(tx, caller, programmeId, input, filedAt));
    } catch (error) {
      throw await this.conflictOf(error, programmeId, caller, input);
    }
  }

  private async build(tx: Transaction, caller: Caller, programmeId: string, input: FileClaimDto, filedAt: Date): Promise<string> {
    const kind = input.period.includes('Q') ? 'quarterly' : 'monthly';
    const period = parsePeriod(kind, input.period);
    if (!period) throw refused('unknown-period', `${input.period} is not a ${kind} period`);
    const { programme, version, versions } = await this.programmes.inForce(tx, programmeId, period.start);
    if (!(await this.incentives.licensedBy(tx, programme.oemOrganisationId, caller.organisationId)))
      throw new DomainError(
        DomainErrorCode.Forbidden,
        "The programme is offered to the OEM's licensed partners; your organisation holds no licence of it.",
      );
    if (!version) throw refused('no-version-in-force', `no version of the programme was in force at ${period.start.toISOString()}`);
    const terms = version.terms;
    if (terms.period !== kind)
      throw refused('period-kind', `the version in force at the period's start (v${version.version}) has ${terms.period} periods`);
    const filing = judgeFiling(period, terms.claimWindowDays, filedAt);
    if (!filing.ok) throw refused(filing.code, filing.reason);

    const [existing] = await this.incentives.claims(tx, { programmeId, partnerOrganisationId: caller.organisationId, period: period.key });
    if (existing) throw alreadyFiled(existing.reference, period.key);
    const eventTypes = terms.qualifyingEvents.map((e) => QUALIFYING_EVENTS[e]);
    if (input.deviceIds) {
      const claimed = await this.incentives.claimedUnits(tx, programmeId, input.deviceIds, eventTypes);
      if (claimed.length) throw unitsClaimed(claimed);
    }

    const candidates = await this.statements.candidates(tx, {
      programmeId,
      oemOrganisationId: programme.oemOrganisationId,
      partnerOrganisationId: caller.organisationId,
      terms,
      period,
      deviceIds: input.deviceIds ?? null,
    });
    const { lines: periodLines, qualifyingUnits, qualifyingMinor, arithmetic } = statementLines(terms, candidates);
    const missing = (input.deviceIds ?? []).filter((id) => !candidates.some((c) => c.deviceId === id));
    const missingLines = missing.map((deviceId) =>
      line({ kind: 'rejected', deviceId, reason: 'no qualifying entry recorded by your organisation in the period' }),
    );

    const reversals = (
      await Promise.all(
        versions.map((v) =>
          this.statements.reversals(tx, {
            programmeId,
            partnerOrganisationId: caller.organisationId,
            version: v.version,
            terms: v.terms,
            before: period.start,
            until: period.end,
          }),
        ),
      )
    ).flat();
    const clawbacks = await this.clawbackLines(tx, reversals, versions);
    const clawbackMinor = clawbacks.lines.reduce((sum, l) => sum + l.amountMinor, 0);
    const totalMinor = qualifyingMinor + clawbackMinor;

    const claimId = await this.incentives.insertClaim(tx, {
      reference: `INC-${period.key}-${randomBytes(4).toString('hex').toUpperCase()}`,
      programmeId,
      programmeVersion: version.version,
      oemOrganisationId: programme.oemOrganisationId,
      partnerOrganisationId: caller.organisationId,
      period: period.key,
      periodStart: period.start,
      periodEnd: period.end,
      currency: terms.currency,
      qualifyingUnits,
      qualifyingMinor,
      clawbackMinor,
      totalMinor,
      arithmetic: [
        `period ${period.key} under v${version.version}: ${arithmetic}`,
        ...clawbacks.arithmetic,
        `total ${formatMinor(qualifyingMinor)} + (${formatMinor(clawbackMinor)}) = ${formatMinor(totalMinor)} ${terms.currency}`,
      ].join('; '),
      filedByUserId: caller.userId,
      filedAt,
    });
    await this.incentives.insertLines(tx, claimId, programmeId, [...periodLines, ...missingLines, ...clawbacks.lines]);
    await this.incentives.insertTransition(tx, claimId, {
      fromStatus: null,
      toStatus: 'submitted',
      actor: actorOf(caller),
      reason: null,
      paymentReference: null,
    });
    return claimId;
  }

  /** Reversals grouped by the claim they reverse; each claim's period is recomputed from where it stands now. */
  private async clawbackLines(
    tx: Transaction,
    reversals: ReversalCandidate[],
    versions: Array<{ version: number; terms: IncentiveTerms }>,
  ): Promise<{ lines: NewClaimLine[]; arithmetic: string[] }> {
    const byClaim = new Map<string, ReversalCandidate[]>();
    for (const r of reversals) byClaim.set(r.claimId, [...(byClaim.get(r.claimId) ?? []), r]);
    if (byClaim.size === 0) return { lines: [], arithmetic: [] };
    const adjustments = await this.incentives.adjustmentsOf(tx, [...byClaim.keys()]);
    const lines: NewClaimLine[] = [];
    const arithmetic: string[] = [];
    for (const [claimId, reversed] of byClaim) {
      const original = (await this.incentives.claim(tx, claimId)) as ClaimRow;
      const rule = versions.find((v) => v.version === original.programmeVersion)!.terms.rule;
      const done = adjustments.get(claimId) ?? { reversedUnits: 0, adjustedMinor: 0 };
      const result = clawback(rule, original.qualifyingUnits - done.reversedUnits, original.qualifyingMinor + done.adjustedMinor, reversed);
      reversed.forEach((r, i) =>
        lines.push(
          line({
            kind: 'clawback',
            auditEventId: r.reversalEventId,
            deviceId: r.deviceId,
            lifecycleId: r.lifecycleId,
            eventType: r.eventType,
            entrySeq: r.seq,
            entryHash: r.hash,
            occurredAt: r.occurredAt,
            amountMinor: result.reversals[i],
            reason: `reverses line ${r.lineId} of ${original.reference}`,
            reversesLineId: r.lineId,
            adjustsClaimId: claimId,
          }),
        ),
      );
      if (rule.kind === 'tiered')
        lines.push(
          line({
            kind: 'tier_adjustment',
            amountMinor: result.tierAdjustmentMinor,
            arithmetic: result.arithmetic,
            adjustsClaimId: claimId,
          }),
        );
      arithmetic.push(`clawback of ${original.reference} (${original.period}, ${reversed.length} reversed): ${result.arithmetic}`);
    }
    return { lines, arithmetic };
  }

  /** A unique index that refused the claim's insert (a concurrent filing won): the 409 that names what. */
  private async conflictOf(error: unknown, programmeId: string, caller: Caller, input: FileClaimDto): Promise<unknown> {
    const constraint = (error as { constraint?: string }).constraint;
    if (constraint === PERIOD_KEY) {
      const [existing] = await this.transactions.run((tx) =>
        this.incentives.claims(tx, { programmeId, partnerOrganisationId: caller.organisationId, period: input.period }),
      );
      return alreadyFiled(existing?.reference ?? null, input.period);
    }
    if (constraint === UNIT_EVENT_KEY) {
      return new DomainError(
        DomainErrorCode.UnitEventAlreadyClaimed,
        'A unit-event of this statement was claimed by another claim filed at the same time; file again to get a statement without it.',
        { claims: [] },
      );
    }
    return error;
  }
}

/** Lines of the period: qualifying ones priced by the rule, the rest rejected with their reason. */
function statementLines(terms: IncentiveTerms, candidates: CandidateEntry[]) {
  const rejected: NewClaimLine[] = [];
  const qualifying: Array<{ entry: CandidateEntry; dealValueMinor: number | null }> = [];
  for (const entry of candidates) {
    const reason = rejectionOf(terms, entry);
    if (reason) rejected.push(line({ ...cite(entry), kind: 'rejected', reason }));
    else qualifying.push({ entry, dealValueMinor: entry.dealPrice === null ? null : (majorToMinor(entry.dealPrice) ?? null) });
  }
  const priced = periodAmounts(terms.rule, qualifying);
  const lines = qualifying.map(({ entry }, i) => line({ ...cite(entry), kind: 'qualifying', amountMinor: priced.amounts[i] ?? 0 }));
  return {
    lines: [...lines, ...rejected],
    qualifyingUnits: qualifying.length,
    qualifyingMinor: priced.totalMinor,
    arithmetic: priced.arithmetic,
  };
}

function rejectionOf(terms: IncentiveTerms, entry: CandidateEntry): string | null {
  if (entry.claimedBy) return `already claimed under this programme in ${entry.claimedBy}`;
  if (!entry.licensed) return "not recorded under a licence of the programme's OEM valid at the time";
  if (entry.reversed) return 'reversed within the clawback window before the claim was filed';
  if (terms.rule.kind === 'percentage') {
    if (entry.dealPrice === null || majorToMinor(entry.dealPrice) === undefined) return 'no deal value recorded (LIST price) for this sale';
    if (entry.dealCurrency !== terms.currency)
      return `the deal value is in ${entry.dealCurrency ?? 'no currency'}, the programme pays in ${terms.currency}`;
  }
  return null;
}

const cite = (entry: CandidateEntry) => ({
  auditEventId: entry.auditEventId,
  deviceId: entry.deviceId,
  lifecycleId: entry.lifecycleId,
  eventType: entry.eventType,
  entrySeq: entry.seq,
  entryHash: entry.hash,
  occurredAt: entry.occurredAt,
});

const line = (fields: Partial<NewClaimLine> & { kind: NewClaimLine['kind'] }): NewClaimLine => ({
  auditEventId: null,
  deviceId: null,
  lifecycleId: null,
  eventType: null,
  entrySeq: null,
  entryHash: null,
  occurredAt: null,
  amountMinor: 0,
  reason: null,
  arithmetic: null,
  reversesLineId: null,
  adjustsClaimId: null,
  ...fields,
});

const refused = (code: string, message: string) =>
  new DomainError(DomainErrorCode.ClaimRefused, `The claim cannot be filed: ${message}.`, { reasons: [{ code, message }] });

const alreadyFiled = (reference: string | null, period: string) =>
  new DomainError(DomainErrorCode.IncentiveClaimExists, `Your organisation has already filed a claim for ${period} under this programme.`, {
    reference,
  });

const unitsClaimed = (claimed: Array<{ deviceId: string; reference: string }>) =>
  new DomainError(
    DomainErrorCode.UnitEventAlreadyClaimed,
    `Unit-events of this claim are already claimed under this programme: ${[...new Set(claimed.map((c) => c.reference))].join(', ')}.`,
    { claims: claimed },
  );

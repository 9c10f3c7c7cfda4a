import type { TrailEntry } from '@recert/audit';
import { defaultSuiteFor, findSuite } from '@recert/diagnostics';
import { defaultRubricFor, findRubric, rubricRef, zonesOf } from '@recert/grading';
import type { ExpireWarrantyEvent, OpenClaimEvent, ReturnToOwnerEvent, SellEvent, UnitContext } from '@recert/lifecycle';
import type { ProgrammeVersion, Reason } from './facts';
import { admit, Judgement, refuse } from './judgement';
import { listedMarket } from './listing';
import { unknownValue } from './vocabulary';
import { marketTerms, reaches, RequiredLevel } from './programme-terms';

/** Calendar months later, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(
    Date.UTC(
      from.getUTCFullYear(),
      from.getUTCMonth() + months,
      1,
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
}

const addDays = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000);

/** Media that do not reach the level required where the unit goes (destroyed media always do). */
function mediaBelow(context: UnitContext, required: RequiredLevel): Reason[] {
  return context.media
    .filter((m) => m.status !== 'destroyed' && !reaches(m.level, required))
    .map((m) => ({
      code: 'medium-below-required-level',
      message: `${m.serial} reached ${m.level ?? 'nothing'}; ${required} is required here`,
    }));
}

/** What a unit leaving custody is judged on. */
export interface CustodyExitFacts {
  context: UnitContext;
  /** The programme version the unit is pinned to; it applies to a certified unit only, so it is read only for one. */
  pinned: ProgrammeVersion | undefined;
}

export interface SaleFacts extends CustodyExitFacts {
  /** The unit's current listing (its lifecycle's latest LIST); not read for an RMA replacement. */
  listing?: TrailEntry;
}

/** The programme whose terms apply when the unit leaves: its pinned one, once certified. */
const programmeOf = (facts: CustodyExitFacts) => (facts.context.certified ? facts.pinned : undefined);

/** Set by the server only (an RMA replaced): clients cannot send it, the payload DTO forbids unknown fields. */
export interface WarrantyTransfer {
  fromDeviceId: string;
  fromLifecycleId: string;
  endsAt: string;
  /** The replaced warranty's term, programme and dead-on-arrival days (absent in transfers recorded before they were carried). */
  months?: number | null;
  programme?: string | null;
  doaDays?: number;
}

/**
 * SELL: a certified unit's warranty comes from its programme × the market (standard term, extendable to the
 * programme's maximum, dead-on-arrival window); leaving the owner's control needs at least Purge on every medium.
 * A replacement under RMA (`warrantyTransfer`) takes the rest of the warranty of the unit it replaces instead.
 */
export function judgeSale(facts: SaleFacts, event: SellEvent, now: Date): Judgement<SellEvent> {
  if (event.warrantyTransfer) return transferredSale(facts.context, event, event.warrantyTransfer as WarrantyTransfer, now);
  const programme = programmeOf(facts);
  const reasons: Reason[] = mediaBelow(facts.context, programme?.terms.sanitization.resale ?? 'purge');
  // soldAt is checked against the trail and the clock for every event (judgeChronology) before this rule.
  const soldAt = event.soldAt ? new Date(event.soldAt) : now;
  const listed = listedMarket(facts.listing);
  if (listed !== undefined && listed !== event.market) {
    reasons.push({
      code: 'market-not-listed',
      message: `the unit is listed in ${listed}, not ${event.market}: a sale in another market needs a new listing (UNLIST, then LIST there)`,
    });
  }
  let months = event.warrantyMonths ?? 0;
  let doaDays = 0;
  if (programme) {
    const terms = marketTerms(programme.terms, event.market);
    if (!terms)
      reasons.push({ code: 'market-not-in-programme', message: `${programme.code}@${programme.version} does not sell in ${event.market}` });
    else {
      months = event.warrantyMonths ?? terms.warrantyMonths;
      doaDays = terms.doaDays;
      if (months < terms.warrantyMonths || months > terms.extendableToMonths) {
        reasons.push({
          code: 'warranty-out-of-terms',
          message: `in ${event.market} the warranty is ${terms.warrantyMonths} months, extendable to ${terms.extendableToMonths}`,
        });
      }
    }
  }
  if (reasons.length) return refuse('The sale breaks the programme rules.', reasons);
  const warranty = {
    months,
    startsAt: soldAt.toISOString(),
    endsAt: addMonths(soldAt, months).toISOString(),
    doaEndsAt: addDays(soldAt, doaDays).toISOString(),
    programme: programme ? `${programme.code}@${programme.version}` : null,
    market: event.market,
  };
  return admit({ ...event, soldAt: soldAt.toISOString(), warrantyMonths: months, warranty }, { warranty });
}

/** A replacement under RMA: the claimant keeps the rest of the warranty of the unit it replaces. */
function transferredSale(context: UnitContext, event: SellEvent, transfer: WarrantyTransfer, now: Date): Judgement<SellEvent> {
  const reasons = mediaBelow(context, 'purge');
  if (reasons.length) return refuse('The replacement cannot leave custody.', reasons);
  // The rest of the term, under the same programme and terms: the replacement gets the dead-on-arrival window anew.
  const doaEndsAt = new Date(Math.min(addDays(now, transfer.doaDays ?? 0).getTime(), Date.parse(transfer.endsAt)));
  const warranty = {
    months: transfer.months ?? null,
    startsAt: now.toISOString(),
    endsAt: transfer.endsAt,
    doaEndsAt: doaEndsAt.toISOString(),
    programme: transfer.programme ?? null,
    market: event.market,
    transferredFrom: transfer,
  };
  return admit({ ...event, soldAt: now.toISOString(), warranty }, { warranty });
}

export interface ReturnFacts extends CustodyExitFacts {
  /** The latest RMA_RESOLVED entry; read only for a unit back under RMA. */
  rmaResolution: TrailEntry | undefined;
}

/** RETURN_TO_OWNER (refurbishment as a service): the contract's warranty; media at the programme's level for the owner. */
export function judgeReturn(facts: ReturnFacts, event: ReturnToOwnerEvent, now: Date): Judgement<ReturnToOwnerEvent> {
  const programme = programmeOf(facts);
  const reasons = mediaBelow(facts.context, programme?.terms.sanitization.returnToOwner ?? 'clear');
  const resolution = facts.context.entry === 'rma' ? facts.rmaResolution?.payload : undefined;
  if (facts.context.entry === 'rma' && !resolution)
    reasons.push({
      code: 'rma-unresolved',
      message: 'record the RMA outcome (POST /devices/{id}/rma-resolution) before the unit goes back',
    });
  if (reasons.length) return refuse('The return breaks the programme rules.', reasons);
  // A repaired (or fault-free) unit goes back with the claimant's warranty running on to its original end, at least.
  const continued = (resolution?.warranty as { endsAt?: string | null } | undefined)?.endsAt ?? null;
  const contractEnd = addMonths(now, event.warrantyMonths).toISOString();
  const endsAt = continued && continued > contractEnd ? continued : contractEnd;
  const warranty = {
    months: event.warrantyMonths,
    startsAt: now.toISOString(),
    endsAt,
    doaEndsAt: now.toISOString(),
    programme: null,
    market: null,
    continuesFrom: continued,
  };
  return admit({ ...event, warranty }, { warranty });
}

type Warranty = { endsAt: string; doaEndsAt: string } | undefined;
/** The events that start a warranty; the latest one's warranty is the one running. */
export const SALE_EVENTS = ['SELL', 'RETURN_TO_OWNER'];
const warrantyIn = (entries: TrailEntry[]) => entries.filter((e) => SALE_EVENTS.includes(e.eventType)).at(-1)?.payload.warranty as Warranty;

export interface ClaimFacts {
  /** This lifecycle's SELL, RETURN_TO_OWNER, GRADE, REGRADE and TEST_RESULT entries, oldest first. */
  trail: TrailEntry[];
  deviceClass: string;
}

/**
 * What a claim may name: the defect codes and zones of the rubric the unit was graded under, and the checks of
 * the suite it was tested under (their defaults for its class when it was not) — a claim is matched against both.
 */
function claimVocabulary(grading: TrailEntry | undefined, test: TrailEntry | undefined, deviceClass: string) {
  const rubric = (grading && findRubric(String(grading.payload.rubric))) || defaultRubricFor(deviceClass);
  const suite = (test && findSuite(String(test.payload.suite))) || defaultSuiteFor(deviceClass);
  const checks = suite?.checks.map((c) => c.name) ?? [];
  const catalogue = [rubricRef(rubric), suite ? `${suite.id}@${suite.version}` : null].filter(Boolean).join(' and ');
  return { codes: [...rubric.defectCodes, ...checks], zones: [...zonesOf(rubric), ...checks], catalogue };
}

/**
 * OPEN_CLAIM: only inside the warranty window. The answer says whether the defect was on record at grading
 * (same code, and zone when given) or at test (a failed check named by the code or the zone).
 */
export function judgeClaim(facts: ClaimFacts, event: OpenClaimEvent, now: Date): Judgement<OpenClaimEvent> {
  const entries = facts.trail;
  const warranty = warrantyIn(entries);
  if (!warranty || now.toISOString() >= warranty.endsAt) {
    return refuse('The warranty has ended.', [
      { code: 'outside-warranty', message: `the warranty ended at ${warranty?.endsAt ?? 'its start'}` },
    ]);
  }
  const grading = entries.filter((e) => e.eventType === 'GRADE' || e.eventType === 'REGRADE').at(-1);
  const test = entries.filter((e) => e.eventType === 'TEST_RESULT').at(-1);
  const vocabulary = claimVocabulary(grading, test, facts.deviceClass);
  const unknown: Reason[] = [
    ...(event.defectCode !== undefined && !vocabulary.codes.includes(event.defectCode)
      ? [unknownValue('defect-code-unknown', 'defectCode', event.defectCode, vocabulary.codes, vocabulary.catalogue)]
      : []),
    ...(event.zone !== undefined && !vocabulary.zones.includes(event.zone)
      ? [unknownValue('zone-unknown', 'zone', event.zone, vocabulary.zones, vocabulary.catalogue)]
      : []),
  ];
  if (unknown.length) return refuse('The claim names a defect or zone outside the unit’s vocabularies.', unknown);
  const defects = (grading?.payload.defects as Array<{ code: string; zone: string; severity: number }> | undefined) ?? [];
  const matching = event.defectCode ? defects.filter((d) => d.code === event.defectCode && (!event.zone || d.zone === event.zone)) : [];
  const failedChecks = (test?.payload.failed as string[] | undefined) ?? [];
  const names = [event.defectCode, event.zone].filter((n): n is string => !!n);
  const assessment = {
    withinDoa: now.toISOString() < warranty.doaEndsAt,
    recordedAtGrading: matching.length > 0,
    gradingEntry: grading?.seq ?? null,
    gradedDefects: matching,
    recordedAtTest: names.some((n) => failedChecks.includes(n)),
    testEntry: test?.seq ?? null,
    warrantyEndsAt: warranty.endsAt,
  };
  return admit({ ...event, assessment }, { assessment });
}

export interface ExpiryFacts {
  /** This lifecycle's SELL and RETURN_TO_OWNER entries, oldest first. */
  sales: TrailEntry[];
}

/** EXPIRE_WARRANTY: only once the warranty has ended (the scheduler sends it then). */
export function judgeExpiry(facts: ExpiryFacts, event: ExpireWarrantyEvent, now: Date): Judgement<ExpireWarrantyEvent> {
  const warranty = warrantyIn(facts.sales);
  if (warranty && now.toISOString() < warranty.endsAt) {
    return refuse('The warranty has not ended yet.', [{ code: 'warranty-not-due', message: `the warranty ends at ${warranty.endsAt}` }]);
  }
  return admit(event);
}

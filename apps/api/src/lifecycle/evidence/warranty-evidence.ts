import type { ExpireWarrantyEvent, OpenClaimEvent, ReturnToOwnerEvent, SellEvent } from '@recert/lifecycle';
import { DomainErrorCode, Reason, rejected } from '../../common/domain-error';
import type { TrailEntry } from '@recert/audit';
import { marketTerms, reaches, RequiredLevel } from '@recert/evidence';
import type { Admitted } from '../command-context';
import type { EvidenceContext } from './evidence-context';

/** Calendar months later, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
}

const addDays = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000);
const CLOCK_SKEW_MS = 5 * 60_000;

/** Media that do not reach the level required where the unit goes (destroyed media always do). */
function mediaBelow(ev: EvidenceContext, required: RequiredLevel): Reason[] {
  return ev.context.media
    .filter((m) => m.status !== 'destroyed' && !reaches(m.level, required))
    .map((m) => ({ code: 'medium-below-required-level', message: `${m.serial} reached ${m.level ?? 'nothing'}; ${required} is required here` }));
}

/**
 * SELL: a certified unit's warranty comes from its programme × the market (standard term, extendable to the
 * programme's maximum, dead-on-arrival window); leaving the owner's control needs at least Purge on every medium.
 */
export async function admitSale(ev: EvidenceContext, event: SellEvent): Promise<Admitted> {
  if (event.warrantyTransfer) return transferredSale(ev, event, event.warrantyTransfer as WarrantyTransfer);
  const programme = ev.context.certified ? await ev.pinnedProgramme() : undefined;
  const reasons: Reason[] = mediaBelow(ev, programme?.terms.sanitization.resale ?? 'purge');
  const soldAt = event.soldAt ? new Date(event.soldAt) : ev.now;
  // A sale recorded after the fact may be dated back, never ahead (a little clock skew aside).
  if (soldAt.getTime() > ev.now.getTime() + CLOCK_SKEW_MS) reasons.push({ code: 'sold-in-future', message: `soldAt ${soldAt.toISOString()} is later than now` });
  let months = event.warrantyMonths ?? 0;
  let doaDays = 0;
  if (programme) {
    const terms = marketTerms(programme.terms, event.market);
    if (!terms) reasons.push({ code: 'market-not-in-programme', message: `${programme.code}@${programme.version} does not sell in ${event.market}` });
    else {
      months = event.warrantyMonths ?? terms.warrantyMonths;
      doaDays = terms.doaDays;
      if (months < terms.warrantyMonths || months > terms.extendableToMonths) {
        reasons.push({ code: 'warranty-out-of-terms', message: `in ${event.market} the warranty is ${terms.warrantyMonths} months, extendable to ${terms.extendableToMonths}` });
      }
    }
  }
  if (reasons.length) throw rejected(DomainErrorCode.EvidenceRejected, 'The sale breaks the programme rules.', reasons);
  const warranty = {
    months, startsAt: soldAt.toISOString(), endsAt: addMonths(soldAt, months).toISOString(), doaEndsAt: addDays(soldAt, doaDays).toISOString(),
    programme: programme ? `${programme.code}@${programme.version}` : null, market: event.market,
  };
  return { event: { ...event, soldAt: soldAt.toISOString(), warrantyMonths: months, warranty }, evidence: { warranty } };
}

/** Set by the server only (an RMA replaced): clients cannot send it, the payload DTO forbids unknown fields. */
interface WarrantyTransfer {
  fromDeviceId: string;
  fromLifecycleId: string;
  endsAt: string;
}

/** A replacement under RMA: the claimant keeps the rest of the warranty of the unit it replaces. */
function transferredSale(ev: EvidenceContext, event: SellEvent, transfer: WarrantyTransfer): Admitted {
  const reasons = mediaBelow(ev, 'purge');
  if (reasons.length) throw rejected(DomainErrorCode.EvidenceRejected, 'The replacement cannot leave custody.', reasons);
  const warranty = { months: null, startsAt: ev.now.toISOString(), endsAt: transfer.endsAt, doaEndsAt: ev.now.toISOString(), programme: null, market: event.market, transferredFrom: transfer };
  return { event: { ...event, soldAt: ev.now.toISOString(), warranty }, evidence: { warranty } };
}

/** RETURN_TO_OWNER (refurbishment as a service): the contract's warranty; media at the programme's level for the owner. */
export async function admitReturn(ev: EvidenceContext, event: ReturnToOwnerEvent): Promise<Admitted> {
  const programme = ev.context.certified ? await ev.pinnedProgramme() : undefined;
  const reasons = mediaBelow(ev, programme?.terms.sanitization.returnToOwner ?? 'clear');
  const resolution = ev.context.entry === 'rma' ? (await ev.latest('RMA_RESOLVED'))?.payload : undefined;
  if (ev.context.entry === 'rma' && !resolution) reasons.push({ code: 'rma-unresolved', message: 'record the RMA outcome (POST /devices/{id}/rma-resolution) before the unit goes back' });
  if (reasons.length) throw rejected(DomainErrorCode.EvidenceRejected, 'The return breaks the programme rules.', reasons);
  // A repaired (or fault-free) unit goes back with the claimant's warranty running on to its original end, at least.
  const continued = (resolution?.warranty as { endsAt?: string | null } | undefined)?.endsAt ?? null;
  const contractEnd = addMonths(ev.now, event.warrantyMonths).toISOString();
  const endsAt = continued && continued > contractEnd ? continued : contractEnd;
  const warranty = { months: event.warrantyMonths, startsAt: ev.now.toISOString(), endsAt, doaEndsAt: ev.now.toISOString(), programme: null, market: null, continuesFrom: continued };
  return { event: { ...event, warranty }, evidence: { warranty } };
}

type Warranty = { endsAt: string; doaEndsAt: string } | undefined;
const SALES = ['SELL', 'RETURN_TO_OWNER'];
const warrantyIn = (entries: TrailEntry[]) => entries.filter((e) => SALES.includes(e.eventType)).at(-1)?.payload.warranty as Warranty;

/**
 * OPEN_CLAIM: only inside the warranty window. The answer says whether the defect was on record at grading
 * (same code, and zone when given) or at test (a failed check named by the code or the zone).
 */
export async function admitClaim(ev: EvidenceContext, event: OpenClaimEvent): Promise<Admitted> {
  const entries = await ev.trail(...SALES, 'GRADE', 'REGRADE', 'TEST_RESULT');
  const warranty = warrantyIn(entries);
  if (!warranty || ev.now.toISOString() >= warranty.endsAt) {
    throw rejected(DomainErrorCode.EvidenceRejected, 'The warranty has ended.', [{ code: 'outside-warranty', message: `the warranty ended at ${warranty?.endsAt ?? 'its start'}` }]);
  }
  const grading = entries.filter((e) => e.eventType === 'GRADE' || e.eventType === 'REGRADE').at(-1);
  const test = entries.filter((e) => e.eventType === 'TEST_RESULT').at(-1);
  const defects = (grading?.payload.defects as Array<{ code: string; zone: string; severity: number }> | undefined) ?? [];
  const matching = event.defectCode ? defects.filter((d) => d.code === event.defectCode && (!event.zone || d.zone === event.zone)) : [];
  const failedChecks = (test?.payload.failed as string[] | undefined) ?? [];
  const names = [event.defectCode, event.zone].filter((n): n is string => !!n);
  const assessment = {
    withinDoa: ev.now.toISOString() < warranty.doaEndsAt,
    recordedAtGrading: matching.length > 0,
    gradingEntry: grading?.seq ?? null,
    gradedDefects: matching,
    recordedAtTest: names.some((n) => failedChecks.includes(n)),
    testEntry: test?.seq ?? null,
    warrantyEndsAt: warranty.endsAt,
  };
  return { event: { ...event, assessment }, evidence: { assessment } };
}

/** EXPIRE_WARRANTY: only once the warranty has ended (the scheduler sends it then). */
export async function admitExpiry(ev: EvidenceContext, event: ExpireWarrantyEvent): Promise<Admitted> {
  const warranty = warrantyIn(await ev.trail(...SALES));
  if (warranty && ev.now.toISOString() < warranty.endsAt) {
    throw rejected(DomainErrorCode.EvidenceRejected, 'The warranty has not ended yet.', [{ code: 'warranty-not-due', message: `the warranty ends at ${warranty.endsAt}` }]);
  }
  return { event };
}

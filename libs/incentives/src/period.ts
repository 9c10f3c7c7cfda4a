/** Programme periods, in UTC: "2026-12" (monthly) or "2026-Q4" (quarterly). */
export const PERIOD_KINDS = ['monthly', 'quarterly'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  key: string;
  kind: PeriodKind;
  /** Inclusive. */
  start: Date;
  /** Exclusive: the first instant after the period. */
  end: Date;
}

const DAY_MS = 86_400_000;

/** The period a key names, if it is one of this kind; undefined for anything else. */
export function parsePeriod(kind: PeriodKind, key: string): Period | undefined {
  const match = kind === 'monthly' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key) : /^(\d{4})-Q([1-4])$/.exec(key);
  if (!match) return undefined;
  const year = Number(match[1]);
  const firstMonth = kind === 'monthly' ? Number(match[2]) - 1 : (Number(match[2]) - 1) * 3;
  const months = kind === 'monthly' ? 1 : 3;
  return { key, kind, start: new Date(Date.UTC(year, firstMonth, 1)), end: new Date(Date.UTC(year, firstMonth + months, 1)) };
}

/** The period of this kind that contains an instant. */
export function periodOf(kind: PeriodKind, at: Date): Period {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  const key = kind === 'monthly' ? `${year}-${String(month + 1).padStart(2, '0')}` : `${year}-Q${Math.floor(month / 3) + 1}`;
  return parsePeriod(kind, key)!;
}

/** The period right after this one. */
export const nextPeriod = (period: Period): Period => periodOf(period.kind, period.end);

export type FilingVerdict = { ok: true; closesAt: Date } | { ok: false; code: 'period-not-ended' | 'claim-window-closed'; reason: string };

/**
 * A claim may be filed once its period has ended and until `claimWindowDays` full days after it:
 * for 2026-12 with 30 days, from 2027-01-01T00:00Z up to (not including) 2027-01-31T00:00Z.
 */
export function judgeFiling(period: Period, claimWindowDays: number, filedAt: Date): FilingVerdict {
  const closesAt = new Date(period.end.getTime() + claimWindowDays * DAY_MS);
  if (filedAt < period.end)
    return { ok: false, code: 'period-not-ended', reason: `period ${period.key} ends at ${period.end.toISOString()}; file after it` };
  if (filedAt >= closesAt)
    return {
      ok: false,
      code: 'claim-window-closed',
      reason: `the claim window of period ${period.key} (${claimWindowDays} days after ${period.end.toISOString()}) closed at ${closesAt.toISOString()}; filed at ${filedAt.toISOString()}`,
    };
  return { ok: true, closesAt };
}

/** Whether a reversal falls inside the clawback window that opens with the qualifying event. */
export function withinClawbackWindow(qualifiedAt: Date, reversedAt: Date, clawbackWindowDays: number): boolean {
  return reversedAt >= qualifiedAt && reversedAt.getTime() < qualifiedAt.getTime() + clawbackWindowDays * DAY_MS;
}

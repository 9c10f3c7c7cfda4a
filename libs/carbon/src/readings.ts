/** A metered period of one device: [periodStart, periodEnd), with kWh or power-on hours. */
export interface ReadingPeriod {
  periodStart: string;
  periodEnd: string;
  kwh?: number | null;
  powerOnHours?: number | null;
}

export type ReadingVerdict =
  | { status: 'recorded' }
  | { status: 'duplicate' }
  | { status: 'conflict'; reason: 'overlap' | 'out-of-order' | 'different-values'; recorded: { periodStart: string; periodEnd: string } };

const ms = (iso: string) => Date.parse(iso);
const same = (a?: number | null, b?: number | null) => (a ?? null) === (b ?? null);
const iso = (p: ReadingPeriod) => ({
  periodStart: new Date(ms(p.periodStart)).toISOString(),
  periodEnd: new Date(ms(p.periodEnd)).toISOString(),
});

/**
 * Readings of one device against those recorded: the same period with the same values again is a duplicate
 * (idempotent); the same period with other values, a period overlapping a recorded one, or one that starts before
 * the latest recorded period ends is a conflict naming the recorded period. A request's own readings may come in
 * any order: they are judged from the earliest.
 */
export function judgeReadings(recorded: ReadingPeriod[], incoming: ReadingPeriod[]): ReadingVerdict[] {
  const accepted = [...recorded];
  const verdicts: ReadingVerdict[] = new Array<ReadingVerdict>(incoming.length);
  const order = incoming.map((_, i) => i).sort((a, b) => ms(incoming[a].periodStart) - ms(incoming[b].periodStart));
  for (const i of order) {
    const r = incoming[i];
    const twin = accepted.find((a) => ms(a.periodStart) === ms(r.periodStart) && ms(a.periodEnd) === ms(r.periodEnd));
    if (twin) {
      verdicts[i] =
        same(twin.kwh, r.kwh) && same(twin.powerOnHours, r.powerOnHours)
          ? { status: 'duplicate' }
          : { status: 'conflict', reason: 'different-values', recorded: iso(twin) };
      continue;
    }
    const overlap = accepted.find((a) => ms(a.periodStart) < ms(r.periodEnd) && ms(r.periodStart) < ms(a.periodEnd));
    if (overlap) {
      verdicts[i] = { status: 'conflict', reason: 'overlap', recorded: iso(overlap) };
      continue;
    }
    const latest = accepted.reduce<ReadingPeriod | undefined>((l, a) => (!l || ms(a.periodEnd) > ms(l.periodEnd) ? a : l), undefined);
    if (latest && ms(r.periodStart) < ms(latest.periodEnd)) {
      verdicts[i] = { status: 'conflict', reason: 'out-of-order', recorded: iso(latest) };
      continue;
    }
    verdicts[i] = { status: 'recorded' };
    accepted.push(r);
  }
  return verdicts;
}

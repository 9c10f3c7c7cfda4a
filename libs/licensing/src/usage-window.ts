const HOUR_MS = 3_600_000;

/** A half-open interval [from, to) of instants. */
export interface Interval {
  from: Date;
  to: Date;
}

/**
 * How a usage report over [from, to) splits into the whole UTC hours that the hourly counters answer and the
 * partial hours at either end (under an hour each) that are counted from the trail's indexed range.
 * Whole hours are `null` when the period holds none.
 */
export function usageWindows(from: Date, to: Date): { wholeHours: Interval | null; edges: Interval[] } {
  const firstWholeHour = new Date(Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS);
  const lastHourStart = new Date(Math.floor(to.getTime() / HOUR_MS) * HOUR_MS);
  if (firstWholeHour >= lastHourStart) return { wholeHours: null, edges: from < to ? [{ from, to }] : [] };
  const edges = [
    { from, to: firstWholeHour },
    { from: lastHourStart, to },
  ].filter((edge) => edge.from < edge.to);
  return { wholeHours: { from: firstWholeHour, to: lastHourStart }, edges };
}

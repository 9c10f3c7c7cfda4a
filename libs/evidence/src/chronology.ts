import type { TrailEntry } from '@recert/audit';
import type { LifecycleEvent } from '@recert/lifecycle';
import type { Reason } from './facts';
import { admit, Judgement, refuse } from './judgement';

/** How far ahead of the server's clock a client's time may be (its clock may run a little fast). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The times a client may state for an event, after the fact: when the unit arrived, the wipe ended, the sale took place. */
export const CLIENT_DATED_FIELDS = ['receivedAt', 'completedAt', 'soldAt'] as const;

/** When an entry says its event happened: the time the client stated, else when it was recorded. */
export function dateOf(entry: Pick<TrailEntry, 'payload' | 'occurredAt'>): string {
  for (const field of CLIENT_DATED_FIELDS) {
    const stated = entry.payload[field];
    if (typeof stated === 'string' && !Number.isNaN(Date.parse(stated))) return new Date(stated).toISOString();
  }
  return entry.occurredAt;
}

/** The client-stated times an event carries, by field. */
export const statedTimes = (event: LifecycleEvent): Array<[string, string]> =>
  CLIENT_DATED_FIELDS.flatMap((field) => {
    const value = (event as unknown as Record<string, unknown>)[field];
    return typeof value === 'string' ? [[field, value] as [string, string]] : [];
  });

export interface ChronologyFacts {
  /** The unit's last recorded entry (its lifecycle's latest); read only for an event that states a time. */
  lastEntry: TrailEntry | undefined;
}

/**
 * Every time a client states must fit the trail: not before the unit's last recorded event (the trail cannot
 * contradict itself), and not later than now beyond CLOCK_SKEW_MS.
 */
export function judgeChronology(facts: ChronologyFacts, event: LifecycleEvent, now: Date): Judgement {
  const reasons: Reason[] = [];
  const last = facts.lastEntry;
  for (const [field, value] of statedTimes(event)) {
    const at = new Date(value);
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
      reasons.push({
        code: 'dated-in-future',
        message: `${field} ${at.toISOString()} is later than now (${now.toISOString()}, ${CLOCK_SKEW_MS / 60_000} minutes of clock skew allowed)`,
      });
    if (last && at.toISOString() < dateOf(last)) {
      reasons.push({
        code: 'dated-before-last-event',
        message: `${field} ${at.toISOString()} is before the unit's last recorded event (${last.eventType}, entry ${last.seq}, at ${dateOf(last)})`,
      });
    }
  }
  if (reasons.length)
    return refuse(`The times stated for ${event.type} contradict the unit's trail.`, reasons, {
      fields: [...new Set(statedTimes(event).map(([f]) => f))],
    });
  return admit(event);
}

import type { TrailEntry } from '@recert/audit';
import type { LifecycleEvent } from '@recert/lifecycle';
import { dateOf, judgeChronology } from './chronology';

const now = new Date('2026-02-02T10:00:00.000Z');
const received: TrailEntry = {
  seq: 2,
  eventType: 'RECEIVE',
  payload: { site: 'Dock 1', sealIntact: true },
  userId: 'u',
  occurredAt: '2026-01-20T08:00:00.000Z',
};
const sell = (soldAt: string): LifecycleEvent => ({ type: 'SELL', orderReference: 'SO-1', buyer: 'B', market: 'DE', soldAt });

describe('times a client states, against the trail and the clock', () => {
  it('accepts a time between the last recorded event and now (plus five minutes of clock skew)', () => {
    // last entry 20 January 08:00; now 2 February 10:00, so 10:04 (4 minutes ahead, ≤ 5) is accepted
    expect(judgeChronology({ lastEntry: received }, sell('2026-01-25T12:00:00.000Z'), now)).toMatchObject({ ok: true });
    expect(judgeChronology({ lastEntry: received }, sell('2026-02-02T10:04:00.000Z'), now)).toMatchObject({ ok: true });
  });

  it('refuses a time later than now beyond the skew (dated-in-future)', () => {
    // 10:06 is 6 minutes ahead of 10:00: more than the 5 allowed
    expect(judgeChronology({ lastEntry: received }, sell('2026-02-02T10:06:00.000Z'), now)).toMatchObject({
      ok: false,
      reasons: [
        {
          code: 'dated-in-future',
          message: 'soldAt 2026-02-02T10:06:00.000Z is later than now (2026-02-02T10:00:00.000Z, 5 minutes of clock skew allowed)',
        },
      ],
      extra: { fields: ['soldAt'] },
    });
  });

  it('refuses a time before the unit’s last recorded event (dated-before-last-event)', () => {
    // a sale 400 days before the receipt recorded on 20 January
    expect(judgeChronology({ lastEntry: received }, sell('2024-12-16T08:00:00.000Z'), now)).toMatchObject({
      ok: false,
      reasons: [
        {
          code: 'dated-before-last-event',
          message: expect.stringContaining("before the unit's last recorded event (RECEIVE, entry 2, at 2026-01-20T08:00:00.000Z)"),
        },
      ],
    });
  });

  it('an entry is dated by the time its client stated, else when it was recorded', () => {
    // received on 10 January (stated), recorded on 20 January: a wipe completed on 15 January fits
    const backdated: TrailEntry = { ...received, payload: { ...received.payload, receivedAt: '2026-01-10T09:00:00.000Z' } };
    expect(dateOf(backdated)).toBe('2026-01-10T09:00:00.000Z');
    expect(dateOf(received)).toBe('2026-01-20T08:00:00.000Z');
    const wipe = {
      type: 'SANITIZE',
      mediumSerial: 'M1',
      level: 'purge',
      method: 'overwrite',
      result: 'pass',
      completedAt: '2026-01-15T09:00:00.000Z',
    } as LifecycleEvent;
    expect(judgeChronology({ lastEntry: backdated }, wipe, now)).toMatchObject({ ok: true });
  });

  it('an event that states no time is not judged here', () => {
    expect(judgeChronology({ lastEntry: received }, { type: 'UNLIST' }, now)).toEqual({ ok: true, event: { type: 'UNLIST' } });
  });
});

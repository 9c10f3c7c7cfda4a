import fc from 'fast-check';
import { transition } from 'xstate';
import { isEffect } from './effects';
import type { LifecycleEvent } from './events';
import { allowedEvents, allowedEventsAskingEveryType, applyEvent, persist, startLifecycle, UnitSnapshot } from './lifecycle';
import { unitMachine } from './machine';

/*
 * applyEvent reuses one inert actor scope instead of XState's `transition()`, which builds a new one per call.
 * These specs hold it to `transition()` itself: the same next snapshot and the same actions, for any sequence.
 */

const EVENTS: LifecycleEvent[] = [
  { type: 'RECEIVE', site: 'Dock 1', sealIntact: true },
  { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] },
  { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'locked' }] },
  { type: 'SANITIZE', mediumSerial: 'M1', level: 'purge', method: 'nvme_sanitize_crypto_erase', result: 'pass' },
  { type: 'SANITIZE', mediumSerial: 'M1', level: 'purge', method: 'nvme_sanitize_crypto_erase', result: 'fail' },
  { type: 'VALIDATE_SANITIZATION', mediumSerial: 'M1', method: 'full' },
  { type: 'DESTROY_MEDIA', mediumSerial: 'M1', method: 'shred', witness: 'A. Witness', evidenceReference: 'video-7' },
  { type: 'TEST_RESULT', suite: 'notebook-standard@1', result: 'pass' },
  { type: 'TEST_RESULT', suite: 'notebook-standard@1', result: 'fail' },
  { type: 'GRADE', grade: 'A' },
  { type: 'CERTIFY', programmeId: 'p-1', programmeVersion: 3, programme: 'hp-renew@3' },
  { type: 'LIST', channel: 'web', market: 'FR', price: 349, currency: 'EUR' },
  { type: 'DECLINE_CERTIFICATION', reason: 'sold as-is' },
];

describe('applyEvent computes what XState’s transition() computes', () => {
  it('property: for any sequence of events, the same snapshots and the same actions, step by step', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 14 }), (events) => {
        let snapshot: UnitSnapshot = startLifecycle({ mediaSerials: ['M1'] });
        for (const event of events) {
          const applied = applyEvent(snapshot, event);
          if (!applied.ok) continue;
          const [expected, actions] = transition(unitMachine, snapshot, event);
          expect(persist(applied.snapshot)).toEqual(persist(expected));
          expect(applied.effects).toEqual(actions.filter(isEffect).map((a) => ({ type: a.type, params: a.params })));
          snapshot = applied.snapshot;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});

describe('allowedEvents asks only the types an active state node handles', () => {
  it('property: after any sequence of events, the same allowed events as asking every type', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 14 }), (events) => {
        let snapshot: UnitSnapshot = startLifecycle({ mediaSerials: ['M1'] });
        expect(allowedEvents(snapshot)).toEqual(allowedEventsAskingEveryType(snapshot));
        for (const event of events) {
          const applied = applyEvent(snapshot, event);
          if (!applied.ok) continue;
          snapshot = applied.snapshot;
          expect(allowedEvents(snapshot)).toEqual(allowedEventsAskingEveryType(snapshot));
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});

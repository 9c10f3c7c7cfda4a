import {
  initialPersisted,
  allowedEvents,
  applyEvent,
  isTerminal,
  persist,
  restore,
  startLifecycle,
  stateName,
  regionsOf,
  UnitSnapshot,
} from './lifecycle';
import type { LifecycleEvent } from './events';

const run = (events: LifecycleEvent[], media = ['D1']): UnitSnapshot =>
  events.reduce(
    (snapshot, event) => {
      const applied = applyEvent(snapshot, event);
      if (!applied.ok) throw new Error(`${event.type} refused in ${stateName(snapshot)}; allowed: ${applied.allowed.join(', ')}`);
      return applied.snapshot;
    },
    startLifecycle({ mediaSerials: media }),
  );

const receive: LifecycleEvent = { type: 'RECEIVE', site: 'Nijmegen', sealIntact: true };
const clearLocks: LifecycleEvent = { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] };
const wipe = (serial: string): LifecycleEvent[] => [
  { type: 'SANITIZE', mediumSerial: serial, level: 'purge', method: 'nvme_sanitize', result: 'pass' },
  { type: 'VALIDATE_SANITIZATION', mediumSerial: serial, method: 'full' },
];
const pass: LifecycleEvent = { type: 'TEST_RESULT', suite: 'notebook@1', result: 'pass' };
const grade: LifecycleEvent = { type: 'GRADE', grade: 'A' };
const certify: LifecycleEvent = { type: 'CERTIFY', programme: 'lenovo-cr@1' };
const ready = [receive, clearLocks, ...wipe('D1'), pass, grade];

describe('unit lifecycle machine', () => {
  it('starts expected, and a received unit waits in received', () => {
    expect(stateName(startLifecycle({ mediaSerials: [] }))).toBe('expected');
    expect(stateName(run([receive]))).toBe('received');
  });

  it('HARVEST: a storage part takes its medium from the donor, which may then go to any recycler; a harvest recorded without media keeps them (old histories replay the same)', () => {
    const medium = { serial: 'D1', status: 'failed' as const, level: null, attempts: 1 };
    const donor = run([receive, { type: 'HARVEST', parts: [{ kind: 'ssd', serial: 'D1', medium }, { kind: 'ram' }] }], ['D1', 'D2']);
    expect(donor.context.media.map((m) => m.serial)).toEqual(['D2']);
    const old = run([receive, { type: 'HARVEST', parts: [{ kind: 'ssd', serial: 'D1', mediaType: 'nvme' }] }], ['D1']);
    expect(old.context.media.map((m) => m.serial)).toEqual(['D1']);
    const empty = run([receive, { type: 'HARVEST', parts: [{ kind: 'ssd', serial: 'D1', medium }] }], ['D1']);
    expect(applyEvent(empty, { type: 'SEND_TO_RECYCLER', vendor: 'v', certification: 'c', destroysData: false }).ok).toBe(true);
    const part = startLifecycle({ mediaSerials: ['D1'], media: [medium], entry: 'harvest' });
    expect(part.context.media).toEqual([medium]);
  });

  it('a unit back under RMA, or a harvested part, starts already received; a harvested drive still awaits sanitization', () => {
    expect(stateName(startLifecycle({ mediaSerials: ['D1'], entry: 'rma' }))).toBe('received');
    const part = startLifecycle({ mediaSerials: ['P1'], entry: 'harvest' });
    expect(stateName(part)).toBe('received');
    expect(part.context.media).toEqual([expect.objectContaining({ serial: 'P1', status: 'pending' })]);
    expect(stateName(startLifecycle({ mediaSerials: [] }))).toBe('expected');
  });

  it('the first processing event opens processing and is applied there', () => {
    const snapshot = run([receive, { type: 'TEST_RESULT', suite: 's', result: 'fail' }]);
    expect(stateName(snapshot)).toBe('processing');
    expect(regionsOf(snapshot)).toEqual({ locks: 'unchecked', data: 'pending', condition: 'failed', cosmetic: 'ungraded' });
  });

  it('processing steps happen in any order, and certification follows the last', () => {
    const snapshot = run([receive, grade, pass, ...wipe('D1'), clearLocks, certify]);
    expect(stateName(snapshot)).toBe('certified');
    expect(snapshot.context.programme).toBe('lenovo-cr@1');
  });

  it('refuses certification while locked, untested, failed, ungraded or with a medium not safe', () => {
    for (const skip of [clearLocks, pass, grade]) {
      const snapshot = run([receive, ...ready.slice(1).filter((e) => e !== skip)]);
      expect(applyEvent(snapshot, certify).ok).toBe(false);
    }
    const unvalidated = run([receive, clearLocks, wipe('D1')[0], pass, grade]);
    expect(applyEvent(unvalidated, certify).ok).toBe(false);
    const failed = run([...ready, { type: 'TEST_RESULT', suite: 's', result: 'fail' }]);
    expect(applyEvent(failed, certify).ok).toBe(false);
    expect(applyEvent(run(ready), certify).ok).toBe(true);
  });

  it('a failed wipe is retried or the medium destroyed; the unit is safe only when every medium is', () => {
    let snapshot = run(
      [receive, clearLocks, { type: 'SANITIZE', mediumSerial: 'D1', level: 'purge', method: 'ata_sanitize', result: 'fail' }],
      ['D1', 'D2'],
    );
    expect(snapshot.context.media[0]).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    snapshot = run(
      [
        receive,
        clearLocks,
        { type: 'SANITIZE', mediumSerial: 'D1', level: 'purge', method: 'ata_sanitize', result: 'fail' },
        { type: 'DESTROY_MEDIA', mediumSerial: 'D1', method: 'shred', witness: 'J. Doe', evidenceReference: 'video-1' },
        ...wipe('D2'),
      ],
      ['D1', 'D2'],
    );
    expect(regionsOf(snapshot)!.data).toBe('sanitized');
    expect(snapshot.context.media.map((m) => m.status)).toEqual(['destroyed', 'validated']);
  });

  it('records the level the trail stores: a failed wipe, stored with no level by the evidence rule, leaves the medium with none', () => {
    // The machine is unchanged (so stored histories replay as before, MACHINE_VERSION stays): the judge stores level null for a failure.
    const failed = {
      type: 'SANITIZE',
      mediumSerial: 'D1',
      level: null,
      method: 'ata_sanitize',
      result: 'fail',
    } as unknown as LifecycleEvent;
    const snapshot = run([receive, clearLocks, failed], ['D1']);
    expect(snapshot.context.media[0]).toEqual({ serial: 'D1', status: 'failed', level: null, attempts: 1 });
    // A failed wipe stored before that rule (with the level aimed at) replays to the very snapshot stored then.
    const stored = run(
      [receive, clearLocks, { type: 'SANITIZE', mediumSerial: 'D1', level: 'purge', method: 'ata_sanitize', result: 'fail' }],
      ['D1'],
    );
    expect(stored.context.media[0]).toEqual({ serial: 'D1', status: 'failed', level: 'purge', attempts: 1 });
  });

  it('validation needs a sanitized medium; an unknown medium is refused', () => {
    const received = run([receive, clearLocks]);
    expect(applyEvent(received, { type: 'VALIDATE_SANITIZATION', mediumSerial: 'D1', method: 'full' }).ok).toBe(false);
    expect(applyEvent(received, { type: 'SANITIZE', mediumSerial: 'NOPE', level: 'clear', method: 'overwrite', result: 'pass' }).ok).toBe(
      false,
    );
  });

  it('a blocking lock quarantines the unit; releasing it returns to processing with progress kept', () => {
    const locked = run([
      receive,
      pass,
      {
        type: 'LOCK_CHECK',
        locks: [
          { kind: 'absolute_computrace', status: 'locked' },
          { kind: 'mdm', status: 'locked' },
        ],
      },
    ]);
    expect(stateName(locked)).toBe('quarantine');
    expect(allowedEvents(locked)).toEqual(['RELEASE_LOCK', 'HARVEST', 'SEND_TO_RECYCLER']);
    const halfReleased = applyEvent(locked, { type: 'RELEASE_LOCK', kind: 'mdm', evidence: 'ticket 7' });
    expect(halfReleased.ok && stateName(halfReleased.snapshot)).toBe('quarantine');
    const released = run([
      receive,
      pass,
      { type: 'LOCK_CHECK', locks: [{ kind: 'mdm', status: 'locked' }] },
      { type: 'RELEASE_LOCK', kind: 'mdm', evidence: 'ticket 7' },
    ]);
    expect(stateName(released)).toBe('processing');
    expect(regionsOf(released)).toEqual({ locks: 'cleared', data: 'pending', condition: 'passed', cosmetic: 'ungraded' });
  });

  it('a failed unit is repaired and must be tested again', () => {
    const repaired = run([
      receive,
      { type: 'TEST_RESULT', suite: 's', result: 'fail' },
      { type: 'START_REPAIR', reason: 'keyboard' },
      { type: 'COMPLETE_REPAIR', parts: [{ kind: 'keyboard', condition: 'genuine', serial: 'KB1' }] },
    ]);
    expect(regionsOf(repaired)!.condition).toBe('untested');
  });

  it('sells a certified unit under warranty, then a claim leads to RMA, which ends the lifecycle', () => {
    const sold = run([
      ...ready,
      certify,
      { type: 'LIST', channel: 'web', market: 'FR', price: 499, currency: 'EUR' },
      { type: 'SELL', orderReference: 'SO-1', buyer: 'ACME', market: 'FR', warrantyMonths: 12 },
    ]);
    expect(stateName(sold)).toBe('sold.warrantyActive');
    const rma = run([
      ...ready,
      certify,
      { type: 'LIST', channel: 'web', market: 'FR', price: 499, currency: 'EUR' },
      { type: 'SELL', orderReference: 'SO-1', buyer: 'ACME', market: 'FR', warrantyMonths: 12 },
      { type: 'OPEN_CLAIM', symptom: 'no boot' },
      { type: 'AUTHORIZE_RMA', rmaNumber: 'RMA-1' },
      { type: 'RECEIVE_RMA', site: 'Nijmegen' },
    ]);
    expect(stateName(rma)).toBe('rmaReturned');
    expect(isTerminal(rma)).toBe(true);
    expect(allowedEvents(rma)).toEqual([]);
  });

  it('a declined unit can still be sold, as non-certified, and unlisting returns it there', () => {
    const declined = run([
      ...ready,
      { type: 'DECLINE_CERTIFICATION', reason: 'cosmetic C' },
      { type: 'LIST', channel: 'b2b', market: 'DE', price: 200, currency: 'EUR' },
      { type: 'UNLIST' },
    ]);
    expect(stateName(declined)).toBe('notCertified');
  });

  it('data may leave custody only safe, or to a recycler that destroys data', () => {
    const harvested = run([receive, { type: 'HARVEST', parts: [{ kind: 'ram' }] }]);
    expect(applyEvent(harvested, { type: 'SEND_TO_RECYCLER', vendor: 'X', certification: 'R2v3', destroysData: false }).ok).toBe(false);
    const shipped = applyEvent(harvested, { type: 'SEND_TO_RECYCLER', vendor: 'X', certification: 'R2v3', destroysData: true });
    expect(shipped.ok && stateName(shipped.snapshot)).toBe('recyclePending');
    expect(applyEvent(run([receive, clearLocks]), { type: 'DECLINE_CERTIFICATION', reason: 'x' }).ok).toBe(false);
  });

  it('a snapshot survives JSON and restores to the same state', () => {
    const snapshot = run([receive, clearLocks, wipe('D1')[0]]);
    const restored = restore(JSON.parse(JSON.stringify(persist(snapshot))));
    expect(restored.value).toEqual(snapshot.value);
    expect(restored.context).toEqual(snapshot.context);
    expect(allowedEvents(restored)).toEqual(allowedEvents(snapshot));
  });

  it('the bulk-intake snapshot equals what the machine computes for each input', () => {
    for (const input of [
      { mediaSerials: [] },
      { mediaSerials: ['A', 'B'] },
      { mediaSerials: ['X'], entry: 'rma' as const },
      { mediaSerials: ['Y'], entry: 'takeback' as const },
    ]) {
      expect(initialPersisted(input)).toEqual(persist(startLifecycle(input)));
    }
  });
});

describe('a refuted wipe', () => {
  const wiped = run([receive, { type: 'SANITIZE', mediumSerial: 'D1', level: 'purge', method: 'nvme_sanitize', result: 'pass' }]);
  const medium = (snapshot: UnitSnapshot) => snapshot.context.media.find((m) => m.serial === 'D1');

  it('a failed validation that says so leaves the medium failed with no level', () => {
    const applied = applyEvent(wiped, { type: 'VALIDATE_SANITIZATION', mediumSerial: 'D1', method: 'full', result: 'fail', level: null });
    expect(applied.ok && medium(applied.snapshot)).toEqual({ serial: 'D1', status: 'failed', level: null, attempts: 1 });
  });

  it('a failed validation recorded before the rule (no level in its entry) replays as it did then', () => {
    const applied = applyEvent(wiped, { type: 'VALIDATE_SANITIZATION', mediumSerial: 'D1', method: 'full', result: 'fail' });
    expect(applied.ok && medium(applied.snapshot)).toEqual({ serial: 'D1', status: 'failed', level: 'purge', attempts: 1 });
  });
});

import fc from 'fast-check';
import { checkpointDigest, HashedAuditRecord, hashAuditRecord } from '@recert/audit';
import { applyEvent, LifecycleEvent, MACHINE_VERSION, persist, startLifecycle, stateName, UnitSnapshot } from '@recert/lifecycle';
import { TrailVerifier, verifyTrail } from './chain-verification';
import type { StoredCheckpoint } from './checkpoint.repository';
import type { LifecycleHead } from './history.repository';
import { LIFECYCLE_STARTED } from '../lifecycle/genesis';
import { judgeCheckpoint, walkLoadedTrail } from './trail-walk';

const DEVICE = '0190a1b2-0000-7000-8000-000000000001';
const LIFECYCLE = '0190a1b2-0000-7000-8000-000000000002';
const NOW = new Date('2026-12-02T08:00:00.000Z');

/** A real trail: genesis, RECEIVE, then `locks` lock checks, each applied by the machine and hashed in a chain. */
function trail(locks: number): { entries: HashedAuditRecord[]; heads: LifecycleHead[] } {
  const input = { mediaSerials: ['M1'] };
  let snapshot: UnitSnapshot = startLifecycle(input);
  const entries: HashedAuditRecord[] = [];
  const append = (eventType: string, payload: Record<string, unknown>, fromState: string | null) => {
    const record = {
      deviceId: DEVICE,
      lifecycleId: LIFECYCLE,
      seq: entries.length + 1,
      eventType,
      payload,
      fromState,
      toState: stateName(snapshot),
      actor: null,
      requestId: null,
      machineVersion: MACHINE_VERSION,
      occurredAt: new Date(Date.UTC(2026, 11, 1, 0, entries.length)).toISOString(),
      prevHash: entries.at(-1)?.hash ?? null,
    };
    entries.push({ ...record, hash: hashAuditRecord(record) });
  };
  append(LIFECYCLE_STARTED, { input, takebackId: null, custodianOrganisationId: DEVICE, site: 'Dock', number: 1 }, null);
  const events: LifecycleEvent[] = [
    { type: 'RECEIVE', site: 'Dock', sealIntact: true } as LifecycleEvent,
    ...Array.from({ length: locks }, () => ({ type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] }) as LifecycleEvent),
  ];
  for (const event of events) {
    const from = stateName(snapshot);
    const applied = applyEvent(snapshot, event);
    if (!applied.ok) throw new Error(`the machine refused ${event.type}`);
    snapshot = applied.snapshot;
    const { type, ...payload } = event;
    append(type, payload, from);
  }
  const last = entries.at(-1)!;
  return {
    entries,
    heads: [{ id: LIFECYCLE, number: 1, lastSeq: last.seq, lastHash: last.hash, snapshot: persist(snapshot), state: stateName(snapshot) }],
  };
}

/** The checkpoint a verified walk of the first `upTo` entries records. */
function checkpointAt(entries: HashedAuditRecord[], heads: LifecycleHead[], upTo: number): StoredCheckpoint {
  const verifier = new TrailVerifier(heads);
  verifier.feed(entries.slice(0, upTo).map((e) => ({ ...e, lifecycleNumber: 1 })));
  const at = entries[upTo - 1];
  const position = { ...verifier.position()!, lifecycleId: at.lifecycleId, seq: at.seq, hash: at.hash };
  const checkpoint = { deviceId: DEVICE, ...position, verifiedAt: NOW.toISOString() };
  return { checkpoint, digest: checkpointDigest(checkpoint) };
}

const shuffled = <T>(items: T[], seed: number) =>
  items
    .map((item, i) => ({ item, key: Math.sin(seed * 9301 + i * 49297) }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);

describe('walkLoadedTrail — the batch run walks a trail read whole as the paged walk does', () => {
  it('an intact trail of 2 + 3 entries verifies from the first entry: 5 hashed, and a checkpoint at seq 5', () => {
    const { entries, heads } = trail(3);
    const { report, save } = walkLoadedTrail({ deviceId: DEVICE, lifecycles: heads, entries, stored: undefined }, false, NOW);
    expect(report).toEqual(expect.objectContaining({ ok: true, events: 5, hashed: 5, from: null }));
    expect(save?.stored.checkpoint).toEqual(expect.objectContaining({ seq: 5, entries: 5, hash: entries[4].hash }));
    expect(save?.replace).toBe(false);
  });

  it('from a trusted checkpoint at seq 3 of 6, an incremental walk hashes only the 3 after it', () => {
    const { entries, heads } = trail(4);
    const stored = checkpointAt(entries, heads, 3);
    const { report } = walkLoadedTrail({ deviceId: DEVICE, lifecycles: heads, entries, stored }, false, NOW);
    expect(report).toEqual(expect.objectContaining({ ok: true, events: 6, hashed: 6 - 3, from: '1.3' }));
  });

  it('an entry appended after the heads were read is left for the next run', () => {
    // The same unit one lock check later: its heads read before the fifth entry was appended.
    const { entries } = trail(3);
    const { heads } = trail(2);
    const { report, save } = walkLoadedTrail({ deviceId: DEVICE, lifecycles: heads, entries, stored: undefined }, false, NOW);
    expect(report).toEqual(expect.objectContaining({ ok: true, events: 4, hashed: 4 }));
    expect(save?.stored.checkpoint.seq).toBe(4);
  });

  it('a checkpoint whose pinned entry was rewritten makes a consistent chain fail, naming the checkpoint', () => {
    const { entries, heads } = trail(2);
    const stored = checkpointAt(entries, heads, 2);
    const moved = { ...stored, checkpoint: { ...stored.checkpoint, hash: 'f'.repeat(64) } };
    const resealed = { ...moved, digest: checkpointDigest(moved.checkpoint) };
    expect(judgeCheckpoint(resealed, entries[1])).toBe('rewritten');
    const { report, save } = walkLoadedTrail({ deviceId: DEVICE, lifecycles: heads, entries, stored: resealed }, true, NOW);
    expect(report).toEqual(expect.objectContaining({ ok: false, seq: 2, reason: expect.stringContaining('rewritten') }));
    expect(save).toBeNull();
  });

  it('an edited checkpoint row is not trusted: the walk starts from the first entry and may replace it', () => {
    const { entries, heads } = trail(2);
    const stored = checkpointAt(entries, heads, 3);
    const edited = { ...stored, checkpoint: { ...stored.checkpoint, entries: 99 } };
    const { report, save } = walkLoadedTrail({ deviceId: DEVICE, lifecycles: heads, entries, stored: edited }, false, NOW);
    expect(report).toEqual(expect.objectContaining({ ok: true, hashed: 4, from: null }));
    expect(save?.replace).toBe(true);
  });

  it('property: in any order, with any one entry changed or dropped, the result is the whole-trail verification’s', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom('none', 'payload', 'drop', 'seq'),
        fc.integer({ min: 0, max: 100 }),
        (locks, seed, tamper, at) => {
          const { entries, heads } = trail(locks);
          const i = at % entries.length;
          const changed = entries.map((e) => ({ ...e }));
          if (tamper === 'payload') changed[i] = { ...changed[i], payload: { ...changed[i].payload, note: 'edited' } };
          if (tamper === 'seq') changed[i] = { ...changed[i], seq: changed[i].seq + 10 };
          if (tamper === 'drop') changed.splice(i, 1);
          const expected = verifyTrail(
            changed
              .filter((e) => e.seq <= heads[0].lastSeq)
              .sort((a, b) => a.seq - b.seq)
              .map((e) => ({ ...e, lifecycleNumber: 1 })),
            heads,
          );
          const { report } = walkLoadedTrail(
            { deviceId: DEVICE, lifecycles: heads, entries: shuffled(changed, seed), stored: undefined },
            true,
            NOW,
          );
          const { hashed, from, ...verdict } = report;
          expect(from).toBeNull();
          expect(hashed).toBeLessThanOrEqual(entries.length);
          expect(verdict).toEqual(expected);
          return true;
        },
      ),
      { numRuns: 150 },
    );
  });
});

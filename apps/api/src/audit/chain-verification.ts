import canonicalize from 'canonicalize';
import { AuditCheckpoint, ChainLink, findChainBreak, HashedAuditRecord } from '@recert/audit';
import { applyEvent, LifecycleEvent, MACHINE_VERSION, persist, restore, startLifecycle, stateName, UnitSnapshot } from '@recert/lifecycle';
import { GenesisPayload, LIFECYCLE_STARTED, RECORD_ONLY_ENTRIES } from '../lifecycle/genesis';
import type { LifecycleHead } from './history.repository';

export type Verification =
  { ok: true; lifecycles: number; events: number; head: string | null } | { ok: false; lifecycleId: string; seq: number; reason: string };

type Failure = Extract<Verification, { ok: false }>;

/** An entry with the number of its lifecycle (1, 2, …), as the trail is read in order. */
export type NumberedRecord = HashedAuditRecord & { lifecycleNumber: number };

/** Where a verified walk stands, without the device and time a checkpoint adds. */
export type VerifiedPosition = Pick<AuditCheckpoint, 'lifecycleId' | 'lifecycleNumber' | 'seq' | 'hash' | 'entries' | 'snapshot'>;

/**
 * Checks a unit's trail twice over: the hash chain (content, links, numbering, heads) and a replay of every
 * event through the machine, which must reach each recorded state and each lifecycle's stored snapshot.
 * It is fed the trail page by page, in order, and may start from a verified position (a checkpoint) instead of
 * the first entry: then only what follows is hashed and replayed, from the snapshot the checkpoint recorded.
 */
export class TrailVerifier {
  private link: ChainLink | null;
  private lifecycleNumber: number;
  private snapshot: UnitSnapshot | null;
  private entries: number;
  private failure: Failure | null = null;
  /** Entries hashed and replayed by this walk (not those before its starting point). */
  hashed = 0;

  constructor(
    private readonly lifecycles: LifecycleHead[],
    from: VerifiedPosition | null = null,
  ) {
    this.link = from && { lifecycleId: from.lifecycleId, seq: from.seq, hash: from.hash };
    this.lifecycleNumber = from?.lifecycleNumber ?? 0;
    this.snapshot = from ? restore(from.snapshot) : null;
    this.entries = from?.entries ?? 0;
  }

  /** The next entries of the trail, in order. Returns the first break (and ignores anything after it). */
  feed(records: NumberedRecord[]): Failure | null {
    if (this.failure) return this.failure;
    const broken = findChainBreak(records, this.link);
    if (broken) return (this.failure = { ok: false, ...broken });
    for (const record of records) {
      if (record.lifecycleNumber !== this.lifecycleNumber) {
        if (this.link) {
          const closed = this.closeLifecycle();
          if (closed) return (this.failure = closed);
        }
        this.lifecycleNumber = record.lifecycleNumber;
        this.snapshot = null;
      }
      const replayed = replayOne(this.snapshot, record);
      if ('reason' in replayed) return (this.failure = { ok: false, lifecycleId: record.lifecycleId, ...replayed });
      this.snapshot = replayed.snapshot;
      this.link = record;
      this.entries++;
      this.hashed++;
    }
    return null;
  }

  /** After the last page: the last lifecycle walked must end at its head, and no lifecycle may be missing. */
  finish(): Verification {
    if (this.failure) return this.failure;
    const current = this.lifecycles.find((l) => l.number === this.lifecycleNumber);
    if (current) {
      const closed = this.closeLifecycle();
      if (closed) return closed;
    }
    const missing = this.lifecycles.find((l) => l.number > this.lifecycleNumber);
    if (missing) {
      return {
        ok: false,
        lifecycleId: missing.id,
        seq: 1,
        reason: `the lifecycle's head is seq ${missing.lastSeq}, but the trail ends at seq 0: entries are missing`,
      };
    }
    return { ok: true, lifecycles: this.lifecycles.length, events: this.entries, head: this.link?.hash ?? null };
  }

  /** Where the walk stands now (after `finish` returned ok): what a new checkpoint records. */
  position(): VerifiedPosition | null {
    if (!this.link || !this.snapshot || this.failure) return null;
    return { ...this.link, lifecycleNumber: this.lifecycleNumber, entries: this.entries, snapshot: persist(this.snapshot) };
  }

  private closeLifecycle(): Failure | null {
    const lifecycle = this.lifecycles.find((l) => l.number === this.lifecycleNumber);
    const last = this.link;
    if (!lifecycle) {
      return {
        ok: false,
        lifecycleId: last?.lifecycleId ?? '',
        seq: last?.seq ?? 0,
        reason: 'the trail names a lifecycle the unit has not',
      };
    }
    if (!last || last.lifecycleId !== lifecycle.id || last.seq !== lifecycle.lastSeq || last.hash !== lifecycle.lastHash) {
      const endsAt = last?.lifecycleId === lifecycle.id ? last.seq : 0;
      return {
        ok: false,
        lifecycleId: lifecycle.id,
        seq: endsAt + 1,
        reason: `the lifecycle's head is seq ${lifecycle.lastSeq}, but the trail ends at seq ${endsAt}: entries are missing`,
      };
    }
    if (!this.snapshot || canonicalize(persist(this.snapshot)) !== canonicalize(lifecycle.snapshot)) {
      return {
        ok: false,
        lifecycleId: lifecycle.id,
        seq: lifecycle.lastSeq,
        reason: 'replaying the events does not give the stored snapshot',
      };
    }
    return null;
  }
}

/** The whole trail at once (small trails and tests): hash chain, heads and replay from the first entry. */
export function verifyTrail(records: NumberedRecord[], lifecycles: LifecycleHead[]): Verification {
  const verifier = new TrailVerifier(lifecycles);
  return verifier.feed(records) ?? verifier.finish();
}

/** One entry through the machine: the lifecycle's first entry starts it, every other one must apply as recorded. */
function replayOne(snapshot: UnitSnapshot | null, record: HashedAuditRecord): { snapshot: UnitSnapshot } | { seq: number; reason: string } {
  if (!snapshot) {
    if (record.eventType !== LIFECYCLE_STARTED) return { seq: record.seq, reason: `a lifecycle must begin with ${LIFECYCLE_STARTED}` };
    const started = startLifecycle((record.payload as GenesisPayload).input);
    if (stateName(started) !== record.toState)
      return { seq: record.seq, reason: `the machine starts in ${stateName(started)}, the trail says ${record.toState}` };
    return { snapshot: started };
  }
  if (record.machineVersion !== MACHINE_VERSION)
    return { seq: record.seq, reason: `recorded under ${record.machineVersion}; this server replays ${MACHINE_VERSION}` };
  if (record.fromState !== stateName(snapshot))
    return { seq: record.seq, reason: `recorded from ${record.fromState}, but the replay is in ${stateName(snapshot)}` };
  if ((RECORD_ONLY_ENTRIES as readonly string[]).includes(record.eventType)) {
    if (record.toState !== record.fromState) return { seq: record.seq, reason: `${record.eventType} cannot change the state` };
    return { snapshot };
  }
  const applied = applyEvent(snapshot, { type: record.eventType, ...record.payload } as LifecycleEvent);
  if (!applied.ok) return { seq: record.seq, reason: `the machine refuses ${record.eventType} in ${stateName(snapshot)}` };
  if (stateName(applied.snapshot) !== record.toState)
    return { seq: record.seq, reason: `the replay reaches ${stateName(applied.snapshot)}, the trail says ${record.toState}` };
  return { snapshot: applied.snapshot };
}

import { checkpointDigest, HashedAuditRecord, hashAuditRecord } from '@recert/audit';
import { NumberedRecord, TrailVerifier, Verification, VerifiedPosition } from './chain-verification';
import type { StoredCheckpoint } from './checkpoint.repository';
import type { LifecycleHead } from './history.repository';

export type TrailReport = Verification & {
  /** Entries hashed and replayed by this run. */
  hashed: number;
  /** The checkpoint the run started after (`lifecycle.seq`), or null when it walked from the first entry. */
  from: string | null;
};

/**
 * What a stored checkpoint is worth: `trusted` (its digest holds and the entry it pins is unchanged), `edited`
 * (the row or the pinned entry's content was changed), `rewritten` (the pinned entry is gone or re-hashed: the
 * trail was rewritten consistently up to its head), or `none` when there is no checkpoint.
 */
export type CheckpointTrust = 'none' | 'trusted' | 'edited' | 'rewritten';

export function judgeCheckpoint(stored: StoredCheckpoint | undefined, pinned: HashedAuditRecord | undefined): CheckpointTrust {
  if (!stored) return 'none';
  if (checkpointDigest(stored.checkpoint) !== stored.digest) return 'edited';
  if (!pinned || pinned.hash !== stored.checkpoint.hash) return 'rewritten';
  // Its content re-hashed too: an edit of the pinned entry alone shows at once (the full walk then says where).
  return hashAuditRecord(pinned) === pinned.hash ? 'trusted' : 'edited';
}

/** Where a walk may start: after a trusted checkpoint, unless the run is full. */
export const startingPoint = (stored: StoredCheckpoint | undefined, trust: CheckpointTrust, full: boolean): VerifiedPosition | null =>
  trust === 'trusted' && !full ? stored!.checkpoint : null;

export interface WalkOutcome {
  report: TrailReport;
  /** The checkpoint to record (null: nothing to move), and whether it may replace one that verified more. */
  save: { stored: StoredCheckpoint; replace: boolean } | null;
}

/**
 * What a finished walk means, held to the checkpoint it started from (or was checked against): a chain that
 * verifies on its own but not as it was verified before was rewritten, hashes and all; a verified walk that got
 * further, or that had no starting point, moves the checkpoint.
 */
export function concludeWalk(
  deviceId: string,
  verifier: TrailVerifier,
  walk: { stored: StoredCheckpoint | undefined; trust: CheckpointTrust; from: VerifiedPosition | null },
  now: Date,
): WalkOutcome {
  const { stored, trust, from } = walk;
  const report: TrailReport = { ...verifier.finish(), hashed: verifier.hashed, from: from ? `${from.lifecycleNumber}.${from.seq}` : null };
  if (report.ok && trust === 'rewritten') {
    const { checkpoint } = stored!;
    return {
      report: {
        ok: false,
        lifecycleId: checkpoint.lifecycleId,
        seq: checkpoint.seq,
        reason: `the entry verified at ${checkpoint.verifiedAt} has changed since: the trail was rewritten`,
        hashed: report.hashed,
        from: null,
      },
      save: null,
    };
  }
  const position = report.ok ? verifier.position() : null;
  if (!position || (report.hashed === 0 && from)) return { report, save: null };
  const checkpoint = { deviceId, ...position, verifiedAt: now.toISOString() };
  return { report, save: { stored: { checkpoint, digest: checkpointDigest(checkpoint) }, replace: trust === 'edited' } };
}

/** A unit's trail read whole (heads, every entry in any order, its checkpoint): what a batch run verifies in memory. */
export interface LoadedTrail {
  deviceId: string;
  lifecycles: LifecycleHead[];
  entries: HashedAuditRecord[];
  stored: StoredCheckpoint | undefined;
}

/**
 * The same walk as the paged one, over a trail already in memory: entries beyond the heads read (appended since)
 * are left for the next run, the rest are put in (lifecycle, seq) order, and those up to the starting point skipped.
 */
export function walkLoadedTrail(trail: LoadedTrail, full: boolean, now: Date): WalkOutcome {
  const { deviceId, lifecycles, entries, stored } = trail;
  const pinned = stored && entries.find((e) => e.lifecycleId === stored.checkpoint.lifecycleId && e.seq === stored.checkpoint.seq);
  const trust = judgeCheckpoint(stored, pinned);
  const from = startingPoint(stored, trust, full);
  const heads = new Map(lifecycles.map((l) => [l.id, l]));
  const records: NumberedRecord[] = [];
  for (const entry of entries) {
    const head = heads.get(entry.lifecycleId);
    if (!head || entry.seq > head.lastSeq) continue;
    if (from && (head.number < from.lifecycleNumber || (head.number === from.lifecycleNumber && entry.seq <= from.seq))) continue;
    records.push({ ...entry, lifecycleNumber: head.number });
  }
  records.sort((a, b) => a.lifecycleNumber - b.lifecycleNumber || a.seq - b.seq);
  const verifier = new TrailVerifier(lifecycles, from);
  verifier.feed(records);
  return concludeWalk(deviceId, verifier, { stored, trust, from }, now);
}

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * What a verification run established about one unit's trail: every entry up to this position hashed, linked
 * and replayed through the machine, reaching `snapshot`. Later runs start here instead of at the first entry.
 */
export interface AuditCheckpoint {
  deviceId: string;
  lifecycleId: string;
  lifecycleNumber: number;
  seq: number;
  /** The hash of the entry at this position, as verified. */
  hash: string;
  /** Entries verified from the start of the unit's trail up to and including this one. */
  entries: number;
  /** The machine's persisted snapshot after replaying up to here (so a later run replays only what follows). */
  snapshot: unknown;
  /** ISO 8601 with milliseconds. */
  verifiedAt: string;
}

/**
 * SHA-256 over the checkpoint's canonical JSON. Stored beside it: a checkpoint edited in the database no longer
 * matches its digest, and verification then starts again from the first entry instead of trusting it.
 */
export function checkpointDigest(checkpoint: AuditCheckpoint): string {
  const canonical = canonicalize({
    deviceId: checkpoint.deviceId,
    lifecycleId: checkpoint.lifecycleId,
    lifecycleNumber: checkpoint.lifecycleNumber,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    entries: checkpoint.entries,
    snapshot: checkpoint.snapshot,
    verifiedAt: checkpoint.verifiedAt,
  });
  if (canonical === undefined) throw new Error('checkpoint cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** One entry of a unit's audit trail: exactly the fields its hash covers. */
export interface AuditRecord {
  deviceId: string;
  lifecycleId: string;
  seq: number;
  eventType: string;
  payload: Record<string, unknown>;
  fromState: string | null;
  toState: string;
  actor: Record<string, unknown> | null;
  requestId: string | null;
  machineVersion: string;
  /** ISO 8601 with milliseconds, as stored. */
  occurredAt: string;
  prevHash: string | null;
  /** A partner's command carries the licence decision it was allowed under. */
  licenceDecision?: Record<string, unknown> | null;
}

export interface HashedAuditRecord extends AuditRecord {
  hash: string;
}

/** SHA-256 over the RFC 8785 canonical JSON of the record, its link to the previous entry included. */
export function hashAuditRecord(record: AuditRecord): string {
  const canonical = canonicalize({
    deviceId: record.deviceId,
    lifecycleId: record.lifecycleId,
    seq: record.seq,
    eventType: record.eventType,
    payload: record.payload,
    fromState: record.fromState,
    toState: record.toState,
    actor: record.actor,
    requestId: record.requestId,
    machineVersion: record.machineVersion,
    occurredAt: record.occurredAt,
    prevHash: record.prevHash,
    // Present only when there is one, so entries without a decision hash as they always have.
    ...(record.licenceDecision ? { licenceDecision: record.licenceDecision } : {}),
  });
  if (canonical === undefined) throw new Error('audit record cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ChainBreak = { lifecycleId: string; seq: number; reason: string };

/** Where a chain stands: the last entry walked (its lifecycle, seq and hash). */
export type ChainLink = Pick<HashedAuditRecord, 'lifecycleId' | 'seq' | 'hash'>;

/**
 * Walks one unit's trail (lifecycles in order, each from seq 1) and reports the first entry whose hash,
 * link or numbering is wrong. The first entry of the unit links to nothing; a later lifecycle's first entry
 * links to the last entry of the one before, so dropping a whole lifecycle shows too.
 */
export function findChainBreak(records: HashedAuditRecord[], after: ChainLink | null = null): ChainBreak | null {
  // A walk may resume after an entry already verified (a checkpoint): it links on from there.
  let previous: ChainLink | undefined = after ?? undefined;
  for (const record of records) {
    const newLifecycle = previous?.lifecycleId !== record.lifecycleId;
    const expectedSeq = newLifecycle ? 1 : previous!.seq + 1;
    if (record.seq !== expectedSeq) {
      return {
        lifecycleId: record.lifecycleId,
        seq: newLifecycle ? 1 : previous!.seq + 1,
        reason: `expected seq ${expectedSeq}, found ${record.seq}`,
      };
    }
    const expectedPrev = previous?.hash ?? null;
    if (record.prevHash !== expectedPrev) {
      return { lifecycleId: record.lifecycleId, seq: record.seq, reason: 'prev_hash does not match the hash of the entry before it' };
    }
    if (hashAuditRecord(record) !== record.hash) {
      return { lifecycleId: record.lifecycleId, seq: record.seq, reason: 'hash does not match the entry: its content was changed' };
    }
    previous = record;
  }
  return null;
}

/** An entry as the evidence rules read it back: what was recorded, by whom, when. */
export interface TrailEntry {
  seq: number;
  eventType: string;
  payload: Record<string, unknown>;
  userId: string | null;
  occurredAt: string;
}

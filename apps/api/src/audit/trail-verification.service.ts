import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { checkpointDigest, hashAuditRecord } from '@recert/audit';
import type { StoredCheckpoint } from './checkpoint.repository';
import { CheckpointRepository } from './checkpoint.repository';
import { TrailVerifier, Verification, VerifiedPosition } from './chain-verification';
import { HistoryRepository } from './history.repository';

/** Entries read per query while walking a trail: memory stays bounded however long the trail is. */
export const VERIFY_PAGE = 1000;

export type TrailReport = Verification & {
  /** Entries hashed and replayed by this run. */
  hashed: number;
  /** The checkpoint the run started after (`lifecycle.seq`), or null when it walked from the first entry. */
  from: string | null;
};

/**
 * Verifies a unit's trail from its last checkpoint (or from the start, `full`), page by page, and moves the
 * checkpoint forward when the trail verifies. Before trusting a checkpoint it checks, in O(1), that the row still
 * matches its digest and that the entry it pins is still there with the same hash and content: a trail rewritten
 * consistently (every hash recomputed) up to its head changes that entry, and shows.
 */
@Injectable()
export class TrailVerificationService {
  /** Walks in progress per unit (and mode): concurrent callers share one walk instead of each doing it. */
  private readonly running = new Map<string, Promise<TrailReport>>();

  constructor(
    private readonly history: HistoryRepository,
    private readonly checkpoints: CheckpointRepository,
  ) {}

  verify(deviceId: string, options: { full?: boolean } = {}): Promise<TrailReport> {
    const key = `${deviceId}:${options.full ? 'full' : 'incremental'}`;
    const running = this.running.get(key);
    if (running) return running;
    const walk = this.walk(deviceId, options.full ?? false).finally(() => this.running.delete(key));
    this.running.set(key, walk);
    return walk;
  }

  /**
   * Of these units, those that need no walk: their trail has not moved since a checkpoint whose digest holds, whose
   * pinned entry re-hashes to the same hash, and whose snapshot is the stored one. One query for the lot, then
   * in memory: what an incremental run over many units does first.
   */
  async unmoved(deviceIds: string[]): Promise<Set<string>> {
    const rows = await this.checkpoints.unmoved(deviceIds);
    const ok = rows.filter(
      ({ checkpoint, digest, pinned, snapshot }) =>
        checkpointDigest(checkpoint) === digest &&
        hashAuditRecord(pinned) === checkpoint.hash &&
        canonicalize(snapshot) === canonicalize(checkpoint.snapshot),
    );
    return new Set(ok.map((row) => row.checkpoint.deviceId));
  }

  private async walk(deviceId: string, full: boolean): Promise<TrailReport> {
    // Heads first: entries appended after this read are left for the next run (they are beyond these heads).
    const lifecycles = await this.history.lifecycles(deviceId);
    // A full run starts at the first entry, but still holds the trail to what was verified before.
    const stored = await this.checkpoints.find(deviceId);
    const trusted = stored ? await this.trust(stored) : 'none';
    const from = trusted === 'trusted' && !full ? stored!.checkpoint : null;
    const result = await this.walkFrom(deviceId, lifecycles, from);
    if (result.report.ok && trusted === 'rewritten') {
      // The chain verifies on its own, but not as it was verified before: it was rewritten, hashes and all.
      const { checkpoint } = stored!;
      return {
        ok: false,
        lifecycleId: checkpoint.lifecycleId,
        seq: checkpoint.seq,
        reason: `the entry verified at ${checkpoint.verifiedAt} has changed since: the trail was rewritten`,
        hashed: result.report.hashed,
        from: null,
      };
    }
    if (result.report.ok && result.position && (result.report.hashed > 0 || !from)) {
      const checkpoint = { deviceId, ...result.position, verifiedAt: new Date().toISOString() };
      await this.checkpoints.save({ checkpoint, digest: checkpointDigest(checkpoint) }, { replace: trusted === 'edited' });
    }
    return result.report;
  }

  /** Whether a stored checkpoint may be started from: its digest holds and the entry it pins is unchanged. */
  private async trust({ checkpoint, digest }: StoredCheckpoint): Promise<'trusted' | 'edited' | 'rewritten'> {
    if (checkpointDigest(checkpoint) !== digest) return 'edited';
    const pinned = await this.history.entryAt(checkpoint.lifecycleId, checkpoint.seq);
    if (!pinned || pinned.hash !== checkpoint.hash) return 'rewritten';
    // Its content re-hashed too: an edit of the pinned entry alone shows at once (the full walk then says where).
    return hashAuditRecord(pinned) === pinned.hash ? 'trusted' : 'edited';
  }

  private async walkFrom(
    deviceId: string,
    lifecycles: Awaited<ReturnType<HistoryRepository['lifecycles']>>,
    from: VerifiedPosition | null,
  ): Promise<{ report: TrailReport; position: VerifiedPosition | null }> {
    const verifier = new TrailVerifier(lifecycles, from);
    // Lifecycle by lifecycle, by the (lifecycle, seq) key, up to the heads read above: O(log n) to find the start.
    walking: for (const lifecycle of lifecycles) {
      if (from && lifecycle.number < from.lifecycleNumber) continue;
      let afterSeq = from && lifecycle.number === from.lifecycleNumber ? from.seq : 0;
      while (afterSeq < lifecycle.lastSeq) {
        const page = await this.history.lifecyclePage(lifecycle.id, afterSeq, lifecycle.lastSeq, VERIFY_PAGE);
        if (verifier.feed(page.map((r) => ({ ...r, lifecycleNumber: lifecycle.number })))) break walking;
        if (page.length < VERIFY_PAGE) break;
        afterSeq = page[page.length - 1].seq;
      }
    }
    const report = { ...verifier.finish(), hashed: verifier.hashed, from: from ? `${from.lifecycleNumber}.${from.seq}` : null };
    return { report, position: report.ok ? verifier.position() : null };
  }
}

import { Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { CheckpointRepository } from './checkpoint.repository';
import { TrailVerifier, VerifiedPosition } from './chain-verification';
import { HistoryRepository, LifecycleHead, UnitBatch } from './history.repository';
import { concludeWalk, judgeCheckpoint, startingPoint, TrailReport, walkLoadedTrail } from './trail-walk';

export type { TrailReport } from './trail-walk';

/** Entries read per query while walking a trail: memory stays bounded however long the trail is. */
export const VERIFY_PAGE = 1000;

/** A batch reads whole trails at once; a unit with more entries than this is walked page by page instead. */
export const BATCH_TRAIL_LIMIT = 5000;

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
   * Many units at once, as `audit:verify` runs: three queries read every trail of the batch (heads, entries,
   * checkpoints), the walks run in memory, and one statement moves the checkpoints. A unit whose trail is longer
   * than BATCH_TRAIL_LIMIT is walked page by page instead, so a batch's memory stays bounded.
   */
  async verifyMany(batch: UnitBatch, options: { full?: boolean } = {}): Promise<Array<{ deviceId: string; report: TrailReport }>> {
    const full = options.full ?? false;
    const heads = await this.history.lifecyclesOf(batch);
    const long = new Set(batch.ids.filter((id) => (heads.get(id) ?? []).reduce((n, l) => n + l.lastSeq, 0) > BATCH_TRAIL_LIMIT));
    // Without the long trails the batch is no longer every unit of its range: read those units by id.
    const short: UnitBatch = long.size ? { ids: batch.ids.filter((id) => !long.has(id)), contiguous: false } : batch;
    const [entries, stored] = await Promise.all([this.history.entriesOf(short), this.checkpoints.findMany(short)]);
    const now = new Date();
    const results: Array<{ deviceId: string; report: TrailReport }> = [];
    const saves = [];
    for (const deviceId of short.ids) {
      const trail = { deviceId, lifecycles: heads.get(deviceId) ?? [], entries: entries.get(deviceId) ?? [], stored: stored.get(deviceId) };
      const { report, save } = walkLoadedTrail(trail, full, now);
      results.push({ deviceId, report });
      if (save) saves.push(save);
    }
    await this.checkpoints.saveMany(saves);
    for (const deviceId of long) results.push({ deviceId, report: await this.verify(deviceId, { full }) });
    return results;
  }

  /**
   * A page of units as an incremental or full run takes it: an incremental run first settles, in one query, the
   * units that have not moved since their checkpoint, then walks the rest in one batch.
   */
  async verifyPage(
    page: UnitBatch,
    options: { full?: boolean } = {},
  ): Promise<{ unmoved: number; walked: Array<{ deviceId: string; report: TrailReport }> }> {
    const unmoved = options.full ? new Set<string>() : await this.unmoved(page);
    const moved: UnitBatch = unmoved.size ? { ids: page.ids.filter((id) => !unmoved.has(id)), contiguous: false } : page;
    return { unmoved: unmoved.size, walked: moved.ids.length ? await this.verifyMany(moved, options) : [] };
  }

  /**
   * Of these units, those that need no walk: their trail has not moved since a checkpoint whose digest holds, whose
   * pinned entry re-hashes to the same hash, and whose snapshot is the stored one. One query for the lot, then
   * in memory: what an incremental run over many units does first.
   */
  async unmoved(batch: UnitBatch): Promise<Set<string>> {
    const rows = await this.checkpoints.unmoved(batch);
    const ok = rows.filter(
      (row) => judgeCheckpoint(row, row.pinned) === 'trusted' && canonicalize(row.snapshot) === canonicalize(row.checkpoint.snapshot),
    );
    return new Set(ok.map((row) => row.checkpoint.deviceId));
  }

  private async walk(deviceId: string, full: boolean): Promise<TrailReport> {
    // Heads first: entries appended after this read are left for the next run (they are beyond these heads).
    const lifecycles = await this.history.lifecycles(deviceId);
    // A full run starts at the first entry, but still holds the trail to what was verified before.
    const stored = await this.checkpoints.find(deviceId);
    const pinned = stored && (await this.history.entryAt(stored.checkpoint.lifecycleId, stored.checkpoint.seq));
    const trust = judgeCheckpoint(stored, pinned);
    const from = startingPoint(stored, trust, full);
    const verifier = await this.walkFrom(lifecycles, from);
    const { report, save } = concludeWalk(deviceId, verifier, { stored, trust, from }, new Date());
    if (save) await this.checkpoints.save(save.stored, { replace: save.replace });
    return report;
  }

  private async walkFrom(lifecycles: LifecycleHead[], from: VerifiedPosition | null): Promise<TrailVerifier> {
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
    return verifier;
  }
}

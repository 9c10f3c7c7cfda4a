import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import type { HashedAuditRecord } from '@recert/audit';
import { DeviceService } from '../devices/device.service';
import { AuditEntryDto, HistoryQuery, MAX_HISTORY_PAGE, toAuditEntryDto } from './history.dto';
import { HistoryRepository } from './history.repository';
import { TrailReport, TrailVerificationService } from './trail-verification.service';

@Injectable()
export class HistoryService {
  constructor(
    private readonly history: HistoryRepository,
    private readonly devices: DeviceService,
    private readonly verification: TrailVerificationService,
  ) {}

  /** A page of the trail, and the `after` of the next page (null on the last). */
  async entries(caller: Caller, deviceId: string, query: HistoryQuery = {}): Promise<{ entries: AuditEntryDto[]; next: string | null }> {
    await this.assertVisible(caller, deviceId);
    const limit = query.limit ?? MAX_HISTORY_PAGE;
    const [number, seq] = query.after ? query.after.split('.').map(Number) : [];
    const rows = await this.history.page(deviceId, query.after ? { number, seq } : null, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { entries: page.map(toAuditEntryDto), next: rows.length > limit && last ? `${last.lifecycleNumber}.${last.seq}` : null };
  }

  /** From the unit's last checkpoint (or the first entry, `full`), page by page; a verified trail moves the checkpoint. */
  async verify(caller: Caller, deviceId: string, options: { full?: boolean } = {}): Promise<TrailReport> {
    await this.assertVisible(caller, deviceId);
    return this.verifyDevice(deviceId, options);
  }

  /** No scope check: the caller has made it (public verification). */
  verifyDevice(deviceId: string, options: { full?: boolean } = {}): Promise<TrailReport> {
    return this.verification.verify(deviceId, options);
  }

  /** One entry by lifecycle and seq, as stored (what a claim or a certificate cites). */
  entryAt(lifecycleId: string, seq: number): Promise<HashedAuditRecord | undefined> {
    return this.history.entryAt(lifecycleId, seq);
  }

  /** A medium's sanitization entries of one lifecycle up to a seq: what its certificate rests on. */
  mediumEntries(lifecycleId: string, mediumSerial: string, upToSeq: number): Promise<HashedAuditRecord[]> {
    return this.history.mediumEntries(lifecycleId, mediumSerial, upToSeq);
  }

  private assertVisible(caller: Caller, deviceId: string): Promise<void> {
    return this.devices.assertVisible(caller, deviceId);
  }
}

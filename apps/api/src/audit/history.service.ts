import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import type { HashedAuditRecord } from '@recert/audit';
import { DeviceService } from '../devices/device.service';
import { verifyTrail, Verification } from './chain-verification';
import { AuditEntryDto, HistoryQuery, MAX_HISTORY_PAGE, toAuditEntryDto } from './history.dto';
import { HistoryRepository, LifecycleHead } from './history.repository';

@Injectable()
export class HistoryService {
  constructor(
    private readonly history: HistoryRepository,
    private readonly devices: DeviceService,
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

  async verify(caller: Caller, deviceId: string): Promise<Verification> {
    await this.assertVisible(caller, deviceId);
    return this.verifyDevice(deviceId);
  }

  async verifyDevice(deviceId: string): Promise<Verification> {
    const { records, lifecycles } = await this.chain(deviceId);
    return verifyTrail(records, lifecycles);
  }

  /** Every entry of the unit's trail, lifecycle by lifecycle (no scope check: the caller has made it). */
  records(deviceId: string): Promise<HashedAuditRecord[]> {
    return this.history.records(deviceId);
  }

  /** The trail with each lifecycle's head, which verification compares it to. */
  async chain(deviceId: string): Promise<{ records: HashedAuditRecord[]; lifecycles: LifecycleHead[] }> {
    const [records, lifecycles] = await Promise.all([this.history.records(deviceId), this.history.lifecycles(deviceId)]);
    return { records, lifecycles };
  }

  private assertVisible(caller: Caller, deviceId: string): Promise<void> {
    return this.devices.assertVisible(caller, deviceId);
  }
}

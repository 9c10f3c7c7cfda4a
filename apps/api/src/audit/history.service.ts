import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import type { HashedAuditRecord } from '@recert/audit';
import { DeviceService } from '../devices/device.service';
import { verifyTrail, Verification } from './chain-verification';
import { AuditEntryDto, toAuditEntryDto } from './history.dto';
import { HistoryRepository, LifecycleHead } from './history.repository';

@Injectable()
export class HistoryService {
  constructor(
    private readonly history: HistoryRepository,
    private readonly devices: DeviceService,
  ) {}

  async entries(caller: Caller, deviceId: string): Promise<AuditEntryDto[]> {
    await this.assertVisible(caller, deviceId);
    return (await this.history.records(deviceId)).map(toAuditEntryDto);
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

import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { notFound } from '../common/domain-error';
import { DeviceReadRepository } from '../devices/device-read.repository';
import { readScopeOf } from '../devices/device.service';
import { verifyTrail, Verification } from './chain-verification';
import { AuditEntryDto, toAuditEntryDto } from './history.dto';
import { HistoryRepository } from './history.repository';

@Injectable()
export class HistoryService {
  constructor(
    private readonly history: HistoryRepository,
    private readonly devices: DeviceReadRepository,
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
    const [records, lifecycles] = await Promise.all([this.history.records(deviceId), this.history.lifecycles(deviceId)]);
    return verifyTrail(records, lifecycles);
  }

  private async assertVisible(caller: Caller, deviceId: string): Promise<void> {
    if (!(await this.devices.findDevice(deviceId, readScopeOf(caller)))) throw notFound('Device');
  }
}

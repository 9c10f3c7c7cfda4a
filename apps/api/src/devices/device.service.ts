import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { notFound } from '../common/domain-error';
import { Page, pageOf } from '../common/page.dto';
import { etagOf } from '../common/etag';
import { seesEverything } from '../auth/visibility';
import { DeviceFilter, DeviceReadRepository, MediumRow, ReadScope } from './device-read.repository';
import { DeviceDto, toDeviceDto } from './device.dto';

export const readScopeOf = (caller: Caller): ReadScope => ({ organisationId: seesEverything(caller) ? null : caller.organisationId });

@Injectable()
export class DeviceService {
  constructor(private readonly devices: DeviceReadRepository) {}

  async get(caller: Caller, id: string): Promise<{ device: DeviceDto; etag: string }> {
    const row = await this.devices.findDevice(id, readScopeOf(caller));
    if (!row) throw notFound('Device');
    const media = await this.devices.media([row.id]);
    return { device: toDeviceDto(row, media, caller.role), etag: etagOf(row.lifecycle_id, row.version) };
  }

  /** 404 unless the unit exists and is in the caller's scope (the same answer for both). */
  async assertVisible(caller: Caller, deviceId: string): Promise<void> {
    if (!(await this.devices.findDevice(deviceId, readScopeOf(caller)))) throw notFound('Device');
  }

  async list(caller: Caller, filter: DeviceFilter, cursor: string | undefined, limit: number): Promise<Page<DeviceDto>> {
    const rows = await this.devices.listDevices(filter, readScopeOf(caller), cursor, limit + 1);
    const media = await this.devices.media(rows.slice(0, limit).map((r) => r.id));
    const byDevice = new Map<string, MediumRow[]>();
    for (const medium of media) byDevice.set(medium.device_id, [...(byDevice.get(medium.device_id) ?? []), medium]);
    return pageOf(rows, limit, (row) => toDeviceDto(row, byDevice.get(row.id) ?? [], caller.role));
  }
}

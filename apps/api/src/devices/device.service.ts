import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { notFound } from '../common/domain-error';
import { keysetPageOf, Page } from '../common/page.dto';
import { decodeCursor } from '../common/keyset-cursor';
import { etagOf } from '../common/etag';
import { seesEverything } from '../auth/visibility';
import { DeviceReadRepository, MediumRow, ReadScope } from './device-read.repository';
import { DeviceDto, DeviceListQuery, toDeviceDto } from './device.dto';
import { deviceFilterOf } from './device-filter';

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

  /** Units in the caller's scope, filtered, in (created time, id) order after the cursor. */
  async list(caller: Caller, query: DeviceListQuery): Promise<Page<DeviceDto>> {
    const filter = deviceFilterOf(query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const limit = query.limit ?? 50;
    const rows = await this.devices.listDevices(filter, readScopeOf(caller), after, limit + 1);
    const media = await this.devices.media(rows.slice(0, limit).map((r) => r.id));
    const byDevice = new Map<string, MediumRow[]>();
    for (const medium of media) byDevice.set(medium.device_id, [...(byDevice.get(medium.device_id) ?? []), medium]);
    const keyOf = (row: (typeof rows)[number]) => ({ micros: row.created_micros, id: row.id });
    return keysetPageOf(rows, limit, keyOf, (row) => toDeviceDto(row, byDevice.get(row.id) ?? [], caller.role));
  }
}

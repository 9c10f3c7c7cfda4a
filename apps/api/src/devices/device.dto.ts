import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { allowedEvents, regionsOf, restore, UnitContext } from '@recert/lifecycle';
import type { EventType } from '@recert/lifecycle';
import { PageQuery } from '../common/page.dto';
import type { Role } from '../identity/identity.types';
import { forRole } from '../auth/event-permissions';
import { DEVICE_CLASSES } from './device.entity';
import type { DeviceRow, MediumRow } from './device-read.repository';

export class DeviceListQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @Length(1, 128)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  serial?: string;

  /** A state name, e.g. `processing`, or `sold` (which also matches `sold.warrantyActive`). */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  state?: string;

  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  brand?: string;

  @IsOptional()
  @IsIn(DEVICE_CLASSES)
  deviceClass?: string;

  @IsOptional()
  @IsUUID()
  takeback?: string;

  /** The parts harvested from this unit. */
  @IsOptional()
  @IsUUID()
  donor?: string;
}

export class MediumDto {
  serial: string;
  mediaType: string;
  interface: string;
  capacityGb: number | null;
}

export class LockSummaryDto {
  checked: boolean;
  /** Locks that keep the unit in quarantine. */
  blocking: string[];
}

export class MediumProgressDto {
  serial: string;
  /** pending, sanitized, failed, validated or destroyed. */
  status: string;
  level: string | null;
  attempts: number;
}

/** What the unit's evidence says so far, from its lifecycle's state. */
export class EvidenceSummaryDto {
  locks: LockSummaryDto;
  media: MediumProgressDto[];
  condition: string;
  grade: string | null;
  certified: boolean;
  programme: string | null;
}

export class LifecycleDto {
  id: string;
  number: number;
  state: string;
  /** The four processing tracks (locks, data, condition, cosmetic) while the unit is in processing. */
  regions: Record<string, string> | null;
  /** Events this caller's role may send now. */
  allowedEvents: EventType[];
  version: number;
  machineVersion: string;
  custodianOrganisationId: string;
  site: string;
  takebackId: string | null;
  /** The programme version the unit is processed under (from its takeback, or since its certification). */
  programmeId: string | null;
  programmeVersion: number | null;
  startedAt: string;
  endedAt: string | null;
  evidence: EvidenceSummaryDto;
}

export class DeviceDto {
  id: string;
  brand: string;
  serial: string;
  model: string;
  deviceClass: string;
  assetTag: string | null;
  /** For a harvested part: the unit it was taken from. */
  donorDeviceId: string | null;
  media: MediumDto[];
  lifecycle: LifecycleDto;
}

export class DevicePageDto {
  items: DeviceDto[];
  nextCursor: string | null;
}

export function toDeviceDto(row: DeviceRow, media: MediumRow[], role: Role): DeviceDto {
  const snapshot = restore(row.snapshot);
  const context: UnitContext = snapshot.context;
  return {
    id: row.id,
    brand: row.brand,
    serial: row.serial,
    model: row.model,
    deviceClass: row.device_class,
    assetTag: row.asset_tag,
    donorDeviceId: row.donor_device_id,
    media: media.map((m) => ({ serial: m.serial, mediaType: m.media_type, interface: m.interface, capacityGb: m.capacity_gb })),
    lifecycle: {
      id: row.lifecycle_id,
      number: row.number,
      state: row.state,
      regions: regionsOf(snapshot),
      allowedEvents: forRole(role, allowedEvents(snapshot)),
      version: row.version,
      machineVersion: row.machine_version,
      custodianOrganisationId: row.custodian_organisation_id,
      site: row.site,
      takebackId: row.takeback_id,
      programmeId: row.programme_id,
      programmeVersion: row.programme_version,
      startedAt: row.started_at.toISOString(),
      endedAt: row.ended_at?.toISOString() ?? null,
      evidence: {
        locks: context.locks,
        media: context.media,
        condition: context.condition,
        grade: context.grade,
        certified: context.certified,
        programme: context.programme,
      },
    },
  };
}

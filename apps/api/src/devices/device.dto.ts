import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IntersectionType } from '@nestjs/swagger';
import { allowedEvents, regionsOf, restore, UnitContext } from '@recert/lifecycle';
import type { EventType } from '@recert/lifecycle';
import { KeysetPageQuery } from '../common/page.dto';
import type { Role } from '../identity/identity.types';
import { forRole } from '../auth/event-permissions';
import type { DeviceRow, MediumRow } from './device-read.repository';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** Filters shared by `GET /devices` and the unit export; every filter narrows (AND). */
export class DeviceFilterQuery {
  /** Case-insensitive part (3–64 characters) of a serial, an asset tag or a storage medium's serial. @example "PF3K" */
  @IsOptional()
  @IsString()
  @Length(3, 64)
  @Transform(trimmed)
  q?: string;

  /** The exact serial. @example "PF3KX2AB" */
  @IsOptional()
  @IsString()
  @Length(1, 128)
  @Transform(upper)
  serial?: string;

  /** A state of the machine (GET /catalogue/states), e.g. `processing`, or `sold` (which also matches `sold.warrantyActive`). @example "sold" */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  state?: string;

  /** @example "lenovo" */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  brand?: string;

  /** A device class (GET /catalogue/device-classes). @example "notebook" */
  @IsOptional()
  @IsString()
  @Length(1, 32)
  deviceClass?: string;

  /** The internal grade A–D the unit's lifecycle holds (GET /catalogue/rubrics). @example "B" */
  @IsOptional()
  @IsString()
  @Length(1, 8)
  @Transform(upper)
  grade?: string;

  /** The programme the unit is processed or certified under. */
  @IsOptional()
  @IsUUID()
  programme?: string;

  /** The site the unit is at (exact). @example "Dock 1" */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  site?: string;

  /** The organisation that holds the unit now. */
  @IsOptional()
  @IsUUID()
  custodian?: string;

  /** The market of the unit's takeback (ISO 3166-1 alpha-2). @example "DE" */
  @IsOptional()
  @IsString()
  @Length(2, 8)
  @Transform(upper)
  market?: string;

  @IsOptional()
  @IsUUID()
  takeback?: string;

  /** The parts harvested from this unit. */
  @IsOptional()
  @IsUUID()
  donor?: string;

  /** Units created at or after this time (ISO 8601). @example "2026-01-01T00:00:00Z" */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  /** Units created before this time (ISO 8601). @example "2026-02-01T00:00:00Z" */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;

  /** Units whose lifecycle changed (an event, a custody move) at or after this time. */
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedFrom?: string;

  /** Units whose lifecycle changed last before this time. */
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedTo?: string;
}

export class DeviceListQuery extends IntersectionType(DeviceFilterQuery, KeysetPageQuery) {}

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

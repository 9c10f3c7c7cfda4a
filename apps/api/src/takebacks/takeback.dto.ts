import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { KeysetPageQuery } from '../common/page.dto';
import { EachObject } from '../common/validation';
import { DEVICE_CLASSES } from '../devices/device.entity';
import type { DeviceClass } from '../devices/device.entity';
import { MEDIA_TYPES } from '../devices/storage-medium.entity';
import type { MediaType } from '../devices/storage-medium.entity';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** A medium of a unit received off-manifest (a manifest itself is checked by manifest-schema.ts). */
export class ManifestMediumDto {
  /** Stored in upper case. @example "S4EVNX0M123456" */
  @Transform(upper)
  @IsString()
  @Length(1, 128)
  serial: string;

  @IsIn(MEDIA_TYPES)
  type: MediaType;

  /** @example "nvme" */
  @Transform(lower)
  @IsString()
  @Length(1, 16)
  interface: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  capacityGb?: number;
}

export class ReceiptDto {
  @Transform(lower)
  @IsString()
  @Length(1, 64)
  brand: string;

  @Transform(upper)
  @IsString()
  @Length(1, 128)
  serial: string;

  @IsBoolean()
  sealIntact: boolean;

  /** Needed only for a unit that is not on the manifest: it is registered from these. */
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 128)
  model?: string;

  @IsOptional()
  @IsIn(DEVICE_CLASSES)
  deviceClass?: DeviceClass;

  @IsOptional()
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => ManifestMediumDto)
  @ArrayMaxSize(32)
  media?: ManifestMediumDto[];

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  notes?: string;
}

export class TakebackUnitDto {
  deviceId: string;
  brand: string;
  serial: string;
}

export class TakebackDto {
  id: string;
  customerOrganisationId: string;
  custodianOrganisationId: string;
  site: string;
  market: string | null;
  /** The programme (and its version at intake) the units it covers are processed under. */
  programmeId: string | null;
  programmeVersion: number | null;
  createdAt: string;
  /** Units on the manifest. */
  expected: number;
  /** Units received, on the manifest or not. */
  received: number;
  /** On the manifest, not received. */
  missing: TakebackUnitDto[];
  /** Received, but not on the manifest. */
  unexpected: TakebackUnitDto[];
}

/** Filters of `GET /takebacks`; every filter narrows (AND). */
export class TakebackListQuery extends KeysetPageQuery {
  /** The customer that handed the units back. */
  @IsOptional()
  @IsUUID()
  customer?: string;

  /** The centre that receives and processes them. */
  @IsOptional()
  @IsUUID()
  custodian?: string;

  /** `open`: a unit on the manifest is not received yet; `complete`: every one is. @example "open" */
  @IsOptional()
  @IsString()
  @Length(1, 16)
  status?: string;

  /** @example "DE" */
  @IsOptional()
  @IsString()
  @Length(2, 8)
  @Transform(upper)
  market?: string;

  /** Takebacks created at or after this time (ISO 8601). @example "2026-01-01T00:00:00Z" */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  /** Takebacks created before this time (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;
}

export class TakebackSummaryDto {
  id: string;
  customerOrganisationId: string;
  custodianOrganisationId: string;
  site: string;
  market: string | null;
  programmeId: string | null;
  programmeVersion: number | null;
  createdAt: string;
  /** Units on the manifest. */
  expected: number;
  /** Units received, on the manifest or not. */
  received: number;
  /** `open` while a unit on the manifest is not received. @example "open" */
  status: string;
}

export class TakebackPageDto {
  items: TakebackSummaryDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

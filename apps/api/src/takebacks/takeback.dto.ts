import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
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

export class TakebackSummaryDto {
  id: string;
  customerOrganisationId: string;
  custodianOrganisationId: string;
  /** @example "Dock 1" */
  site: string;
  createdAt: string;
  /** Units on the manifest. @example 3 */
  expected: number;
  /** Units received. @example 3 */
  received: number;
}

export class TakebackPageDto {
  items: TakebackSummaryDto[];
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
}

import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DEVICE_CLASSES } from '../devices/device.entity';
import type { DeviceClass } from '../devices/device.entity';
import { MEDIA_TYPES } from '../devices/storage-medium.entity';
import type { MediaType } from '../devices/storage-medium.entity';

export const MAX_TAKEBACK_DEVICES = 10_000;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class ManifestMediumDto {
  /** Stored in upper case. @example "S4EVNX0M123456" */
  @Transform(upper) @IsString() @Length(1, 128)
  serial: string;

  @IsIn(MEDIA_TYPES)
  type: MediaType;

  /** @example "nvme" */
  @Transform(lower) @IsString() @Length(1, 16)
  interface: string;

  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  capacityGb?: number;
}

export class ManifestDeviceDto {
  /** Stored in lower case. @example "lenovo" */
  @Transform(lower) @IsString() @Length(1, 64)
  brand: string;

  /** Stored in upper case. @example "PF3ABCDE" */
  @Transform(upper) @IsString() @Length(1, 128)
  serial: string;

  /** @example "ThinkPad T14 Gen 3" */
  @Transform(trimmed) @IsString() @Length(1, 128)
  model: string;

  @IsIn(DEVICE_CLASSES)
  deviceClass: DeviceClass;

  @IsOptional() @Transform(trimmed) @IsString() @Length(1, 64)
  assetTag?: string;

  @IsOptional() @ValidateNested({ each: true }) @Type(() => ManifestMediumDto) @ArrayMaxSize(32)
  media?: ManifestMediumDto[];
}

export class TakebackHeaderDto {
  /** The organisation handing the units back. */
  @IsUUID()
  customerOrganisationId: string;

  /** Where the units arrive. @example "Nijmegen refurbishment centre" */
  @Transform(trimmed) @IsString() @Length(1, 200)
  site: string;

  /** ISO 3166-1 alpha-2. @example "FR" */
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'market must be an ISO 3166-1 alpha-2 code' })
  market?: string;
}

export class CreateTakebackDto extends TakebackHeaderDto {
  @ValidateNested({ each: true }) @Type(() => ManifestDeviceDto) @ArrayMinSize(1) @ArrayMaxSize(MAX_TAKEBACK_DEVICES)
  devices: ManifestDeviceDto[];
}

export class ReceiptDto {
  @Transform(lower) @IsString() @Length(1, 64)
  brand: string;

  @Transform(upper) @IsString() @Length(1, 128)
  serial: string;

  @IsBoolean()
  sealIntact: boolean;

  /** Needed only for a unit that is not on the manifest: it is registered from these. */
  @IsOptional() @Transform(trimmed) @IsString() @Length(1, 128)
  model?: string;

  @IsOptional() @IsIn(DEVICE_CLASSES)
  deviceClass?: DeviceClass;

  @IsOptional() @ValidateNested({ each: true }) @Type(() => ManifestMediumDto) @ArrayMaxSize(32)
  media?: ManifestMediumDto[];

  @IsOptional() @IsString() @Length(1, 1000)
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

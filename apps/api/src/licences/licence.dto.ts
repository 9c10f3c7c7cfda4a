import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { EachObject } from '../common/validation';
import { CAPABILITIES } from '@recert/licensing';
import type { Capability } from '@recert/licensing';
import { DEVICE_CLASSES } from '../devices/device.entity';

const lowerAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value;

export class LicenceScopeDto {
  /** @example ["hp"] */
  @Transform(lowerAll)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  brands: string[];

  /** @example ["notebook", "desktop"] */
  @IsIn(DEVICE_CLASSES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(DEVICE_CLASSES.length)
  deviceClasses: string[];

  /** Model prefixes, e.g. ["EliteBook"]; absent = every product line. */
  @IsOptional()
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  @ArrayMaxSize(100)
  productLines?: string[];

  /** @example ["FR", "BE"] */
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each market must be an ISO 3166-1 alpha-2 code' })
  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  markets: string[];
}

export class LicenceQuotaDto {
  @IsIn(CAPABILITIES)
  capability: Capability;

  /** Units per brand per calendar month (UTC). */
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  perMonth: number;
}

export class LicenceRequirementsDto {
  @IsOptional()
  @IsIn(['clear', 'purge'])
  minimumSanitizationLevel?: 'clear' | 'purge';

  @IsOptional()
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  @ArrayMaxSize(20)
  allowedGrades?: string[];

  @IsOptional()
  @IsIn(['genuine_only', 'genuine_or_equivalent', 'any'])
  partsPolicy?: 'genuine_only' | 'genuine_or_equivalent' | 'any';
}

export class LicenceTermsDto {
  @IsIn(['draft', 'active', 'suspended', 'terminated'])
  status: 'draft' | 'active' | 'suspended' | 'terminated';

  @IsOptional()
  @IsString()
  @Length(1, 500)
  statusReason?: string;

  @IsISO8601()
  validFrom: string;

  @IsISO8601()
  validTo: string;

  @IsObject()
  @ValidateNested()
  @Type(() => LicenceScopeDto)
  scope: LicenceScopeDto;

  @IsIn(CAPABILITIES, { each: true })
  @ArrayMaxSize(10)
  capabilities: Capability[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LicenceRequirementsDto)
  requirements?: LicenceRequirementsDto;

  @IsOptional()
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => LicenceQuotaDto)
  @ArrayMaxSize(10)
  quotas?: LicenceQuotaDto[];

  /** Capabilities that go on for units already sold when the licence ends (e.g. PROVIDE_WARRANTY, HANDLE_RMA). */
  @IsOptional()
  @IsIn(CAPABILITIES, { each: true })
  @ArrayMaxSize(10)
  survivesTermination?: Capability[];
}

export class CreateLicenceDto extends LicenceTermsDto {
  @IsUUID()
  partnerOrganisationId: string;

  /**
   * The code of one programme of the issuing OEM (a programme's `code`, not its id; codes are unique per OEM).
   * Anything else is refused (400, field `programme`), as are scope brands the OEM does not own (`scope.brands`).
   * @example "hp-certified-refurbished"
   */
  @IsString()
  @Length(1, 100)
  programme: string;
}

export class LicenceStatusDto {
  @IsIn(['active', 'suspended', 'terminated'])
  status: 'active' | 'suspended' | 'terminated';

  @IsString()
  @Length(1, 500)
  reason: string;
}

export class UsageQuery {
  @IsOptional()
  @IsISO8601()
  from?: string;

  @IsOptional()
  @IsISO8601()
  to?: string;
}

export class LicenceVersionDto {
  version: number;
  status: string;
  statusReason: string | null;
  validFrom: string;
  validTo: string;
  scope: LicenceScopeDto;
  capabilities: string[];
  requirements: LicenceRequirementsDto;
  quotas: LicenceQuotaDto[];
  survivesTermination: string[];
  createdByUserId: string;
  createdAt: string;
}

export class LicenceDto {
  id: string;
  oemOrganisationId: string;
  partnerOrganisationId: string;
  programme: string;
  current: LicenceVersionDto;
  /** Every version, oldest first: the licence's own audit. */
  versions: LicenceVersionDto[];
}

export class UsageCountDto {
  key: string;
  count: number;
}

export class QuotaUseDto {
  brand: string;
  period: string;
  used: number;
  limit: number | null;
}

export class LicenceUsageDto {
  licenceId: string;
  from: string;
  to: string;
  /** Commands allowed under this licence, by capability. */
  handled: UsageCountDto[];
  /** Certifications counted against the quota, per brand and month. */
  certified: QuotaUseDto[];
  /** Refused commands, by reason. */
  denials: UsageCountDto[];
}

/** A page of licences; `nextCursor` continues the list (null on the last page). */
export class LicencePageDto {
  items: LicenceDto[];
  nextCursor: string | null;
}

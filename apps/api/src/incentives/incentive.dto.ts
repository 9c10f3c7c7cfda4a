import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDefined,
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
import { BandDto, OffsetsTotalDto } from '../carbon/carbon.dto';
import { EachObject } from '../common/validation';

const DECIMAL = /^\d{1,6}(\.\d{1,4})?$/;
const MONEY = /^\d{1,9}(\.\d{1,2})?$/;
const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value;

export class TierDto {
  /** The band starts at this period volume (one band must start at 0). @example 50 */
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  minUnits: number;

  /** Multiplier of the unit amount, a decimal with up to 4 places. @example "1.2" */
  @IsString()
  @Matches(DECIMAL, { message: 'multiplier must be a decimal such as "1.2"' })
  multiplier: string;
}

export class IncentiveRuleDto {
  /** `per_unit`, `tiered` (retroactive over the period volume) or `percentage` of a recorded deal value. @example "tiered" */
  @IsString()
  @Length(1, 32)
  kind: string;

  /** Per unit (per_unit, tiered), in major units of the currency, as a decimal string. @example "5.00" */
  @IsOptional()
  @IsString()
  @Matches(MONEY, { message: 'amount must be a decimal such as "5.00"' })
  amount?: string;

  /** For tiered. @example [{"minUnits":0,"multiplier":"1.0"},{"minUnits":50,"multiplier":"1.2"},{"minUnits":200,"multiplier":"1.5"}] */
  @IsOptional()
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => TierDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  tiers?: TierDto[];

  /** For percentage: percent of the deal value, a decimal. @example "2.5" */
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, { message: 'percent must be a decimal such as "2.5"' })
  percent?: string;
}

export class IncentiveFiltersDto {
  /** @example ["lenovo"] */
  @IsOptional()
  @Transform(trimAll)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  @ArrayMaxSize(50)
  brands?: string[];

  /** @example ["notebook"] */
  @IsOptional()
  @IsString({ each: true })
  @Length(1, 16, { each: true })
  @ArrayMaxSize(20)
  deviceClasses?: string[];

  /** ISO 3166-1 alpha-2. @example ["DE", "FR"] */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each market must be an ISO 3166-1 alpha-2 code' })
  @ArrayMaxSize(250)
  markets?: string[];

  /** Internal grades. @example ["A", "B"] */
  @IsOptional()
  @IsString({ each: true })
  @Length(1, 8, { each: true })
  @ArrayMaxSize(10)
  grades?: string[];
}

export class IncentiveTermsDto {
  /** @example "Certified resale rebate" */
  @IsString()
  @Length(1, 200)
  name: string;

  /** takeback_received, certified, certified_sale, returned_to_owner. @example ["certified_sale"] */
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  qualifyingEvents: string[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => IncentiveFiltersDto)
  filters?: IncentiveFiltersDto;

  /** monthly or quarterly (UTC). @example "monthly" */
  @IsString()
  @Length(1, 16)
  period: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => IncentiveRuleDto)
  rule: IncentiveRuleDto;

  /** ISO 4217, one of the supported currencies (two decimals). @example "EUR" */
  @IsString()
  @Length(3, 3)
  currency: string;

  /** Days after the period's end during which a claim may be filed. @example 30 */
  @IsInt()
  @Min(1)
  @Max(365)
  claimWindowDays: number;

  /** Days after a qualifying event during which a reversal claws it back. @example 90 */
  @IsInt()
  @Min(0)
  @Max(1095)
  clawbackWindowDays: number;

  /** refund, rma_replacement, rma_received. @example ["refund"] */
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  @ArrayMaxSize(3)
  reversingEvents: string[];

  /** When this version comes into force (default: now). A period is judged under the version in force at its start. @example "2026-12-01T00:00:00Z" */
  @IsOptional()
  @IsISO8601({ strict: true })
  effectiveFrom?: string;
}

export class CreateIncentiveDto extends IncentiveTermsDto {
  /** Unique within the OEM. @example "resale-rebate-2027" */
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'code must be lower-case letters, digits and dashes' })
  code: string;
}

export class IncentiveVersionDto {
  version: number;
  /** @example "2026-12-01T00:00:00.000Z" */
  effectiveFrom: string;
  name: string;
  qualifyingEvents: string[];
  filters: IncentiveFiltersDto;
  period: string;
  rule: IncentiveRuleDto;
  currency: string;
  claimWindowDays: number;
  clawbackWindowDays: number;
  reversingEvents: string[];
  createdByUserId: string;
  createdAt: string;
}

export class IncentiveDto {
  id: string;
  oemOrganisationId: string;
  code: string;
  /** The latest version. */
  current: IncentiveVersionDto;
  versions: IncentiveVersionDto[];
}

export class IncentivePageDto {
  items: IncentiveDto[];
  nextCursor: string | null;
}

export class FileClaimDto {
  /** The period: "2026-12" (monthly) or "2026-Q4" (quarterly). @example "2026-12" */
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { message: 'period must be YYYY-MM or YYYY-Qn' })
  period: string;

  /** Only these units (the partner's own claim list); all qualifying units of the period when absent. */
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  deviceIds?: string[];
}

export class RejectClaimDto {
  /** @example "Units outside the agreed market" */
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class PayClaimDto {
  /** The payment's reference in the OEM's ledger. @example "SEPA-2027-000123" */
  @IsString()
  @Length(1, 100)
  paymentReference: string;
}

export class ClaimTransitionDto {
  from: string | null;
  to: string;
  /** Who made the transition (key, user, organisation, role). */
  actor: Record<string, unknown>;
  reason: string | null;
  paymentReference: string | null;
  occurredAt: string;
}

export class ClaimDto {
  id: string;
  /** @example "INC-2026-12-7F3A91C2" */
  reference: string;
  programmeId: string;
  programmeVersion: number;
  oemOrganisationId: string;
  partnerOrganisationId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  /** submitted → approved | rejected; approved → paid. @example "submitted" */
  status: string;
  qualifyingUnits: number;
  /** Integer minor units (cents). @example 165000 */
  qualifyingMinor: number;
  /** Integer minor units; negative. @example -7500 */
  clawbackMinor: number;
  totalMinor: number;
  /** @example "220 × 5.00 × 1.5 = 1,650.00" */
  arithmetic: string;
  filedByUserId: string;
  filedAt: string;
  rejectionReason: string | null;
  paymentReference: string | null;
  transitions: ClaimTransitionDto[];
}

export class ClaimListDto {
  items: ClaimDto[];
}

export class ClaimLineDto {
  id: string;
  /** qualifying, rejected, clawback or tier_adjustment. @example "qualifying" */
  kind: string;
  deviceId: string | null;
  lifecycleId: string | null;
  eventType: string | null;
  /** The cited audit entry's seq and hash. */
  seq: number | null;
  entryHash: string | null;
  occurredAt: string | null;
  /** Integer minor units. @example 750 */
  amountMinor: number;
  /** Why a line was rejected. */
  reason: string | null;
  arithmetic: string | null;
  reversesLineId: string | null;
  /** The earlier claim a clawback adjusts. */
  adjustsClaimId: string | null;
}

export class ClaimLinePageDto {
  items: ClaimLineDto[];
  nextCursor: string | null;
}

export class LineQuery {
  /** The last line id of the previous page. */
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class ClaimVerificationFailureDto {
  deviceId: string;
  reason: string;
}

export class ClaimVerificationDto {
  /** Every cited entry is in its unit's chain with the hash cited, and every chain verifies. */
  ok: boolean;
  citedEntries: number;
  units: number;
  failures: ClaimVerificationFailureDto[];
}

export class ClaimsQuery {
  @IsOptional()
  @IsUUID()
  partnerOrganisationId?: string;

  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/)
  period?: string;
}

export class ReportQuery extends ClaimsQuery {
  /** json (default) or csv; `Accept: text/csv` works too. */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class RejectedLineDto {
  deviceId: string | null;
  eventType: string | null;
  entryHash: string | null;
  reason: string;
}

export class PartnerPeriodReportDto {
  reference: string;
  partnerOrganisationId: string;
  period: string;
  status: string;
  currency: string;
  qualifyingUnits: number;
  qualifyingMinor: number;
  clawbackMinor: number;
  totalMinor: number;
  arithmetic: string;
  rejected: RejectedLineDto[];
}

export class IncentiveReportDto {
  programmeId: string;
  items: PartnerPeriodReportDto[];
}

export class LiabilityItemDto {
  programmeId: string;
  reference: string;
  partnerOrganisationId: string;
  period: string;
  /** submitted or approved: accrued, not yet paid. */
  status: string;
  currency: string;
  totalMinor: number;
}

export class LiabilityTotalDto {
  currency: string;
  totalMinor: number;
}

export class LiabilityDto {
  oemOrganisationId: string;
  items: LiabilityItemDto[];
  totals: LiabilityTotalDto[];
}

export class LiabilityQuery {
  /** The OEM (platform users only; an OEM sees its own). */
  @IsOptional()
  @IsUUID()
  oemOrganisationId?: string;

  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class DashboardQuery {
  /** The partner (OEMs and platform users; a partner sees its own). */
  @IsOptional()
  @IsUUID()
  partnerOrganisationId?: string;

  /** Start of the range (default: 12 months ago). */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class EarnedDto {
  currency: string;
  submittedMinor: number;
  approvedMinor: number;
  paidMinor: number;
}

/** The partner's yearly baseline from the carbon ledger; every band is kg CO2e with its uncertainty (low, high). */
export class EmissionsBaselineDto {
  /** The calendar year (UTC) of the carbon report: the year the dashboard's range ends in. @example 2026 */
  year: number;
  /** Units with at least one carbon entry that year. @example 220 */
  units: number;
  /** Mass unit of every band. */
  @ApiProperty({ enum: ['kg CO2e'], example: 'kg CO2e' })
  unit: 'kg CO2e';
  /** The refurbished units' own emissions (refurbishment, logistics, use) recorded while the partner held them. */
  inventory: BandDto;
  /** Avoided-emission claims made while the partner held the units, net of their reversals. */
  avoided: BandDto;
  /** Offsets retired for the partner: reported beside, never subtracted. */
  offsetsRetired: OffsetsTotalDto;
  /** Every factor set (id@version) the figures come from. @example ["recert-carbon@2026.1"] */
  factorSets: string[];
}

export class PartnerDashboardDto {
  partnerOrganisationId: string;
  from: string;
  to: string;
  /** Units received by the partner (RECEIVE entries it recorded). */
  takebackUnits: number;
  /** Refurbished units the partner sold (SELL entries it recorded). */
  refurbishedSales: number;
  incentivesEarned: EarnedDto[];
  /**
   * The partner's emissions baseline for the calendar year the range ends in: the totals of
   * `GET /carbon/reports/partners/{partnerOrganisationId}?year=` (see docs/incentives.md). Null when the partner has
   * no carbon entries that year, and for a caller who may not read the partner's carbon report (an OEM).
   */
  @ApiProperty({ type: () => EmissionsBaselineDto, nullable: true })
  emissionsBaseline: EmissionsBaselineDto | null;
}

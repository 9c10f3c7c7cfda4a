import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { CARBON_KINDS, CLAIMANT_ROLES } from '@recert/carbon';
import type { CarbonKind, ClaimantRole } from '@recert/carbon';

/** kg CO2e with its uncertainty band. */
export class BandDto {
  @ApiProperty({ example: 292.919 }) kg: number;
  @ApiProperty({ example: 223.351 }) low: number;
  @ApiProperty({ example: 362.487 }) high: number;
}

export class FigureSourceDto {
  /** The data set row the figure came from. @example "boavizta-data-us.csv: Dell/Latitude 7420 (January 2021)" */
  row?: string;
  /** The class default used when the model has no PCF. @example "notebook" */
  classDefault?: string;
  /** @example "https://www.delltechnologies.com/asset/en-us/products/laptops-and-2-in-1s/technical-support/latitude-7420.pdf" */
  url?: string;
  /** How the figure was derived, in words. */
  note?: string;
}

export class ClaimantDto {
  organisationId: string;
  @ApiProperty({ enum: CLAIMANT_ROLES, example: 'oem' }) role: ClaimantRole;
}

export class LedgerEntryDto {
  id: string;
  @ApiProperty({ enum: CARBON_KINDS, example: 'embodied' }) kind: CarbonKind;
  amount: BandDto;
  /** @example "recert-carbon@2026.1" */
  factorSet: string;
  source: FigureSourceDto;
  /** The inputs the figure was computed from. */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { pcfTotalKg: 341, manufacturingShare: 0.859 } })
  inputs: Record<string, unknown>;
  claimant?: ClaimantDto;
  /** The unit's lifecycle number. */
  lifecycle: number;
  recordedAt: string;
  /** The hash of the trail entry that carries this figure. */
  auditEntryHash: string;
}

export class OffsetsTotalDto {
  @ApiProperty({ example: 1.5 }) tCo2e: number;
}

export class LedgerTotalsDto {
  /** The refurbished unit's own emissions: refurbishment + logistics + use. */
  inventory: BandDto;
  /** Avoided claims net of their reversals. */
  avoided: BandDto;
  /** Offsets allocated to the unit: reported beside, never subtracted. */
  offsetsAllocated: OffsetsTotalDto;
}

export class LedgerDto {
  deviceId: string;
  entries: LedgerEntryDto[];
  totals: LedgerTotalsDto;
}

export class ClassBreakdownDto {
  @ApiProperty({ example: 'notebook' }) deviceClass: string;
  units: number;
  inventory: BandDto;
  avoided: BandDto;
}

export class MonthBreakdownDto {
  @ApiProperty({ example: '2026-03' }) month: string;
  inventory: BandDto;
  avoided: BandDto;
}

export class ReportTotalsDto {
  inventory: BandDto;
  avoided: BandDto;
  /** Offsets retired for (allocated to) the subject: beside the figures, never subtracted. */
  offsetsRetired: OffsetsTotalDto;
}

export class NeutralityLabelDto {
  /** Always false: no product is called carbon neutral on the strength of offsets. */
  carbonNeutralClaimAllowed: boolean;
  reason: string;
}

/** The same report for every subject: a customer's year, a takeback, a partner's year, a programme's period. */
export class CarbonReportDto {
  organisationId?: string;
  takebackId?: string;
  programmeId?: string;
  year?: number;
  from?: string;
  to?: string;
  /** Units with at least one carbon entry in the report. */
  units: number;
  totals: ReportTotalsDto;
  byClass: ClassBreakdownDto[];
  byMonth?: MonthBreakdownDto[];
  /** Every factor set (id@version) the figures come from. @example ["recert-carbon@2026.1"] */
  factorSets: string[];
  labels: NeutralityLabelDto;
}

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class YearReportQuery {
  /** Calendar year (UTC). @example 2026 */
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
  /** json (default), csv, or pdf (the customer's yearly impact report). */
  @ApiProperty({ enum: REPORT_FORMATS, required: false }) @IsOptional() @IsIn(REPORT_FORMATS) format?: ReportFormat;
}

export class ReportFormatQuery {
  /** json (default) or csv. */
  @ApiProperty({ enum: ['json', 'csv'], required: false }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class PeriodReportQuery {
  /** Start of the period (inclusive). @example "2026-01-01T00:00:00Z" */
  @IsISO8601() from: string;
  /** End of the period (exclusive). @example "2027-01-01T00:00:00Z" */
  @IsISO8601() to: string;
  @ApiProperty({ enum: ['json', 'csv'], required: false }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

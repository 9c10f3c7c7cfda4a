import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUrl, IsUUID, Length, Max, Min, Matches } from 'class-validator';
import { OFFSET_REGISTRIES } from '@recert/carbon';

/** A retirement of carbon credits, recorded from the registry's certificate. */
export class RecordRetirementDto {
  /** One of the registries (422 carbon-vocabulary-unknown otherwise). */
  @ApiProperty({ enum: OFFSET_REGISTRIES, example: 'verra_vcs' }) @IsString() @Length(1, 32) registry: string;
  /** The registry's project id. @example "VCS-981" */
  @IsString() @Length(1, 100) @Matches(/^[A-Za-z0-9._:/-]+$/, { message: 'projectId: letters, digits and . _ : / -' }) projectId: string;
  /** First serial of the retired block (inclusive). @example 1001 */
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) serialStart: number;
  /** Last serial of the block (inclusive); one serial is one tonne. @example 1100 */
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) serialEnd: number;
  /** Tonnes CO2e retired; must equal the block's size when given. @example 100 */
  @IsOptional() @IsNumber({ maxDecimalPlaces: 3 }) @Min(0.001) @Max(1e12) quantityT?: number;
  /** @example 2024 */
  @IsInt() @Min(1990) @Max(2100) vintage: number;
  /** @example "Contoso Ltd" */
  @IsString() @Length(1, 200) beneficiary: string;
  /** @example "https://registry.verra.org/myModule/rpt/myrpt.asp?r=206&h=123456" */
  @IsUrl({ protocols: ['https'], require_protocol: true }) @Length(1, 500) certificateUrl: string;
  /** The day of retirement (a calendar date). */
  @ApiProperty({ format: 'date', example: '2026-03-01' })
  @IsISO8601({ strict: true })
  @Length(10, 10)
  retiredOn: string;
}

export class AllocateOffsetDto {
  /** The customer organisation the tonnes are allocated to (exactly one of customer or device). */
  @IsOptional() @IsUUID() customerOrganisationId?: string;
  /** The unit the tonnes are allocated to. */
  @IsOptional() @IsUUID() deviceId?: string;
  /** @example 2.5 */
  @IsNumber({ maxDecimalPlaces: 3 }) @Min(0.001) @Max(1e12) quantityT: number;
}

export class OffsetAllocationDto {
  id: string;
  retirementId: string;
  customerOrganisationId: string | null;
  deviceId: string | null;
  quantityT: number;
  allocatedAt: string;
}

export class OffsetRetirementDto {
  id: string;
  organisationId: string;
  @ApiProperty({ enum: OFFSET_REGISTRIES }) registry: string;
  projectId: string;
  serialStart: number;
  serialEnd: number;
  quantityT: number;
  vintage: number;
  beneficiary: string;
  certificateUrl: string;
  retiredOn: string;
  /** Tonnes allocated so far, and what is left. */
  allocatedT: number;
  remainingT: number;
  allocations: OffsetAllocationDto[];
}

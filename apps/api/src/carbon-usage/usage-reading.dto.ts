import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsISO8601, IsNumber, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { BandDto } from '../carbon/carbon.dto';
import { EachObject } from '../common/validation';

/** The most readings of one request. */
export const MAX_USAGE_READINGS = 10_000;

/** One metered period of a unit: kWh, or power-on hours (× the class's average power). */
export class UsageReadingDto {
  @IsUUID() deviceId: string;
  /** @example "2026-03-01T00:00:00Z" */
  @IsISO8601() periodStart: string;
  /** @example "2026-04-01T00:00:00Z" */
  @IsISO8601() periodEnd: string;
  /** Metered energy (exactly one of kwh or powerOnHours). @example 4.2 */
  @ApiProperty({ required: false }) @IsOptional() @IsNumber({ maxDecimalPlaces: 4 }) @Min(0) @Max(1_000_000) kwh?: number;
  /** @example 180 */
  @ApiProperty({ required: false }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(100_000) powerOnHours?: number;
  /** Country of use (ISO 3166-1 alpha-2) for the grid factor; default: the unit's market, else the world average. */
  @ApiProperty({ required: false, example: 'DE' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;
}

export class UsageReadingsDto {
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => UsageReadingDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_USAGE_READINGS)
  readings: UsageReadingDto[];
}

export class UsageReadingResultDto {
  /** Position of the reading in the request. */
  index: number;
  deviceId: string;
  periodStart: string;
  periodEnd: string;
  /** recorded, or duplicate (the same reading was recorded before: nothing new). */
  @ApiProperty({ enum: ['recorded', 'duplicate'] }) status: 'recorded' | 'duplicate';
  /** The use-phase emissions of the period (recorded readings). */
  use?: BandDto;
}

export class UsageReadingsResultDto {
  recorded: number;
  duplicates: number;
  results: UsageReadingResultDto[];
}

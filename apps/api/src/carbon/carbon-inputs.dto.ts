import { ApiProperty, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LEG_KINDS, TRANSPORT_MODES } from '@recert/carbon';
import { EachObject } from '../common/validation';

/** One transport leg of the unit: weight × distance × the mode's factor. */
export class TransportLegDto {
  /** pickup (takeback), handoff (between sites), shipment (to the buyer); another value is 422 carbon-vocabulary-unknown naming it. */
  @ApiProperty({ enum: LEG_KINDS, example: 'pickup' }) @IsString() @Length(1, 32) leg: string;
  /** A mode of the factor set; another value is 422 carbon-vocabulary-unknown naming it. */
  @ApiProperty({ enum: TRANSPORT_MODES, example: 'road_truck' }) @IsString() @Length(1, 32) mode: string;
  /** Kilometres travelled. */
  @ApiProperty({ example: 320 }) @IsNumber({ maxDecimalPlaces: 3 }) @Min(0) @Max(40075) distanceKm: number;
  /** Shipped weight in kg; default: the unit's class weight. */
  @ApiProperty({ required: false, example: 2.4 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 3 }) @Min(0) @Max(5000) weightKg?: number;
}

/**
 * The transport leg of a custody hand-off (its kind is always `handoff`): distance and weight as an event's legs;
 * a mode outside the factor set's vocabulary is a 422 `carbon-vocabulary-unknown` naming it (`CarbonLedger.handoffLeg`).
 */
export class HandoffLegDto extends PickType(TransportLegDto, ['distanceKm', 'weightKg'] as const) {
  @ApiProperty({ enum: TRANSPORT_MODES, example: 'road_van' }) @IsString() @Length(1, 32) mode: string;
}

/**
 * Carbon inputs an event may carry (RECEIVE, TEST_RESULT, COMPLETE_REPAIR, SELL, RETURN_TO_OWNER); all optional,
 * with documented defaults. The server computes the entries and stores them with the event (`carbonLedger`).
 */
export class CarbonInputsDto {
  /** Test/repair station energy in kWh; default at TEST_RESULT: the class default, at COMPLETE_REPAIR: 0. */
  @ApiProperty({ required: false, example: 1.8 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 4 }) @Min(0) @Max(10000) stationKwh?: number;
  /** ISO 3166-1 alpha-2 country of the site, for its grid factor; default: the takeback's market, else the world average. */
  @ApiProperty({ required: false, example: 'FR' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'siteCountry must be an ISO 3166-1 alpha-2 code' })
  siteCountry?: string;
  @ApiProperty({ required: false, type: [TransportLegDto] })
  @IsOptional()
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => TransportLegDto)
  @ArrayMaxSize(10)
  legs?: TransportLegDto[];
}

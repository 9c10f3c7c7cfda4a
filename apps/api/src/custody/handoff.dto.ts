import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { HandoffLegDto } from '../carbon/carbon-inputs.dto';
import { KeysetPageQuery } from '../common/page.dto';
import type { Handoff } from './custody.repository';

export class RequestHandoffDto {
  /** The organisation that is to take custody. */
  @IsUUID()
  toOrganisationId: string;

  /** Where the unit goes. @example "Partner B, Lyon" */
  @IsString()
  @Length(1, 200)
  site: string;

  /**
   * The transport leg that moves the unit to the receiver (mode from the factor set, km, weight in kg; default
   * weight: the unit's class weight). Its logistics figure is recorded in the unit's ledger when the hand-off is
   * confirmed.
   */
  @ApiProperty({ required: false, type: HandoffLegDto, example: { mode: 'road_van', distanceKm: 300, weightKg: 2 } })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => HandoffLegDto)
  transport?: HandoffLegDto;
}

export class HandoffDto {
  id: string;
  deviceId: string;
  lifecycleId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  toSite: string;
  status: string;
  requestedByUserId: string;
  requestedAt: string;
  confirmedByUserId: string | null;
  confirmedAt: string | null;
  /** The transport leg as requested; null when none was given. */
  @ApiProperty({ type: HandoffLegDto, nullable: true, example: { mode: 'road_van', distanceKm: 300, weightKg: 2 } })
  transport: HandoffLegDto | null;
}

export const toHandoffDto = (h: Handoff): HandoffDto => ({
  ...h,
  requestedAt: h.requestedAt.toISOString(),
  confirmedAt: h.confirmedAt?.toISOString() ?? null,
});

/** Filters of `GET /handoffs`: `status=requested&to=<my organisation>` is what waits for my confirmation. */
export class HandoffListQuery extends KeysetPageQuery {
  /** `requested` (pending) or `confirmed`. @example "requested" */
  @IsOptional()
  @IsString()
  @Length(1, 16)
  status?: string;

  @IsOptional()
  @IsUUID()
  device?: string;

  /** The receiving organisation. */
  @IsOptional()
  @IsUUID()
  to?: string;

  /** The handing organisation. */
  @IsOptional()
  @IsUUID()
  from?: string;
}

export class HandoffPageDto {
  items: HandoffDto[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
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

import { IsString, IsUUID, Length } from 'class-validator';
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

import { IsString, IsUUID, Length } from 'class-validator';
import type { HandoffRow } from '../lifecycle/command.repository';

export class RequestHandoffDto {
  /** The organisation that is to take custody. */
  @IsUUID()
  toOrganisationId: string;

  /** Where the unit goes. @example "Partner B, Lyon" */
  @IsString() @Length(1, 200)
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

export const toHandoffDto = (h: HandoffRow): HandoffDto => ({
  id: h.id, deviceId: h.device_id, lifecycleId: h.lifecycle_id, fromOrganisationId: h.from_organisation_id, toOrganisationId: h.to_organisation_id,
  toSite: h.to_site, status: h.status, requestedByUserId: h.requested_by_user_id, requestedAt: h.requested_at.toISOString(),
  confirmedByUserId: h.confirmed_by_user_id, confirmedAt: h.confirmed_at?.toISOString() ?? null,
});

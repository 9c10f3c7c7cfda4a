import { IsIn, IsString, Length } from 'class-validator';
import { ORGANISATION_KINDS, OrganisationKind } from './identity.types';
import type { OrganisationEntity } from './organisation.entity';

export class CreateOrganisationDto {
  /** @example "Contoso Refurb GmbH" */
  @IsString() @Length(1, 200)
  name: string;

  /** oem, refurbishment_centre, partner or customer. @example "partner" */
  @IsIn(ORGANISATION_KINDS)
  kind: (typeof ORGANISATION_KINDS)[number];
}

export class OrganisationDto {
  id: string;
  name: string;
  kind: OrganisationKind;
  createdAt: string;
}

export class OrganisationPageDto {
  items: OrganisationDto[];
  nextCursor: string | null;
}

export const toOrganisationDto = (o: OrganisationEntity): OrganisationDto => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  createdAt: o.createdAt.toISOString(),
});

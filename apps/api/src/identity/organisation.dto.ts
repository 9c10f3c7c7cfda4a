import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ORGANISATION_KINDS, OrganisationKind } from './identity.types';
import type { OrganisationEntity } from './organisation.entity';

export class CreateOrganisationDto {
  /** @example "Contoso Refurb GmbH" */
  @IsString()
  @Length(1, 200)
  name: string;

  /** oem, refurbishment_centre, partner or customer. @example "partner" */
  @IsIn(ORGANISATION_KINDS)
  kind: (typeof ORGANISATION_KINDS)[number];

  /** For an OEM: the brands it owns; it sees every unit of them. @example ["hp"] */
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value))
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  @ArrayMaxSize(50)
  brands?: string[];
}

export class OrganisationDto {
  id: string;
  name: string;
  kind: OrganisationKind;
  brands: string[];
  createdAt: string;
}

export class OrganisationPageDto {
  items: OrganisationDto[];
  nextCursor: string | null;
}

export const toOrganisationDto = (o: OrganisationEntity, brands: string[] = []): OrganisationDto => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  brands,
  createdAt: o.createdAt.toISOString(),
});

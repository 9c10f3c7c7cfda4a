export const ORGANISATION_KINDS = ['oem', 'refurbishment_centre', 'partner', 'customer'] as const;
/** `platform` is the operator of this Recert installation; it is made at start, never through the API. */
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number] | 'platform';

export const ROLES = ['admin', 'programme_manager', 'technician', 'warranty', 'resale', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

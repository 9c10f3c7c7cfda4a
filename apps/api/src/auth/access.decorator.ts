import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '../identity/identity.types';

export const ACCESS_POLICY = 'recert:access-policy';

export type AccessPolicy = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[]; platformOnly?: boolean };

/** The roles that may call this route. Every route must declare a policy; the access guard refuses the rest. */
export const Access = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No API key, or an unknown or revoked one.' }),
    ApiForbiddenResponse({ description: `Only these roles may call this route: ${roles.join(', ')}.` }),
  );

/** Like Access, for the platform operator's own users only (figures that span every organisation). */
export const PlatformAccess = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'roles', roles, platformOnly: true } satisfies AccessPolicy),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No API key, or an unknown or revoked one.' }),
    ApiForbiddenResponse({ description: `Only these roles of the platform organisation may call this route: ${roles.join(', ')}.` }),
  );

/** Reachable without an API key (health probes, public certificate verification). */
export const Public = () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);

export const ALL_ROLES: readonly Role[] = ['admin', 'programme_manager', 'technician', 'warranty', 'resale', 'auditor'];

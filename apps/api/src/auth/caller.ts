import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { OrganisationKind, Role } from '../identity/identity.types';

/** Who is calling: resolved from the API key by the access guard, for every non-public route. */
export interface Caller {
  keyId: string;
  userId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  role: Role;
}

export const isPlatformAdmin = (caller: Caller) => caller.role === 'admin' && caller.organisationKind === 'platform';

/** Who acted, as the audit trail records it. */
export const actorOf = (caller: Caller) => ({
  keyId: caller.keyId,
  userId: caller.userId,
  organisationId: caller.organisationId,
  role: caller.role,
});

export interface RequestWithCaller {
  caller?: Caller;
}

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<RequestWithCaller>().caller;
  if (!caller) throw new Error('CurrentCaller used on a route without an access policy');
  return caller;
});

import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { ACCESS_POLICY, AccessPolicy } from './access.decorator';
import { RequestWithCaller } from './caller';
import type { Caller } from './caller';
import { sessionTokenOf } from './session-cookie';
import { SessionService } from '../sessions/session.service';

/** A browser session reads; it never writes (no CSRF surface beyond SameSite=Strict). */
const SESSION_METHODS = new Set(['GET', 'HEAD']);

/**
 * Deny by default: a route runs only if it declares a policy. Public routes run for anyone; the others
 * need a valid API key (401 otherwise) whose role the policy names (403 otherwise).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly failures: AuthFailureLimiter,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) throw new ForbiddenException('This route declares no access policy, so nobody may call it.');
    if (policy.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithCaller>();
    const caller = await this.callerOf(request);
    if (!caller) {
      const retryAfterSeconds = this.failures.fail(String(request.ip));
      if (retryAfterSeconds !== undefined) {
        throw new DomainError(
          DomainErrorCode.TooManyRequests,
          'Too many failed authentications from this address; retry after the time given in Retry-After.',
          { retryAfterSeconds },
        );
      }
      throw new UnauthorizedException('A valid API key is required: send it as "Authorization: Bearer rct_…" (or sign in to the portal).');
    }
    request.caller = caller;
    if (!policy.roles.includes(caller.role)) {
      throw new ForbiddenException(`The role "${caller.role}" may not call this route.`);
    }
    if (policy.platformOnly && caller.organisationKind !== 'platform') {
      throw new ForbiddenException("Only the platform organisation's users may call this route.");
    }
    return true;
  }

  /** The API key when one is sent; otherwise, for reads, the portal's session cookie (which stands for a key). */
  private async callerOf(request: FastifyRequest): Promise<Caller | undefined> {
    if (request.headers.authorization !== undefined || !SESSION_METHODS.has(request.method))
      return this.authenticator.authenticate(request.headers.authorization);
    const token = sessionTokenOf(request);
    return token === undefined ? undefined : this.sessions.authenticate(token);
  }
}

import { Body, Controller, Delete, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import type { EnvironmentVariables } from '../config/app-config';
import { SESSION_IDLE_MS, SessionService } from '../sessions/session.service';
import { Public } from './access.decorator';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { PortalLoginDto, PortalSessionDto } from './portal-session.dto';
import { clearedSessionCookie, isCrossSite, sessionCookie, sessionTokenOf } from './session-cookie';

const crossSite = () => new DomainError(DomainErrorCode.Forbidden, 'A request from another site may not sign in or out of the portal.');

/** The portal's sign-in: an API key, entered once, becomes an HttpOnly session cookie that authorises reads. */
@ApiTags('portal')
@Controller('portal/session')
export class PortalSessionController {
  private readonly publicUrl: string | undefined;

  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly failures: AuthFailureLimiter,
    private readonly sessions: SessionService,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicUrl = config.get('RECERT_PUBLIC_URL', { infer: true });
  }

  /** Signs in: the key is checked like any API key; the answer sets the session cookie (the key never travels again). */
  @Post()
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: PortalSessionDto })
  @ApiUnauthorizedResponse({ description: 'An unknown or revoked API key.' })
  @ApiForbiddenResponse({ description: 'The request came from another site.' })
  async login(
    @Body() body: PortalLoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PortalSessionDto> {
    if (isCrossSite(request)) throw crossSite();
    const caller = await this.authenticator.authenticate(`Bearer ${body.apiKey.trim()}`);
    if (!caller) {
      const retryAfterSeconds = this.failures.fail(String(request.ip));
      if (retryAfterSeconds !== undefined)
        throw new DomainError(DomainErrorCode.TooManyRequests, 'Too many failed sign-ins from this address; retry later.', {
          retryAfterSeconds,
        });
      throw new UnauthorizedException('This API key is unknown or revoked.');
    }
    const session = await this.sessions.open(caller);
    reply.header('set-cookie', sessionCookie(request, session.token, this.publicUrl)).header('cache-control', 'no-store');
    return { caller, expiresAt: session.expiresAt.toISOString(), idleTimeoutSeconds: SESSION_IDLE_MS / 1000 };
  }

  /** Signs out: the session ends on the server and the cookie is cleared. Idempotent. */
  @Delete()
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session).' })
  @ApiForbiddenResponse({ description: 'The request came from another site.' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    if (isCrossSite(request)) throw crossSite();
    await this.sessions.close(sessionTokenOf(request));
    reply.header('set-cookie', clearedSessionCookie(request, this.publicUrl));
  }
}

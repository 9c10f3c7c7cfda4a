import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IdentityModule } from '../identity/identity.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AccessGuard } from './access.guard';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { KeyThrottlerGuard } from './key-throttler.guard';
import { PortalSessionController } from './portal-session.controller';

/** Guards run in this order: who is calling (and may they), then how often. */
@Module({
  imports: [IdentityModule, SessionsModule],
  controllers: [PortalSessionController],
  providers: [
    ApiKeyAuthenticator,
    AuthFailureLimiter,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: KeyThrottlerGuard },
  ],
})
export class AuthModule {}

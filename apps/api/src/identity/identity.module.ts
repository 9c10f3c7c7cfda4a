import { Module } from '@nestjs/common';
import { AdminKeyBootstrap } from './admin-key.bootstrap';
import { CallerCache } from './caller-cache';
import { IdentityController } from './identity.controller';
import { IdentityRepository } from './identity.repository';
import { IdentityService } from './identity.service';

@Module({
  controllers: [IdentityController],
  providers: [IdentityRepository, IdentityService, AdminKeyBootstrap, CallerCache],
  exports: [IdentityRepository, IdentityService, CallerCache],
})
export class IdentityModule {}

import { Module } from '@nestjs/common';
import { AdminKeyBootstrap } from './admin-key.bootstrap';
import { IdentityController } from './identity.controller';
import { IdentityRepository } from './identity.repository';
import { IdentityService } from './identity.service';

@Module({
  controllers: [IdentityController],
  providers: [IdentityRepository, IdentityService, AdminKeyBootstrap],
  exports: [IdentityRepository],
})
export class IdentityModule {}

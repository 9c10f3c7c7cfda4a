import { Module } from '@nestjs/common';
import { CarbonModule } from '../carbon/carbon.module';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { RmaResolutionService } from './rma-resolution.service';
import { RmaController } from './rma.controller';
import { WarrantyExpiry } from './warranty-expiry';
import { WarrantyExpiryRepository } from './warranty-expiry.repository';
import { WarrantyScheduler } from './warranty-scheduler';

@Module({
  imports: [LifecycleModule, CarbonModule, AuditModule, IdentityModule],
  controllers: [RmaController],
  providers: [WarrantyExpiry, WarrantyExpiryRepository, WarrantyScheduler, RmaResolutionService],
})
export class WarrantyModule {}

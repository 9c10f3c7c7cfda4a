import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { RmaResolutionService } from './rma-resolution.service';
import { RmaController } from './rma.controller';
import { WarrantyExpiry } from './warranty-expiry';
import { WarrantyScheduler } from './warranty-scheduler';

@Module({ imports: [LifecycleModule], controllers: [RmaController], providers: [WarrantyExpiry, WarrantyScheduler, RmaResolutionService] })
export class WarrantyModule {}

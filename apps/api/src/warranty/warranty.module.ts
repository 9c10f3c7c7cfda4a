import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { WarrantyExpiry } from './warranty-expiry';
import { WarrantyScheduler } from './warranty-scheduler';

@Module({ imports: [LifecycleModule], providers: [WarrantyExpiry, WarrantyScheduler] })
export class WarrantyModule {}

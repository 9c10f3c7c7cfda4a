import { Module } from '@nestjs/common';
import { WarrantyScheduleRepository } from './warranty-schedule.repository';
import { WarrantySchedule } from './warranty-schedule.service';

/** The part of warranty the command path needs (below the lifecycle module; the expiry job and RMA sit above it). */
@Module({ providers: [WarrantyScheduleRepository, WarrantySchedule], exports: [WarrantySchedule] })
export class WarrantyScheduleModule {}

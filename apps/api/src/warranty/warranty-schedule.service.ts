import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/transaction';
import { WarrantyScheduleRepository } from './warranty-schedule.repository';

/** Schedules a warranty's end, in the transaction of the sale or return that started it. */
@Injectable()
export class WarrantySchedule {
  constructor(private readonly schedule: WarrantyScheduleRepository) {}

  expireAt(tx: Transaction, job: { deviceId: string; lifecycleId: string; endsAt: string }): Promise<void> {
    return this.schedule.scheduleExpiry(tx, job);
  }
}

import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/transaction';
import { TakebackRepository } from './takeback.repository';

/** The command path's part of takebacks: a receipt ticks the unit's item on its manifest. */
@Injectable()
export class TakebackItems {
  constructor(private readonly takebacks: TakebackRepository) {}

  markReceived(tx: Transaction, item: { takebackId: string; deviceId: string; at: string }): Promise<void> {
    return this.takebacks.markReceived(tx, item);
  }
}

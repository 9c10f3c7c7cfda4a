import { Module } from '@nestjs/common';
import { TakebackItems } from './takeback-items.service';
import { TakebackRepository } from './takeback.repository';

/** Below the lifecycle module (its RECEIVE effect); intake and receipts, which send commands, sit above it. */
@Module({ providers: [TakebackRepository, TakebackItems], exports: [TakebackItems] })
export class TakebackItemsModule {}

import { Module } from '@nestjs/common';
import { CarbonModule } from '../carbon/carbon.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { TakebackItemsModule } from '../takebacks/takeback-items.module';
import { UsageReadingRepository } from './usage-reading.repository';
import { UsageReadingsController } from './usage-readings.controller';
import { UsageReadingsService } from './usage-readings.service';

/** Above the lifecycle module: readings append entries to the units' trails. */
@Module({
  imports: [LifecycleModule, CarbonModule, TakebackItemsModule],
  controllers: [UsageReadingsController],
  providers: [UsageReadingRepository, UsageReadingsService],
})
export class UsageReadingsModule {}

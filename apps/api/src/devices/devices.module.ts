import { Module } from '@nestjs/common';
import { HistoryRepository } from '../audit/history.repository';
import { HistoryService } from '../audit/history.service';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { DeviceReadRepository } from './device-read.repository';
import { DeviceService } from './device.service';
import { DevicesController } from './devices.controller';

@Module({
  imports: [LifecycleModule],
  controllers: [DevicesController],
  providers: [DeviceReadRepository, DeviceService, HistoryRepository, HistoryService],
  exports: [HistoryService, HistoryRepository, DeviceReadRepository],
})
export class DevicesModule {}

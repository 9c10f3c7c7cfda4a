import { Module } from '@nestjs/common';
import { HistoryRepository } from '../audit/history.repository';
import { HistoryService } from '../audit/history.service';
import { DeviceReadRepository } from './device-read.repository';
import { DeviceRecordsRepository } from './device-records.repository';
import { DeviceRecords } from './device-records.service';
import { DeviceService } from './device.service';
import { DevicesController } from './devices.controller';

@Module({
  controllers: [DevicesController],
  providers: [DeviceReadRepository, DeviceService, HistoryRepository, HistoryService, DeviceRecordsRepository, DeviceRecords],
  exports: [HistoryService, HistoryRepository, DeviceReadRepository, DeviceRecords],
})
export class DevicesModule {}

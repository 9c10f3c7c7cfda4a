import { Module } from '@nestjs/common';
import { DeviceReadRepository } from './device-read.repository';
import { DeviceRecordsRepository } from './device-records.repository';
import { DeviceRecords } from './device-records.service';
import { DeviceService } from './device.service';
import { DevicesController } from './devices.controller';

@Module({
  controllers: [DevicesController],
  providers: [DeviceReadRepository, DeviceService, DeviceRecordsRepository, DeviceRecords],
  exports: [DeviceService, DeviceRecords],
})
export class DevicesModule {}

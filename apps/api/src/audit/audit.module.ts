import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { AuditRepository } from './audit.repository';
import { AuditTrailService } from './audit-trail.service';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';

/** The trail: appended to by commands (AuditTrailService), read and verified by people (HistoryService). */
@Module({
  imports: [DevicesModule],
  controllers: [HistoryController],
  providers: [AuditRepository, AuditTrailService, HistoryRepository, HistoryService],
  exports: [AuditTrailService, HistoryService],
})
export class AuditModule {}

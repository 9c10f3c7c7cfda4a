import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { AuditRepository } from './audit.repository';
import { AuditTrailService } from './audit-trail.service';
import { CheckpointRepository } from './checkpoint.repository';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';
import { TrailVerificationService } from './trail-verification.service';

/** The trail: appended to by commands (AuditTrailService), read and verified by people (HistoryService). */
@Module({
  imports: [DevicesModule],
  controllers: [HistoryController],
  providers: [AuditRepository, AuditTrailService, HistoryRepository, HistoryService, CheckpointRepository, TrailVerificationService],
  exports: [AuditTrailService, HistoryService],
})
export class AuditModule {}

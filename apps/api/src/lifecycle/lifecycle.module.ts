import { Module } from '@nestjs/common';
import { CommandRepository } from './command.repository';
import { EvidenceGate } from './evidence/evidence-gate';
import { LicenceGate } from './licence-gate';
import { LifecycleCommandService } from './lifecycle-command.service';
import { LifecycleEventsService } from './lifecycle-events.service';
import { LifecycleController } from './lifecycle.controller';
import { SecurityLogRepository } from './security-log.repository';

@Module({
  controllers: [LifecycleController],
  providers: [CommandRepository, LifecycleCommandService, LifecycleEventsService, LicenceGate, EvidenceGate, SecurityLogRepository],
  exports: [CommandRepository, LifecycleCommandService, LifecycleEventsService],
})
export class LifecycleModule {}

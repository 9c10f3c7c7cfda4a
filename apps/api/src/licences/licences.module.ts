import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { DenialLogRepository } from './denial-log.repository';
import { LicenceDecisionRepository } from './licence-decision.repository';
import { LicenceGate } from './licence-gate.service';
import { LicenceRepository } from './licence.repository';
import { LicenceService } from './licence.service';
import { LicencesController } from './licences.controller';

@Module({
  imports: [ProgrammesModule],
  controllers: [LicencesController],
  providers: [LicenceRepository, LicenceService, LicenceDecisionRepository, DenialLogRepository, LicenceGate],
  exports: [LicenceGate],
})
export class LicencesModule {}

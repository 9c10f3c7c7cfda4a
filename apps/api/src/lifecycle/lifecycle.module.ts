import { Module } from '@nestjs/common';
import { CarbonModule } from '../carbon/carbon.module';
import { AuditModule } from '../audit/audit.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { DevicesModule } from '../devices/devices.module';
import { LicencesModule } from '../licences/licences.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { TakebackItemsModule } from '../takebacks/takeback-items.module';
import { WarrantyScheduleModule } from '../warranty/warranty-schedule.module';
import { DeviceEventsController } from './device-events.controller';
import { EffectRunner } from './effects.service';
import { EvidenceGate } from './evidence/evidence-gate';
import { LifecycleCommandService } from './lifecycle-command.service';
import { LifecycleEventsService } from './lifecycle-events.service';
import { LifecycleController } from './lifecycle.controller';
import { LifecycleRepository } from './lifecycle.repository';
import { NewLifecycles } from './new-lifecycles.service';

/**
 * The command pipeline. Below it: the features whose facts and effects a command uses. Above it (importing
 * this module): the features that send commands — custody, takebacks, warranty expiry and RMA.
 */
@Module({
  imports: [
    AuditModule,
    CarbonModule,
    DevicesModule,
    CertificatesModule,
    LicencesModule,
    ProgrammesModule,
    TakebackItemsModule,
    WarrantyScheduleModule,
  ],
  controllers: [LifecycleController, DeviceEventsController],
  providers: [LifecycleRepository, LifecycleCommandService, LifecycleEventsService, EvidenceGate, EffectRunner, NewLifecycles],
  exports: [LifecycleCommandService],
})
export class LifecycleModule {}

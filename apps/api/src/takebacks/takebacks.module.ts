import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { LicencesModule } from '../licences/licences.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { TakebackRepository } from './takeback.repository';
import { TakebackService } from './takeback.service';
import { TakebacksController } from './takebacks.controller';

@Module({
  imports: [LifecycleModule, AuditModule, IdentityModule, LicencesModule, ProgrammesModule],
  controllers: [TakebacksController],
  providers: [TakebackRepository, TakebackService],
})
export class TakebacksModule {}

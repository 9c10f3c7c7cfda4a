import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { IdentityModule } from '../identity/identity.module';
import { LicencesModule } from '../licences/licences.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { DestructionCertificateController } from './destruction-certificate.controller';
import { DestructionCertificateService } from './destruction-certificate.service';
import { TakebackRepository } from './takeback.repository';
import { TakebackService } from './takeback.service';
import { TakebacksController } from './takebacks.controller';

@Module({
  imports: [LifecycleModule, AuditModule, CertificatesModule, IdentityModule, LicencesModule, ProgrammesModule],
  controllers: [TakebacksController, DestructionCertificateController],
  providers: [TakebackRepository, TakebackService, DestructionCertificateService],
})
export class TakebacksModule {}

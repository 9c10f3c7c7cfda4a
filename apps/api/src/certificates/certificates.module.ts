import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DevicesModule } from '../devices/devices.module';
import { CertificateIssuer } from './certificate-issuer.service';
import { CertificateRepository } from './certificate.repository';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';

@Module({
  imports: [DevicesModule, AuditModule],
  controllers: [CertificatesController],
  providers: [CertificateRepository, CertificatesService, CertificateIssuer],
  exports: [CertificateIssuer, CertificatesService],
})
export class CertificatesModule {}

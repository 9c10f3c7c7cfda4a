import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { CertificateIssuer } from './certificate-issuer.service';
import { CertificateRepository } from './certificate.repository';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';

@Module({
  imports: [DevicesModule],
  controllers: [CertificatesController],
  providers: [CertificateRepository, CertificatesService, CertificateIssuer],
  exports: [CertificateIssuer],
})
export class CertificatesModule {}

import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { HistoryRepository } from '../audit/history.repository';
import { DeviceReadRepository } from '../devices/device-read.repository';
import { CertificateRepository } from './certificate.repository';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';

@Module({
  imports: [DevicesModule],
  controllers: [CertificatesController],
  providers: [CertificateRepository, CertificatesService, DeviceReadRepository, HistoryRepository],
})
export class CertificatesModule {}

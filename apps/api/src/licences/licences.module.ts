import { Module } from '@nestjs/common';
import { LicenceRepository } from './licence.repository';
import { LicenceService } from './licence.service';
import { LicencesController } from './licences.controller';

@Module({ controllers: [LicencesController], providers: [LicenceRepository, LicenceService] })
export class LicencesModule {}

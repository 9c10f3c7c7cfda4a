import { Module } from '@nestjs/common';
import { ExportRepository } from './export.repository';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

@Module({ controllers: [ExportsController], providers: [ExportsService, ExportRepository] })
export class ExportsModule {}

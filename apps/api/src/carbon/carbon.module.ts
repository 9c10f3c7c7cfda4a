import { Module } from '@nestjs/common';
import { OffsetsModule } from '../offsets/offsets.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { TakebackItemsModule } from '../takebacks/takeback-items.module';
import { CarbonLedger } from './carbon-ledger.service';
import { CarbonReportRepository } from './carbon-report.repository';
import { CarbonReportsService } from './carbon-reports.service';
import { CarbonController } from './carbon.controller';
import { CarbonRepository } from './carbon.repository';

/**
 * Below the lifecycle module: the command pipeline computes and stores carbon figures through CarbonLedger. Its
 * reads (a unit's ledger, the reports) are routes of its own; CarbonReportsService is exported for the features that
 * show a report beside their own figures (the partner dashboard's emissions baseline).
 */
@Module({
  imports: [ProgrammesModule, TakebackItemsModule, OffsetsModule],
  controllers: [CarbonController],
  providers: [CarbonRepository, CarbonLedger, CarbonReportRepository, CarbonReportsService],
  exports: [CarbonLedger, CarbonReportsService],
})
export class CarbonModule {}

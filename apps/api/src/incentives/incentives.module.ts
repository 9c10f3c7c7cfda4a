import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CarbonModule } from '../carbon/carbon.module';
import { ClaimFilingService } from './claim-filing.service';
import { ClaimQueryService } from './claim-query.service';
import { ClaimReviewService } from './claim-review.service';
import { IncentiveClaimsController } from './incentive-claims.controller';
import { IncentiveClock } from './incentive-clock';
import { IncentiveProgrammeService } from './incentive-programme.service';
import { IncentiveReportService } from './incentive-report.service';
import { IncentiveRepository } from './incentive.repository';
import { IncentivesController } from './incentives.controller';
import { StatementRepository } from './statement.repository';

/** Partner incentives paid from the audit trail (docs/incentives.md). Reads the trail (and the carbon reports, for the dashboard's baseline); sends no commands. */
@Module({
  imports: [AuditModule, CarbonModule],
  controllers: [IncentivesController, IncentiveClaimsController],
  providers: [
    IncentiveRepository,
    StatementRepository,
    IncentiveClock,
    IncentiveProgrammeService,
    ClaimFilingService,
    ClaimQueryService,
    ClaimReviewService,
    IncentiveReportService,
  ],
})
export class IncentivesModule {}

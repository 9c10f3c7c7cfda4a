import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { ClaimQueryService } from './claim-query.service';
import { ClaimReviewService } from './claim-review.service';
import {
  ClaimDto,
  ClaimLinePageDto,
  ClaimVerificationDto,
  DashboardQuery,
  LiabilityDto,
  LiabilityQuery,
  LineQuery,
  PartnerDashboardDto,
  PayClaimDto,
  RejectClaimDto,
} from './incentive.dto';
import { IncentiveReportService, liabilityCsv } from './incentive-report.service';
import { READERS, wantsCsv } from './incentives.controller';

@ApiTags('incentives')
@Controller()
export class IncentiveClaimsController {
  constructor(
    private readonly claims: ClaimQueryService,
    private readonly review: ClaimReviewService,
    private readonly reports: IncentiveReportService,
  ) {}

  @Get('incentive-claims/:id')
  @Access(...READERS)
  get(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<ClaimDto> {
    return this.claims.get(caller, id);
  }

  /** The statement's lines, in pages: each qualifying or clawback line cites its audit entry (seq and hash). */
  @Get('incentive-claims/:id/lines')
  @Access(...READERS)
  lines(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Query() query: LineQuery): Promise<ClaimLinePageDto> {
    return this.claims.lines(caller, id, query.cursor, query.limit ?? 200);
  }

  /** Whether every cited entry is in its unit's chain with the cited hash, and every such chain verifies. */
  @Get('incentive-claims/:id/verification')
  @Access(...READERS)
  verification(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<ClaimVerificationDto> {
    return this.review.verify(caller, id);
  }

  /** The OEM approves a submitted claim whose evidence verifies. */
  @Post('incentive-claims/:id/approve')
  @HttpCode(200)
  @Access('admin', 'programme_manager')
  @ApiConflictResponse({ description: 'invalid-transition: only a submitted claim is approved (`claimStatus`).' })
  @ApiUnprocessableEntityResponse({ description: 'claim-evidence-broken: a cited entry or its chain no longer verifies (`failures`).' })
  approve(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<ClaimDto> {
    return this.review.approve(caller, id);
  }

  @Post('incentive-claims/:id/reject')
  @HttpCode(200)
  @Access('admin', 'programme_manager')
  @ApiConflictResponse({ description: 'invalid-transition: only a submitted claim is rejected.' })
  reject(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Body() body: RejectClaimDto): Promise<ClaimDto> {
    return this.review.reject(caller, id, body.reason);
  }

  /** An approved claim is paid: the payment's reference is recorded. */
  @Post('incentive-claims/:id/pay')
  @HttpCode(200)
  @Access('admin', 'programme_manager')
  @ApiConflictResponse({ description: 'invalid-transition: only an approved claim is paid.' })
  pay(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Body() body: PayClaimDto): Promise<ClaimDto> {
    return this.review.pay(caller, id, body.paymentReference);
  }

  /** The OEM's liability: claims accrued (submitted or approved) but not yet paid; JSON or CSV. */
  @Get('incentive-liability')
  @Access('admin', 'programme_manager', 'auditor')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: LiabilityDto })
  async liability(
    @CurrentCaller() caller: Caller,
    @Query() query: LiabilityQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LiabilityDto | string> {
    const liability = await this.reports.liability(caller, query.oemOrganisationId);
    reply.header('vary', 'Accept');
    if (!wantsCsv(query.format, accept)) return liability;
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="incentive-liability.csv"');
    return liabilityCsv(liability);
  }

  /** A partner's takeback and refurbished resale volumes, incentives earned, and (later) its emissions baseline. */
  @Get('incentive-dashboard')
  @Access(...READERS)
  dashboard(@CurrentCaller() caller: Caller, @Query() query: DashboardQuery): Promise<PartnerDashboardDto> {
    return this.reports.dashboard(caller, query);
  }
}

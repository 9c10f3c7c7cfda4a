import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { PageQuery } from '../common/page.dto';
import { ClaimFilingService } from './claim-filing.service';
import { ClaimQueryService } from './claim-query.service';
import {
  ClaimDto,
  ClaimListDto,
  ClaimsQuery,
  CreateIncentiveDto,
  FileClaimDto,
  IncentiveDto,
  IncentivePageDto,
  IncentiveReportDto,
  IncentiveTermsDto,
  ReportQuery,
} from './incentive.dto';
import { IncentiveProgrammeService } from './incentive-programme.service';
import { IncentiveReportService, reportCsv } from './incentive-report.service';

export class IncentiveListQuery extends PageQuery {
  /** Only this OEM's programmes. */
  @IsOptional()
  @IsUUID()
  oemOrganisationId?: string;
}

export const READERS = ['admin', 'programme_manager', 'resale', 'auditor'] as const;
export const wantsCsv = (format: string | undefined, accept: string | undefined) =>
  format === 'csv' || (format === undefined && /text\/csv/i.test(accept ?? '') && !/application\/json/i.test(accept ?? ''));

@ApiTags('incentives')
@Controller('incentives')
export class IncentivesController {
  constructor(
    private readonly programmes: IncentiveProgrammeService,
    private readonly filing: ClaimFilingService,
    private readonly claims: ClaimQueryService,
    private readonly reports: IncentiveReportService,
  ) {}

  /** An OEM offers an incentive programme to its licensed partners (version 1). */
  @Post()
  @Access('admin', 'programme_manager')
  @ApiConflictResponse({ description: 'incentive-code-taken: the OEM already has a programme with this code.' })
  @ApiUnprocessableEntityResponse({ description: 'unprocessable: unknown vocabulary or an inconsistent rule; `reasons` names each field.' })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateIncentiveDto): Promise<IncentiveDto> {
    return this.programmes.create(caller, body);
  }

  @Get()
  @Access(...ALL_ROLES)
  list(@Query() query: IncentiveListQuery): Promise<IncentivePageDto> {
    return this.programmes.list(query.oemOrganisationId, query.cursor, query.limit ?? 50);
  }

  @Get(':id')
  @Access(...ALL_ROLES)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<IncentiveDto> {
    return this.programmes.get(id);
  }

  /** New terms: a new version, in force from `effectiveFrom` (now or later). */
  @Post(':id/versions')
  @Access('admin', 'programme_manager')
  addVersion(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: IncentiveTermsDto,
  ): Promise<IncentiveDto> {
    return this.programmes.addVersion(caller, id, body);
  }

  /** A partner files its claim for a period: the statement is built from the audit trail. */
  @Post(':id/claims')
  @Access('admin', 'resale')
  @ApiNotFoundResponse({ description: 'No such incentive programme (problem+json).' })
  @ApiConflictResponse({
    description:
      'incentive-claim-exists (a claim for this period exists: `reference`), or unit-event-already-claimed (`claims` lists each unit and the reference that holds it).',
  })
  @ApiUnprocessableEntityResponse({
    description: 'claim-refused: the period has not ended, its claim window closed, or no version was in force at its start (`reasons`).',
  })
  async file(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Body() body: FileClaimDto): Promise<ClaimDto> {
    return this.claims.get(caller, await this.filing.file(caller, id, body));
  }

  /** The programme's claims the caller may see (a partner: its own). */
  @Get(':id/claims')
  @Access(...READERS)
  async listClaims(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ClaimsQuery,
  ): Promise<ClaimListDto> {
    return { items: await this.claims.list(caller, id, query) };
  }

  /** Per partner and period: units, amounts, clawbacks and rejected lines with their reasons; JSON or CSV. */
  @Get(':id/report')
  @Access(...READERS)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: IncentiveReportDto })
  async report(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IncentiveReportDto | string> {
    const report = await this.reports.partnerReport(caller, id, query);
    reply.header('vary', 'Accept');
    if (!wantsCsv(query.format, accept)) return report;
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="incentive-report-${id}.csv"`);
    return reportCsv(report);
  }
}

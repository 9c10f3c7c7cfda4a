import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { CarbonReportDto, LedgerDto, PeriodReportQuery, ReportFormatQuery, YearReportQuery } from './carbon.dto';
import { CarbonReportsService } from './carbon-reports.service';
import { ledgerCsv, reportCsv } from './report-csv';
import { impactReportPdf } from './report-pdf';

const csv = (reply: FastifyReply, name: string, body: string) => {
  reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`);
  return body;
};

/** The carbon ledger of a unit and the reports built from it: three totals kept apart (inventory, avoided, offsets). */
@ApiTags('carbon')
@Controller('carbon')
export class CarbonController {
  constructor(private readonly carbon: CarbonReportsService) {}

  /** A unit's carbon entries (each with its band, factor set, source, inputs, claimant and trail hash) and totals. */
  @Get('devices/:id/ledger')
  @Access(...ALL_ROLES)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: LedgerDto })
  async ledger(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ReportFormatQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LedgerDto | string> {
    const ledger = await this.carbon.deviceLedger(caller, id);
    return query.format === 'csv' ? csv(reply, `carbon-ledger-${id}`, ledgerCsv(ledger)) : ledger;
  }

  /** A customer's year: JSON, CSV (`format=csv`) or the yearly impact report as PDF (`format=pdf`). */
  @Get('reports/customers/:organisationId')
  @Access(...ALL_ROLES)
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: CarbonReportDto })
  async customer(
    @CurrentCaller() caller: Caller,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Query() query: YearReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CarbonReportDto | string | Buffer> {
    const report = await this.carbon.customer(caller, organisationId, query.year);
    if (query.format === 'csv') return csv(reply, `carbon-${organisationId}-${query.year}`, reportCsv(report));
    if (query.format === 'pdf') {
      reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="carbon-impact-${query.year}.pdf"`);
      return impactReportPdf(report);
    }
    return report;
  }

  /** A takeback's units: the same report without months. */
  @Get('reports/takebacks/:takebackId')
  @Access(...ALL_ROLES)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CarbonReportDto })
  async takeback(
    @CurrentCaller() caller: Caller,
    @Param('takebackId', ParseUUIDPipe) takebackId: string,
    @Query() query: ReportFormatQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CarbonReportDto | string> {
    const report = await this.carbon.takeback(caller, takebackId);
    return query.format === 'csv' ? csv(reply, `carbon-takeback-${takebackId}`, reportCsv(report)) : report;
  }

  /** A partner's (or centre's) yearly baseline: what it refurbished and shipped while it held the units. */
  @Get('reports/partners/:organisationId')
  @Access(...ALL_ROLES)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CarbonReportDto })
  async partner(
    @CurrentCaller() caller: Caller,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Query() query: YearReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CarbonReportDto | string> {
    const report = await this.carbon.partner(caller, organisationId, query.year);
    return query.format === 'csv' ? csv(reply, `carbon-partner-${organisationId}-${query.year}`, reportCsv(report)) : report;
  }

  /** A programme over a period [from, to). */
  @Get('reports/programmes/:programmeId')
  @Access(...ALL_ROLES)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CarbonReportDto })
  async programme(
    @CurrentCaller() caller: Caller,
    @Param('programmeId', ParseUUIDPipe) programmeId: string,
    @Query() query: PeriodReportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CarbonReportDto | string> {
    const report = await this.carbon.programme(caller, programmeId, { from: query.from, to: query.to });
    return query.format === 'csv' ? csv(reply, `carbon-programme-${programmeId}`, reportCsv(report)) : report;
  }
}

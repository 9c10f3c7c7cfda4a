import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { ExportQuery } from './export.dto';
import { CONTENT_TYPES, ExportStream, ExportsService } from './exports.service';

const STREAM = {
  description: 'The whole selection, streamed: CSV with a header line, or JSON Lines (one object a line).',
  content: {
    'text/csv': { schema: { type: 'string' }, example: 'deviceId,brand,serial\n6f1c1f2e-0000-4000-8000-000000000000,lenovo,PF3KX2AB\n' },
    'application/x-ndjson': {
      schema: { type: 'string' },
      example: '{"deviceId":"6f1c1f2e-0000-4000-8000-000000000000","brand":"lenovo"}\n',
    },
  },
};

const send = async (reply: FastifyReply, name: string, exported: Promise<ExportStream>) => {
  const stream = await exported;
  return reply
    .header('content-type', CONTENT_TYPES[stream.format])
    .header('content-disposition', `attachment; filename="${name}.${stream.format}"`)
    .send(stream.body);
};

/** Streaming exports of what the caller may see, with the filters of `GET /devices`; memory stays flat however long. */
@ApiTags('exports')
@Controller('exports')
@Access(...ALL_ROLES)
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  /** Units: current state, grade, certification, sale and warranty end. */
  @Get('devices')
  @ApiOperation({ summary: 'Export units (CSV or JSON Lines)' })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse(STREAM)
  devices(
    @CurrentCaller() caller: Caller,
    @Query() query: ExportQuery,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return send(reply, 'devices', this.exports.units(caller, query, accept));
  }

  /** Sanitization certificates (one per medium) of the selected units: method, level and the audit entry they rest on. */
  @Get('certificates')
  @ApiOperation({ summary: 'Export sanitization certificates (CSV or JSON Lines)' })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse(STREAM)
  certificates(
    @CurrentCaller() caller: Caller,
    @Query() query: ExportQuery,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return send(reply, 'certificates', this.exports.certificates(caller, query, accept));
  }

  /** Sales (SELL entries of the trail) of the selected units: order, buyer, market, warranty. */
  @Get('sales')
  @ApiOperation({ summary: 'Export sales (CSV or JSON Lines)' })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse(STREAM)
  sales(
    @CurrentCaller() caller: Caller,
    @Query() query: ExportQuery,
    @Headers('accept') accept: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return send(reply, 'sales', this.exports.sales(caller, query, accept));
  }
}

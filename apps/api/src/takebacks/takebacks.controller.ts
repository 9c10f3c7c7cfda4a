import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { requestIdOf } from '../common/request-id';
import type { EnvironmentVariables } from '../config/app-config';
import { EventOutcomeDto } from '../lifecycle/events.dto';
import { CREATE_TAKEBACK_SCHEMA, MAX_TAKEBACK_DEVICES } from './manifest-schema';
import { ReceiptDto, TakebackDto, TakebackListQuery, TakebackPageDto } from './takeback.dto';
import { TakebackService } from './takeback.service';

@ApiTags('takebacks')
@Controller('takebacks')
export class TakebacksController {
  constructor(
    private readonly takebacks: TakebackService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /**
   * Announces a batch handed back by a customer: up to 10,000 expected units, written in one transaction.
   * JSON, or a CSV manifest (`Content-Type: text/csv`, one line per medium) with the takeback in the query.
   */
  @Post()
  @Access('admin', 'technician', 'programme_manager')
  @ApiNotFoundResponse({ description: "The customer organisation or the programme it names is not in the caller's scope." })
  @RouteConfig({ bodyLimit: 'manifest', consumes: ['application/json', 'text/csv'] })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    description: `JSON (≤ ${MAX_TAKEBACK_DEVICES} devices), or CSV with columns brand,serial,model,deviceClass,assetTag,mediaSerial,mediaType,mediaInterface,mediaCapacityGb`,
    schema: { oneOf: [CREATE_TAKEBACK_SCHEMA as never, { type: 'string', format: 'text/csv' }] },
  })
  @ApiQuery({ name: 'customerOrganisationId', required: false, description: 'CSV only' })
  @ApiQuery({ name: 'site', required: false, description: 'CSV only' })
  @ApiQuery({ name: 'market', required: false, description: 'CSV only' })
  async create(
    @CurrentCaller() caller: Caller,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TakebackDto> {
    // The body is read from the request, not with @Body(): a CSV manifest is a stream, which no pipe may walk.
    const requestId = requestIdOf(request.raw);
    if (!isCsv(request)) return this.takebacks.createFromJson(caller, request.body, requestId);
    try {
      const limit = { declared: declaredLength(request), max: this.config.get('RECERT_MANIFEST_LIMIT', { infer: true }) };
      return await this.takebacks.createFromCsv(caller, query, request.body as Readable, requestId, limit);
    } catch (error) {
      // A refused upload may not be read to its end: the answer closes the connection instead of draining it.
      reply.header('connection', 'close');
      throw error;
    }
  }

  /** Takebacks the caller's organisation receives or handed back (every one for the platform), oldest first, keyset pages. */
  @Get()
  @Access(...ALL_ROLES)
  @ApiOperation({ summary: 'List takebacks' })
  list(@CurrentCaller() caller: Caller, @Query() query: TakebackListQuery): Promise<TakebackPageDto> {
    return this.takebacks.list(caller, query);
  }

  /** Reconciliation: expected, received, missing (expected, not received) and unexpected (received, not expected). */
  @Get(':id')
  @Access(...ALL_ROLES)
  get(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<TakebackDto> {
    return this.takebacks.get(caller, id);
  }

  /** A unit arrives at the dock: RECEIVE it; a unit not on the manifest is registered and flagged as unexpected. */
  @Post(':id/receipts')
  @Access('admin', 'technician')
  @ApiCreatedResponse({ type: EventOutcomeDto, description: "The RECEIVE event was applied (a new entry of the unit's trail)." })
  async receive(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReceiptDto,
    @Req() request: FastifyRequest,
  ): Promise<EventOutcomeDto> {
    return (await this.takebacks.receive(caller, id, body, requestIdOf(request.raw))).body;
  }
}

const declaredLength = (request: FastifyRequest) => {
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) ? length : undefined;
};

const isCsv = (request: FastifyRequest) => (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'text/csv';

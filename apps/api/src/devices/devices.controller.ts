import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { requestIdOf } from '../common/request-id';
import { VerificationDto, AuditEntryDto, HistoryQuery } from '../audit/history.dto';
import { HistoryService } from '../audit/history.service';
import { PAYLOAD_CLASSES } from '../lifecycle/event-payloads';
import { BulkEventDto, BulkResultDto, EventOutcomeDto } from '../lifecycle/events.dto';
import { LifecycleEventsService } from '../lifecycle/lifecycle-events.service';
import { DeviceDto, DeviceListQuery, DevicePageDto } from './device.dto';
import { DeviceService } from './device.service';

const SENDERS = ['admin', 'technician', 'programme_manager', 'resale', 'warranty'] as const;
const EVENT_SCHEMAS = Object.values(PAYLOAD_CLASSES);

@ApiTags('devices')
@Controller('devices')
@ApiExtraModels(...EVENT_SCHEMAS)
export class DevicesController {
  constructor(
    private readonly devices: DeviceService,
    private readonly events: LifecycleEventsService,
    private readonly history: HistoryService,
  ) {}

  /** Units in the caller's scope, filtered; keyset pagination on id (limit ≤ 200). */
  @Get()
  @Access(...ALL_ROLES)
  list(@CurrentCaller() caller: Caller, @Query() query: DeviceListQuery): Promise<DevicePageDto> {
    const { cursor, limit, takeback, donor, ...filter } = query;
    return this.devices.list(caller, { ...filter, takebackId: takeback, donorDeviceId: donor }, cursor, limit ?? 50);
  }

  /** The unit, its media, its current lifecycle (state, allowed events, evidence so far). Strong ETag; 304 on If-None-Match. */
  @Get(':id')
  @Access(...ALL_ROLES)
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeviceDto | undefined> {
    const { device, etag } = await this.devices.get(caller, id);
    reply.header('etag', etag);
    if (ifNoneMatch === etag) {
      reply.status(304);
      return undefined;
    }
    return device;
  }

  /** Applies one event. 409 when the machine does not allow it now (with the allowed ones), 412 on a stale If-Match. */
  @Post(':id/events')
  @HttpCode(200)
  @Access(...SENDERS)
  @ApiBody({ schema: { oneOf: EVENT_SCHEMAS.map((c) => ({ $ref: getSchemaPath(c) })), discriminator: { propertyName: 'type' } } })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of GET /devices/:id; 412 if the unit changed since.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A UUID; a retry with the same key and body gets the first answer.' })
  @ApiOkResponse({ type: EventOutcomeDto })
  async send(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventOutcomeDto> {
    const result = await this.events.send(caller, id, body, { ifMatch, idempotencyKey, requestId: requestIdOf(request.raw) });
    reply.header('etag', result.etag);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return result.body;
  }

  /** One event for up to 1,000 units, each in its own transaction, with one outcome per unit. */
  @Post('events')
  @HttpCode(200)
  @Access(...SENDERS)
  sendMany(@CurrentCaller() caller: Caller, @Body() body: BulkEventDto, @Req() request: FastifyRequest): Promise<BulkResultDto> {
    return this.events.sendMany(caller, body.deviceIds, body.event, requestIdOf(request.raw));
  }

  /** The unit's audit entries across all its lifecycles, in pages of up to 1,000 (`Link: <…?after=n.seq>; rel="next"` while more). */
  @Get(':id/history')
  @Access(...ALL_ROLES)
  @ApiOkResponse({ type: [AuditEntryDto] })
  async entries(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: HistoryQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditEntryDto[]> {
    const { entries, next } = await this.history.entries(caller, id, query);
    if (next) reply.header('link', `</devices/${id}/history?after=${next}${query.limit ? `&limit=${query.limit}` : ''}>; rel="next"`);
    return entries;
  }

  /** Recomputes the hash chain and replays every event through the machine: ok, or the first broken seq and why. */
  @Get(':id/history/verify')
  @Access(...ALL_ROLES)
  verify(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<VerificationDto> {
    return this.history.verify(caller, id);
  }
}

import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { LifecycleEvent } from '@recert/lifecycle';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { requestIdOf } from '../common/request-id';
import { isUuid } from '../common/uuid';
import { invalidInput } from '../common/validation';
import { PAYLOAD_CLASSES } from './event-payloads.dto';
import { eventBodyExamples, eventBodySchema } from './event-payloads.openapi';
import { BulkEventDto, BulkResultDto, EventOutcomeDto } from './events.dto';
import { BulkEventPipe, LifecycleEventPipe } from './lifecycle-event.pipe';
import type { BulkEvent } from './lifecycle-event.pipe';
import { LifecycleEventsService } from './lifecycle-events.service';

const SENDERS = ['admin', 'technician', 'programme_manager', 'resale', 'warranty'] as const;
const EVENT_SCHEMAS = Object.values(PAYLOAD_CLASSES);

/** An Idempotency-Key is a UUID (400 otherwise), checked before anything runs. */
function idempotencyKeyOf(key: string | undefined): string | undefined {
  if (key !== undefined && !isUuid(key)) throw invalidInput([{ path: 'Idempotency-Key', messages: ['Idempotency-Key must be a UUID'] }]);
  return key;
}

/** The command routes: the body is parsed into a typed lifecycle event at the edge, then the pipeline runs it. */
@ApiTags('devices')
@Controller('devices')
@ApiExtraModels(...EVENT_SCHEMAS)
export class DeviceEventsController {
  constructor(private readonly events: LifecycleEventsService) {}

  /** Applies one event. 409 when the machine does not allow it now (with the allowed ones), 412 on a stale If-Match. */
  @Post(':id/events')
  @HttpCode(200)
  @Access(...SENDERS)
  @ApiBody({ schema: eventBodySchema(), examples: eventBodyExamples() })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of GET /devices/:id; 412 if the unit changed since.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A UUID; a retry with the same key and body gets the first answer.' })
  @ApiOkResponse({ type: EventOutcomeDto })
  async send(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(LifecycleEventPipe) event: LifecycleEvent,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventOutcomeDto> {
    const result = await this.events.send(caller, id, event, {
      ifMatch,
      idempotencyKey: idempotencyKeyOf(idempotencyKey),
      requestId: requestIdOf(request.raw),
    });
    reply.header('etag', result.etag);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return result.body;
  }

  /** One event for up to 1,000 units, each in its own transaction, with one outcome per unit. */
  @Post('events')
  @HttpCode(200)
  @Access(...SENDERS)
  @ApiBody({ type: BulkEventDto })
  @ApiOkResponse({ type: BulkResultDto })
  sendMany(@CurrentCaller() caller: Caller, @Body(BulkEventPipe) body: BulkEvent, @Req() request: FastifyRequest): Promise<BulkResultDto> {
    return this.events.sendMany(caller, body.deviceIds, body.event, requestIdOf(request.raw));
  }
}

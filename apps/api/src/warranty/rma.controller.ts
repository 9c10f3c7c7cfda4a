import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import { COMPOSITE_OPERATIONS } from '../auth/event-permissions';
import type { Caller } from '../auth/caller';
import { requestIdOf } from '../common/request-id';
import { RmaResolutionDto, RmaResolutionResultDto } from './rma-resolution.dto';
import { RmaResolutionService } from './rma-resolution.service';

@ApiTags('warranty')
@Controller()
export class RmaController {
  constructor(private readonly rma: RmaResolutionService) {}

  /** Records how a returned unit's RMA ended: repaired, replaced (the warranty moves to the replacement), refunded, no fault found. */
  @Post('devices/:id/rma-resolution')
  @HttpCode(200)
  @Access(...COMPOSITE_OPERATIONS['rma-resolution'].roles)
  resolve(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RmaResolutionDto,
    @Req() request: FastifyRequest,
  ): Promise<RmaResolutionResultDto> {
    return this.rma.resolve(caller, id, body, requestIdOf(request.raw));
  }
}

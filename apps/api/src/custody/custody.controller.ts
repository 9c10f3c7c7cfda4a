import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { requestIdOf } from '../common/request-id';
import { HandoffDto, HandoffListQuery, HandoffPageDto, RequestHandoffDto } from './handoff.dto';
import { CustodyService } from './custody.service';

@ApiTags('custody')
@Controller()
export class CustodyController {
  constructor(private readonly custody: CustodyService) {}

  /** The custodian asks to hand the unit to another organisation; custody moves when the receiver confirms. */
  @Post('devices/:id/handoffs')
  @Access('admin', 'technician')
  request(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RequestHandoffDto,
    @Req() request: FastifyRequest,
  ): Promise<HandoffDto> {
    return this.custody.request(caller, id, body, requestIdOf(request.raw));
  }

  /** The receiving organisation confirms: custody moves, in the unit's audit trail. */
  @Post('handoffs/:id/confirm')
  @HttpCode(200)
  @Access('admin', 'technician')
  confirm(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Req() request: FastifyRequest): Promise<HandoffDto> {
    return this.custody.confirm(caller, id, requestIdOf(request.raw));
  }

  /** Hand-offs from or to the caller's organisation; `?status=requested&to=<organisation>` lists those waiting for it. */
  @Get('handoffs')
  @Access(...ALL_ROLES)
  @ApiOperation({ summary: 'List hand-offs' })
  list(@CurrentCaller() caller: Caller, @Query() query: HandoffListQuery): Promise<HandoffPageDto> {
    return this.custody.list(caller, query);
  }

  @Get('handoffs/:id')
  @Access(...ALL_ROLES)
  get(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<HandoffDto> {
    return this.custody.get(caller, id);
  }
}

import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { requestIdOf } from '../common/request-id';
import { UsageReadingsDto, UsageReadingsResultDto } from './usage-reading.dto';
import { UsageReadingsService } from './usage-readings.service';

@ApiTags('carbon')
@Controller('devices')
export class UsageReadingsController {
  constructor(private readonly usage: UsageReadingsService) {}

  /**
   * Up to 10,000 usage readings (device, period, kWh or power-on hours): use-phase emissions with the grid of the
   * device's country and year. Idempotent per device and period; out of order or overlapping → 409 naming the reading.
   */
  @Post('usage-readings')
  @HttpCode(200)
  @Access('admin', 'technician', 'programme_manager')
  @ApiOkResponse({ type: UsageReadingsResultDto })
  @ApiConflictResponse({
    description: 'usage-reading-conflict: the reading (index, device, period) and the recorded period it clashes with.',
  })
  record(@CurrentCaller() caller: Caller, @Body() body: UsageReadingsDto, @Req() request: FastifyRequest): Promise<UsageReadingsResultDto> {
    return this.usage.record(caller, body.readings, requestIdOf(request.raw));
  }
}

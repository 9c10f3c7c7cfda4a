import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { DeviceDto, DeviceListQuery, DevicePageDto } from './device.dto';
import { DeviceService } from './device.service';

@ApiTags('devices')
@Controller('devices')
export class DevicesController {
  constructor(private readonly devices: DeviceService) {}

  /**
   * Units in the caller's scope, filtered and searched (`q`: part of a serial, asset tag or medium serial), oldest
   * first by (created time, id); `nextCursor` is opaque and stays valid while units are added (limit ≤ 200).
   */
  @Get()
  @Access(...ALL_ROLES)
  @ApiOperation({ summary: 'List and search units' })
  list(@CurrentCaller() caller: Caller, @Query() query: DeviceListQuery): Promise<DevicePageDto> {
    return this.devices.list(caller, query);
  }

  /** The unit, its media, its current lifecycle (state, allowed events, evidence so far). Strong ETag; 304 on If-None-Match. */
  @Get(':id')
  @Access(...ALL_ROLES)
  @ApiOkResponse({ type: DeviceDto, description: 'The unit; its strong ETag in ETag.' })
  @ApiResponse({ status: 304, description: 'Not Modified: If-None-Match names the current ETag; no body.' })
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
}

import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { AuditEntryDto, HistoryQuery, VerificationDto, VerifyQuery } from './history.dto';
import { HistoryService } from './history.service';

/** A unit's audit trail, and its verification. */
@ApiTags('devices')
@Controller('devices')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

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

  /**
   * Recomputes the hash chain and replays the events through the machine, from the unit's last checkpoint (`full=true`:
   * from the first entry), reading the trail in pages: ok, or the first broken seq and why. A verified trail moves the checkpoint.
   */
  @Get(':id/history/verify')
  @Access(...ALL_ROLES)
  verify(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Query() query: VerifyQuery): Promise<VerificationDto> {
    return this.history.verify(caller, id, { full: query.full === 'true' });
  }
}

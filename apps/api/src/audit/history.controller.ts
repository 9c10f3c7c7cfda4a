import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { AuditEntryDto, VerificationDto } from './history.dto';
import { HistoryService } from './history.service';

/** A unit's audit trail, and its verification. */
@ApiTags('devices')
@Controller('devices')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  /** Every audit entry of the unit, across all its lifecycles. */
  @Get(':id/history')
  @Access(...ALL_ROLES)
  entries(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<AuditEntryDto[]> {
    return this.history.entries(caller, id);
  }

  /** Recomputes the hash chain and replays every event through the machine: ok, or the first broken seq and why. */
  @Get(':id/history/verify')
  @Access(...ALL_ROLES)
  verify(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<VerificationDto> {
    return this.history.verify(caller, id);
  }
}

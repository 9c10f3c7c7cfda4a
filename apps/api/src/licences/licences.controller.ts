import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { PageQuery } from '../common/page.dto';
import {
  CreateLicenceDto,
  LicenceDto,
  LicencePageDto,
  LicenceStatusDto,
  LicenceTermsDto,
  LicenceUsageDto,
  UsageQuery,
} from './licence.dto';
import { LicenceService } from './licence.service';

@ApiTags('licences')
@Controller('licences')
export class LicencesController {
  constructor(private readonly licences: LicenceService) {}

  /** An OEM issues a licence to a partner (version 1). */
  @Post()
  @Access('admin', 'programme_manager')
  create(@CurrentCaller() caller: Caller, @Body() body: CreateLicenceDto): Promise<LicenceDto> {
    return this.licences.create(caller, body);
  }

  @Get()
  @Access(...ALL_ROLES)
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<LicencePageDto> {
    return this.licences.list(caller, query.cursor, query.limit ?? 50);
  }

  @Get(':id')
  @Access(...ALL_ROLES)
  get(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<LicenceDto> {
    return this.licences.get(caller, id);
  }

  /** New terms: a new version; the one before stays on record. Takes effect on the next command. */
  @Post(':id/versions')
  @Access('admin', 'programme_manager')
  addVersion(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Body() body: LicenceTermsDto): Promise<LicenceDto> {
    return this.licences.addVersion(caller, id, body);
  }

  /** Activate, suspend or terminate, with a reason: a new version. */
  @Post(':id/status')
  @HttpCode(200)
  @Access('admin', 'programme_manager')
  setStatus(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Body() body: LicenceStatusDto): Promise<LicenceDto> {
    return this.licences.setStatus(caller, id, body);
  }

  /** Units handled per capability, certifications against the quota, denials by reason, over a period (default: this month). */
  @Get(':id/usage')
  @Access(...ALL_ROLES)
  usage(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string, @Query() query: UsageQuery): Promise<LicenceUsageDto> {
    return this.licences.usage(caller, id, query.from, query.to);
  }
}

import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { PageQuery } from '../common/page.dto';
import { CreateProgrammeDto, ProgrammeDto, ProgrammePageDto, ProgrammeTermsDto } from './programme.dto';
import { ProgrammeService } from './programme.service';

export class ProgrammeQuery extends PageQuery {
  /** Only this OEM's programmes. */
  @IsOptional()
  @IsUUID()
  oemOrganisationId?: string;
}

@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammeService) {}

  /** An OEM defines a programme (version 1). */
  @Post()
  @Access('admin', 'programme_manager')
  create(@CurrentCaller() caller: Caller, @Body() body: CreateProgrammeDto): Promise<ProgrammeDto> {
    return this.programmes.create(caller, body);
  }

  @Get()
  @Access(...ALL_ROLES)
  list(@Query() query: ProgrammeQuery): Promise<ProgrammePageDto> {
    return this.programmes.list(query.oemOrganisationId, query.cursor, query.limit ?? 50);
  }

  @Get(':id')
  @Access(...ALL_ROLES)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ProgrammeDto> {
    return this.programmes.get(id);
  }

  /** New rules: a new version; units certified under an earlier one keep it. */
  @Post(':id/versions')
  @Access('admin', 'programme_manager')
  addVersion(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ProgrammeTermsDto,
  ): Promise<ProgrammeDto> {
    return this.programmes.addVersion(caller, id, body);
  }
}

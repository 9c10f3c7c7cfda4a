import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { CurrentCaller } from '../auth/caller';
import type { Caller } from '../auth/caller';
import { AllocateOffsetDto, OffsetRetirementDto, RecordRetirementDto } from './offset.dto';
import { OffsetsService } from './offsets.service';

@ApiTags('carbon')
@Controller('carbon/offsets')
export class OffsetsController {
  constructor(private readonly offsets: OffsetsService) {}

  /** Records a retirement of credits (registry, project, serial block, vintage, beneficiary, certificate). */
  @Post('retirements')
  @Access('admin', 'programme_manager')
  @ApiCreatedResponse({ type: OffsetRetirementDto })
  @ApiConflictResponse({ description: 'offset-serials-overlap: the block overlaps a retirement already recorded in the registry project.' })
  @ApiUnprocessableEntityResponse({ description: 'carbon-vocabulary-unknown: the registry is not one of the vocabulary.' })
  record(@CurrentCaller() caller: Caller, @Body() body: RecordRetirementDto): Promise<OffsetRetirementDto> {
    return this.offsets.record(caller, body);
  }

  /** Allocates tonnes of a retirement to a customer or a unit. */
  @Post('retirements/:id/allocations')
  @HttpCode(200)
  @Access('admin', 'programme_manager')
  @ApiOkResponse({ type: OffsetRetirementDto })
  @ApiUnprocessableEntityResponse({ description: 'offset-over-allocated: more tonnes than the retirement has left.' })
  allocate(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AllocateOffsetDto,
  ): Promise<OffsetRetirementDto> {
    return this.offsets.allocate(caller, id, body);
  }

  /** The caller's organisation's retirements (every one, for the platform's admins and auditors), newest first, up to 200. */
  @Get('retirements')
  @Access(...ALL_ROLES)
  @ApiOkResponse({ type: [OffsetRetirementDto] })
  list(@CurrentCaller() caller: Caller): Promise<OffsetRetirementDto[]> {
    return this.offsets.list(caller);
  }

  @Get('retirements/:id')
  @Access(...ALL_ROLES)
  @ApiOkResponse({ type: OffsetRetirementDto })
  get(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string): Promise<OffsetRetirementDto> {
    return this.offsets.get(caller, id);
  }
}

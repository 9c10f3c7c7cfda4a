import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { machineDefinition } from '@recert/lifecycle';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import { MachineDto } from './events.dto';

@ApiTags('lifecycle')
@Controller('lifecycle')
export class LifecycleController {
  /** The unit lifecycle machine (XState v5) and its version, for Stately's visualiser and for clients. */
  @Get('machine')
  @Access(...ALL_ROLES)
  machine(): MachineDto {
    return machineDefinition() as MachineDto;
  }
}

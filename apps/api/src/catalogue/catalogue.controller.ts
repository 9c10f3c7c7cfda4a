import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ALL_ROLES } from '../auth/access.decorator';
import {
  CapabilitiesDto,
  DestructionMethodsDto,
  EventPermissionsDto,
  RubricsDto,
  SanitizationPolicyDto,
  StatesDto,
  TestSuitesDto,
  VocabularyDto,
} from './catalogue.dto';
import { CatalogueService } from './catalogue.service';

/** Read-only: the versioned vocabularies the rules decide with, so a station or a shop can build its forms from them. */
@ApiTags('catalogue')
@Controller('catalogue')
@Access(...ALL_ROLES)
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  /** Media type × interface × NIST level → the methods SANITIZE accepts (and VALIDATE_SANITIZATION checks). */
  @Get('sanitization-policy')
  @ApiOperation({ summary: 'Sanitization policy' })
  sanitizationPolicy(): SanitizationPolicyDto {
    return this.catalogue.sanitizationPolicy();
  }

  /** The methods DESTROY_MEDIA accepts per media type, and where a destroyed medium may go. */
  @Get('destruction-methods')
  @ApiOperation({ summary: 'Destruction methods' })
  destructionMethods(): DestructionMethodsDto {
    return this.catalogue.destructionMethods();
  }

  /** Test suites per device class: the checks TEST_RESULT measures and each check's pass rule. */
  @Get('test-suites')
  @ApiOperation({ summary: 'Test suites' })
  testSuites(): TestSuitesDto {
    return this.catalogue.testSuites();
  }

  /** Grading rubrics: zones, defect codes, severities, thresholds and caps GRADE and REGRADE use. */
  @Get('rubrics')
  @ApiOperation({ summary: 'Grading rubrics' })
  rubrics(): RubricsDto {
    return this.catalogue.rubrics();
  }

  /** The lock kinds LOCK_CHECK and RELEASE_LOCK accept. */
  @Get('lock-kinds')
  @ApiOperation({ summary: 'Lock kinds' })
  lockKinds(): VocabularyDto {
    return this.catalogue.lockKinds();
  }

  /** The part kinds HARVEST and COMPLETE_REPAIR accept. */
  @Get('part-kinds')
  @ApiOperation({ summary: 'Part kinds' })
  partKinds(): VocabularyDto {
    return this.catalogue.partKinds();
  }

  /** The device classes a manifest and the lists accept. */
  @Get('device-classes')
  @ApiOperation({ summary: 'Device classes' })
  deviceClasses(): VocabularyDto {
    return this.catalogue.deviceClasses();
  }

  /** The lifecycle states a unit can be in (the `state` list filter). */
  @Get('states')
  @ApiOperation({ summary: 'Lifecycle states' })
  states(): StatesDto {
    return this.catalogue.states();
  }

  /** Which licence capability each event exercises (a partner's licence must grant it). */
  @Get('capabilities')
  @ApiOperation({ summary: 'Event → licence capability' })
  capabilities(): CapabilitiesDto {
    return this.catalogue.capabilities();
  }

  /** Which role may send which event. */
  @Get('event-permissions')
  @ApiOperation({ summary: 'Role → events it may send' })
  eventPermissions(): EventPermissionsDto {
    return this.catalogue.eventPermissions();
  }
}

import { Injectable } from '@nestjs/common';
import { suiteRef, TEST_SUITES } from '@recert/diagnostics';
import { INTERNAL_GRADES, RUBRICS, rubricRef, severitiesOf, zonesOf } from '@recert/grading';
import { CAPABILITIES, CAPABILITY_OF_EVENT } from '@recert/licensing';
import { LOCK_KINDS, MACHINE_VERSION, MEDIA_DESTINATIONS, PART_KINDS, STORED_STATE_NAMES } from '@recert/lifecycle';
import { allowedMethods, DEFAULT_POLICY, LEVELS } from '@recert/sanitization';
import type { MediaType } from '@recert/sanitization';
import { EVENTS_BY_ROLE } from '../auth/event-permissions';
import { DEVICE_CLASSES } from '../devices/device.entity';
import { MEDIA_TYPES } from '../devices/storage-medium.entity';
import type {
  CapabilitiesDto,
  DestructionMethodsDto,
  EventPermissionsDto,
  RubricsDto,
  SanitizationPolicyDto,
  StatesDto,
  TestSuitesDto,
  VocabularyDto,
} from './catalogue.dto';

const policyRef = `${DEFAULT_POLICY.id}@${DEFAULT_POLICY.version}`;

/** The data the rules run on, read from the pure libraries themselves: what is published is what decides. */
@Injectable()
export class CatalogueService {
  sanitizationPolicy(): SanitizationPolicyDto {
    return { ref: policyRef, id: DEFAULT_POLICY.id, version: DEFAULT_POLICY.version, levels: [...LEVELS], rules: DEFAULT_POLICY.rules };
  }

  destructionMethods(): DestructionMethodsDto {
    const byMediaType = Object.fromEntries(
      MEDIA_TYPES.map((type) => [type, allowedMethods(DEFAULT_POLICY, type as MediaType, '*', 'destroy')]),
    );
    return { policy: policyRef, byMediaType, destinations: [...MEDIA_DESTINATIONS] };
  }

  testSuites(): TestSuitesDto {
    return { items: TEST_SUITES.map((suite) => ({ ref: suiteRef(suite), ...suite })) };
  }

  rubrics(): RubricsDto {
    return {
      grades: [...INTERNAL_GRADES],
      items: RUBRICS.map((rubric) => ({
        ref: rubricRef(rubric),
        ...rubric,
        // The last band has no upper bound (Infinity in the library), which JSON cannot say: null.
        thresholds: rubric.thresholds.map((t) => ({ ...t, maxPoints: Number.isFinite(t.maxPoints) ? t.maxPoints : null })),
        zones: zonesOf(rubric),
        severities: severitiesOf(rubric),
      })),
    };
  }

  lockKinds = (): VocabularyDto => ({ items: [...LOCK_KINDS] });
  partKinds = (): VocabularyDto => ({ items: [...PART_KINDS] });
  deviceClasses = (): VocabularyDto => ({ items: [...DEVICE_CLASSES] });
  states = (): StatesDto => ({ machineVersion: MACHINE_VERSION, items: [...STORED_STATE_NAMES] });
  capabilities = (): CapabilitiesDto => ({ capabilities: [...CAPABILITIES], byEvent: { ...CAPABILITY_OF_EVENT } });
  eventPermissions = (): EventPermissionsDto => ({
    byRole: Object.fromEntries(Object.entries(EVENTS_BY_ROLE).map(([role, events]) => [role, [...events]])),
  });
}

import { ApiProperty } from '@nestjs/swagger';

/** The versioned vocabularies the rules use, as published under `/catalogue`. */

export class PolicyRuleDto {
  /** @example "nvme" */
  mediaType: string;
  /** An interface (sata, sas, nvme, usb, emmc…), or `*` for any. @example "*" */
  interface: string;
  /** NIST SP 800-88 level the methods reach. @example "purge" */
  level: string;
  /** @example ["nvme_sanitize_block_erase", "nvme_sanitize_crypto_erase"] */
  methods: string[];
}

export class SanitizationPolicyDto {
  /** `id@version`, as SANITIZE and VALIDATE_SANITIZATION evidence records it. @example "nist-800-88r2-ieee-2883@1" */
  ref: string;
  /** @example "nist-800-88r2-ieee-2883" */
  id: string;
  /** @example 1 */
  version: number;
  /** @example ["clear", "purge", "destroy"] */
  levels: string[];
  rules: PolicyRuleDto[];
}

export class DestructionMethodsDto {
  /** The policy the methods come from. @example "nist-800-88r2-ieee-2883@1" */
  policy: string;
  /** Methods DESTROY_MEDIA accepts, by media type. @example {"hdd": ["shred", "disintegrate", "pulverize", "incinerate"]} */
  byMediaType: Record<string, string[]>;
  /** @example ["internal_reuse", "external_reuse", "recycling_facility", "manufacturer", "other"] */
  destinations: string[];
}

export class CheckRuleDto {
  /** `boolean`, `min` (at least threshold) or `max` (at most threshold). @example "max" */
  kind: string;
  /** @example 10 */
  threshold?: number;
  /** @example "sectors" */
  unit?: string;
}

export class SuiteCheckDto {
  /** The measurement name TEST_RESULT sends. @example "storage_reallocated_sectors" */
  name: string;
  /** @example "SMART reallocated sector count (worst drive)" */
  description: string;
  /** A required check must pass for the suite to pass. @example true */
  required: boolean;
  rule: CheckRuleDto;
}

export class TestSuiteDto {
  /** @example "notebook-standard@1" */
  ref: string;
  /** @example "notebook-standard" */
  id: string;
  /** @example 1 */
  version: number;
  /** @example "notebook" */
  deviceClass: string;
  checks: SuiteCheckDto[];
}

export class TestSuitesDto {
  items: TestSuiteDto[];
}

export class GradeThresholdDto {
  /** The most defect points this grade allows; null for the last band, which has no upper bound. @example 4 */
  @ApiProperty({ type: Number, nullable: true })
  maxPoints: number | null;
  /** @example "A" */
  grade: string;
}

export class ZoneCapDto {
  /** @example "display" */
  zone: string;
  /** @example 3 */
  minSeverity: number;
  /** @example "C" */
  cap: string;
}

export class RubricDto {
  /** `id@version`, as GRADE evidence records it. @example "notebook-cosmetic@1" */
  ref: string;
  id: string;
  version: number;
  /** @example ["notebook"] */
  deviceClasses: string[];
  /** The zones a defect may be recorded in, with their weights. @example {"display": 2, "lid": 1.5} */
  zoneWeights: Record<string, number>;
  /** @example ["display", "lid"] */
  zones: string[];
  /** @example [1, 2, 3, 4] */
  severities: number[];
  /** @example ["scratch", "dent", "crack"] */
  defectCodes: string[];
  /** Points a defect costs by severity, before its zone's weight. @example {"1": 1, "2": 3, "3": 8, "4": 20} */
  pointsBySeverity: Record<string, number>;
  /** The internal grade for a point total: the first threshold not exceeded. */
  thresholds: GradeThresholdDto[];
  severityCaps: Record<string, string>;
  zoneCaps: ZoneCapDto[];
  functionalCodes: Record<string, string>;
  cosmeticCodes: Record<string, string>;
  /** The programme letter by internal grade (null: not sold under the programme). */
  programmeGrades: Record<string, string | null>;
}

export class RubricsDto {
  /** Internal grades, best first. @example ["A", "B", "C", "D"] */
  grades: string[];
  items: RubricDto[];
}

export class VocabularyDto {
  /** @example ["bios_password", "absolute_computrace"] */
  items: string[];
}

export class StatesDto {
  /** The machine version the states belong to. @example "unit-lifecycle@1" */
  machineVersion: string;
  /** The names a lifecycle's `state` holds, and the list filter accepts (a top state matches its sub-states). @example ["expected", "received", "processing", "sold", "sold.warrantyActive"] */
  items: string[];
}

export class CapabilitiesDto {
  /** @example ["RECEIVE", "SANITIZE", "TEST"] */
  capabilities: string[];
  /** The licence capability each event exercises. @example {"RECEIVE": "RECEIVE", "SANITIZE": "SANITIZE"} */
  byEvent: Record<string, string>;
}

export class EventPermissionsDto {
  /** The events each role may send. @example {"resale": ["LIST", "UNLIST", "SELL", "RETURN_TO_OWNER"], "auditor": []} */
  byRole: Record<string, string[]>;
}

import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { EVENT_TYPES, LOCK_KINDS, MEDIA_DESTINATIONS, SANITIZATION_LEVELS } from '@recert/lifecycle';
import type { EventType, LifecycleEvent } from '@recert/lifecycle';
import { EachObject, invalidInput, validatedInstance } from '../common/validation';
import { MEDIA_TYPES } from '../devices/storage-medium.entity';
import { CarbonInputsDto } from '../carbon/carbon-inputs.dto';

/*
 * One class per event type: the payload each event must carry. Validation here keeps malformed evidence
 * out of the audit trail; whether an event may happen now is the machine's call.
 */

const Text = (max = 200) => Length(1, max);
const MARKET = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
/** A catalogue reference: id@version. */
const REF = /^[a-z0-9][a-z0-9-]{0,62}@[1-9][0-9]{0,5}$/;
const IsNumberOrBoolean = () =>
  ValidateBy({
    name: 'isNumberOrBoolean',
    validator: {
      validate: (v) => typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)),
      defaultMessage: () => 'value must be a number or a boolean',
    },
  });

class EventBase {
  @IsIn(EVENT_TYPES)
  type: EventType;
}

export class ReceivePayload extends EventBase {
  @IsString() @Text() site: string;
  @IsBoolean() sealIntact: boolean;
  @IsOptional() @IsISO8601() receivedAt?: string;
  @IsOptional() @IsString() @Text(1000) notes?: string;
  /** Carbon inputs (station energy, site country, transport legs): see docs/carbon.md. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CarbonInputsDto) carbon?: CarbonInputsDto;
}

class LockFinding {
  /** One of the lock kinds (GET /catalogue/lock-kinds); another is refused with 422 lock-kind-unknown (the vocabulary is the rule's, not the schema's). */
  @ApiProperty({ enum: LOCK_KINDS }) @IsString() @Text(64) kind: (typeof LOCK_KINDS)[number];
  @IsIn(['clear', 'locked']) status: 'clear' | 'locked';
  @IsOptional() @IsString() @Text(500) detail?: string;
}

export class LockCheckPayload extends EventBase {
  @EachObject() @ValidateNested({ each: true }) @Type(() => LockFinding) @ArrayMinSize(1) @ArrayMaxSize(20) locks: LockFinding[];
}

export class ReleaseLockPayload extends EventBase {
  /** One of the lock kinds (GET /catalogue/lock-kinds; 422 lock-kind-unknown otherwise). */
  @ApiProperty({ enum: LOCK_KINDS }) @IsString() @Text(64) kind: (typeof LOCK_KINDS)[number];
  @IsString() @Text(500) evidence: string;
}

/** Who did it, as NIST SP 800-88's certificate names them. */
class PersonDto {
  @IsString() @Text() name: string;
  @IsString() @Text() title: string;
  @IsOptional() @IsString() @Text() organisation?: string;
  @IsOptional() @IsString() @Text() location?: string;
  @IsOptional() @IsString() @Text() contact?: string;
}

class ToolDto {
  @IsString() @Text(100) name: string;
  @IsString() @Text(50) version: string;
}

/** One medium's sanitization, with the fields of its NIST SP 800-88 certificate. */
export class SanitizePayload extends EventBase {
  @IsString() @Text(128) mediumSerial: string;
  /** The level aimed at; the policy decides which level the method actually reaches on this medium. */
  @IsIn(SANITIZATION_LEVELS) level: (typeof SANITIZATION_LEVELS)[number];
  /** e.g. nvme_sanitize_crypto_erase, ata_sanitize_block_erase, overwrite: the methods per medium and level are in GET /catalogue/sanitization-policy. */
  @IsString() @Text(100) method: string;
  @IsOptional() @IsString() @Text(500) methodDetails?: string;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ToolDto) tool: ToolDto;
  @IsIn(['full', 'quick_sampling', 'other']) verification: 'full' | 'quick_sampling' | 'other';
  @IsIn(['pass', 'fail']) result: 'pass' | 'fail';
  @IsDefined() @IsObject() @ValidateNested() @Type(() => PersonDto) performedBy: PersonDto;
  @IsOptional() @IsIn(['yes', 'no', 'unknown']) dataBackedUp?: 'yes' | 'no' | 'unknown';
  @IsOptional() @IsString() @Text(100) classification?: string;
  @IsOptional() @IsString() @Text(100) postClassification?: string;
  @IsIn(MEDIA_DESTINATIONS) destination: (typeof MEDIA_DESTINATIONS)[number];
  @IsOptional() @IsString() @Text(100) propertyNumber?: string;
  @IsOptional() @IsString() @Text(100) mediaMake?: string;
  @IsOptional() @IsString() @Text(100) mediaModel?: string;
  @IsOptional() @IsISO8601() completedAt?: string;
}

/** The certificate's validation block: by someone other than the operator. */
export class ValidateSanitizationPayload extends EventBase {
  @IsString() @Text(128) mediumSerial: string;
  @IsIn(['full', 'quick_sampling', 'other']) method: 'full' | 'quick_sampling' | 'other';
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ToolDto) tool?: ToolDto;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => PersonDto) validatedBy: PersonDto;
  /** A failed validation sends the medium back to be sanitized again (default pass). */
  @IsOptional() @IsIn(['pass', 'fail']) result?: 'pass' | 'fail';
}

export class DestroyMediaPayload extends EventBase {
  @IsString() @Text(128) mediumSerial: string;
  /** shred, disintegrate, pulverize or incinerate (GET /catalogue/destruction-methods). */
  @IsString() @Text(100) method: string;
  @IsString() @Text() witness: string;
  /** e.g. the video recording of the destruction. */
  @IsString() @Text(500) evidenceReference: string;
}

class MeasurementDto {
  /** A check of the suite, e.g. battery_health_percent, keyboard (the suites' checks: GET /catalogue/test-suites). */
  @IsString() @Text(64) check: string;
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'boolean' }],
    description: 'A number, or a boolean for a check that passes or fails.',
  })
  @IsNumberOrBoolean()
  value: number | boolean;
}

class OsLicenceDto {
  @IsString() @Text(100) product: string;
  @IsIn(['digital', 'coa', 'oem_key']) kind: 'digital' | 'coa' | 'oem_key';
  @IsString() @Text(200) reference: string;
}

/** Measured values; the suite (not the client) decides pass or fail. */
export class TestResultPayload extends EventBase {
  /** id@version (GET /catalogue/test-suites); default: the programme's suite for the unit's class, else the default suite for the class. */
  @IsOptional() @Matches(REF, { message: 'suite must be id@version' }) suite?: string;
  @EachObject()
  @ValidateNested({ each: true })
  @Type(() => MeasurementDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  measurements: MeasurementDto[];
  /** The operating system licence installed, where a programme requires one. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => OsLicenceDto) osLicence?: OsLicenceDto;
  /** Carbon inputs (station energy, site country, transport legs): see docs/carbon.md. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CarbonInputsDto) carbon?: CarbonInputsDto;
}

export class StartRepairPayload extends EventBase {
  @IsString() @Text(500) reason: string;
}

class RepairPart {
  /** A part kind (GET /catalogue/part-kinds). */
  @IsString() @Text(100) kind: string;
  @IsIn(['genuine', 'equivalent_to_new', 'used']) condition: 'genuine' | 'equivalent_to_new' | 'used';
  @IsOptional() @IsString() @Text(128) serial?: string;
}

export class CompleteRepairPayload extends EventBase {
  @EachObject() @ValidateNested({ each: true }) @Type(() => RepairPart) @ArrayMaxSize(50) parts: RepairPart[];
  /** Carbon inputs (station energy, site country, transport legs): see docs/carbon.md. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CarbonInputsDto) carbon?: CarbonInputsDto;
}

class DefectDto {
  /** e.g. scratch, dent, crack, stain, missing-key, dead-pixel: the rubric's defect codes (GET /catalogue/rubrics). */
  @IsString() @Text(50) code: string;
  /** e.g. lid, palmrest, display, keyboard, bezel, base, ports: the rubric's zones (GET /catalogue/rubrics). */
  @IsString() @Text(50) zone: string;
  @IsInt() @Min(1) @Max(4) severity: 1 | 2 | 3 | 4;
  @IsOptional() @IsString({ each: true }) @Length(1, 500, { each: true }) @ArrayMaxSize(20) photos?: string[];
}

/** Recorded defects; the rubric computes the grade. */
export class GradePayload extends EventBase {
  @EachObject() @ValidateNested({ each: true }) @Type(() => DefectDto) @ArrayMaxSize(100) defects: DefectDto[];
  /** Photo references of the whole unit. */
  @IsOptional() @IsString({ each: true }) @Length(1, 500, { each: true }) @ArrayMaxSize(50) photos?: string[];
  /** id@version (GET /catalogue/rubrics); default: the programme's rubric, else the default rubric for the unit's class. */
  @IsOptional() @Matches(REF, { message: 'rubric must be id@version' }) rubric?: string;
}

export class RegradePayload extends GradePayload {
  @IsString() @Text(500) reason: string;
}

export class CertifyPayload extends EventBase {
  @IsUUID() programmeId: string;
}

export class DeclineCertificationPayload extends EventBase {
  @IsString() @Text(500) reason: string;
}

export class ListPayload extends EventBase {
  @IsString() @Text(100) channel: string;
  @Matches(MARKET, { message: 'market must be an ISO 3166-1 alpha-2 code' }) market: string;
  @IsNumber({ maxDecimalPlaces: 2 }) @IsPositive() @Max(1_000_000) price: number;
  @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code' }) currency: string;
}

export class UnlistPayload extends EventBase {
  @IsOptional() @IsString() @Text(500) reason?: string;
}

export class SellPayload extends EventBase {
  @IsString() @Text(100) orderReference: string;
  @IsString() @Text() buyer: string;
  @Matches(MARKET, { message: 'market must be an ISO 3166-1 alpha-2 code' }) market: string;
  @IsOptional() @IsISO8601() soldAt?: string;
  /** Certified units: the programme's term for the market by default, up to its extendable term. Others: default 0. */
  @IsOptional() @IsInt() @Min(0) @Max(120) warrantyMonths?: number;
  /** Carbon inputs (station energy, site country, transport legs): see docs/carbon.md. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CarbonInputsDto) carbon?: CarbonInputsDto;
}

export class ReturnToOwnerPayload extends EventBase {
  @IsString() @Text(100) reference: string;
  @IsInt() @Min(0) @Max(120) warrantyMonths: number;
  /** Carbon inputs (station energy, site country, transport legs): see docs/carbon.md. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CarbonInputsDto) carbon?: CarbonInputsDto;
}

export class OpenClaimPayload extends EventBase {
  @IsString() @Text(1000) symptom: string;
  /** A defect code of the unit's rubric (GET /catalogue/rubrics). */
  @IsOptional() @IsString() @Text(50) defectCode?: string;
  /** A zone of the unit's rubric (GET /catalogue/rubrics). */
  @IsOptional() @IsString() @Text(50) zone?: string;
}

export class AuthorizeRmaPayload extends EventBase {
  @IsString() @Text(100) rmaNumber: string;
}

export class RejectClaimPayload extends EventBase {
  @IsString() @Text(1000) reason: string;
}

export class ReceiveRmaPayload extends EventBase {
  @IsString() @Text() site: string;
}

export class ExpireWarrantyPayload extends EventBase {}

class HarvestedPart {
  /** e.g. ram, ssd, battery, display, keyboard, psu (GET /catalogue/part-kinds). */
  @IsString() @Text(100) kind: string;
  /** The part's own serial; when absent one is made from the donor's serial, the kind and the part's position. */
  @IsOptional() @IsString() @Text(128) serial?: string;
  @IsOptional() @IsString() @Text(128) model?: string;
  /** A storage part: its medium must be sanitized in the part's own lifecycle. */
  @IsOptional() @IsIn(MEDIA_TYPES) mediaType?: (typeof MEDIA_TYPES)[number];
  @IsOptional() @IsString() @Text(16) interface?: string;
}

export class HarvestPayload extends EventBase {
  @EachObject() @ValidateNested({ each: true }) @Type(() => HarvestedPart) @ArrayMinSize(1) @ArrayMaxSize(100) parts: HarvestedPart[];
}

export class SendToRecyclerPayload extends EventBase {
  @IsString() @Text() vendor: string;
  @IsString() @Text(100) certification: string;
  /** The vendor destroys data itself: only then may media that are not yet safe leave custody. */
  @IsBoolean() destroysData: boolean;
}

export class ConfirmRecycledPayload extends EventBase {
  @IsString() @Text(100) certificateReference: string;
  @IsNumber({ maxDecimalPlaces: 3 }) @IsPositive() @Max(100_000) weightKg: number;
}

export const PAYLOAD_CLASSES: Record<EventType, new () => EventBase> = {
  RECEIVE: ReceivePayload,
  LOCK_CHECK: LockCheckPayload,
  RELEASE_LOCK: ReleaseLockPayload,
  SANITIZE: SanitizePayload,
  VALIDATE_SANITIZATION: ValidateSanitizationPayload,
  DESTROY_MEDIA: DestroyMediaPayload,
  TEST_RESULT: TestResultPayload,
  START_REPAIR: StartRepairPayload,
  COMPLETE_REPAIR: CompleteRepairPayload,
  GRADE: GradePayload,
  REGRADE: RegradePayload,
  CERTIFY: CertifyPayload,
  DECLINE_CERTIFICATION: DeclineCertificationPayload,
  LIST: ListPayload,
  UNLIST: UnlistPayload,
  SELL: SellPayload,
  RETURN_TO_OWNER: ReturnToOwnerPayload,
  OPEN_CLAIM: OpenClaimPayload,
  AUTHORIZE_RMA: AuthorizeRmaPayload,
  REJECT_CLAIM: RejectClaimPayload,
  RECEIVE_RMA: ReceiveRmaPayload,
  EXPIRE_WARRANTY: ExpireWarrantyPayload,
  HARVEST: HarvestPayload,
  SEND_TO_RECYCLER: SendToRecyclerPayload,
  CONFIRM_RECYCLED: ConfirmRecycledPayload,
};

/** Validates `{ type, ...payload }` against its event's class; 400 with field paths otherwise. */
export function parseLifecycleEvent(body: unknown, path = ''): LifecycleEvent {
  const type = (body as { type?: unknown } | null)?.type;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidInput([{ path: path || '(body)', messages: ['an event object is required'] }]);
  }
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    throw invalidInput([{ path: `${path ? `${path}.` : ''}type`, messages: [`type must be one of: ${EVENT_TYPES.join(', ')}`] }]);
  }
  return JSON.parse(JSON.stringify(validatedInstance(PAYLOAD_CLASSES[type as EventType], body, path))) as LifecycleEvent;
}

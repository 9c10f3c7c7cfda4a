import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsPositive, IsString, Length, Matches,
  Max, Min, ValidateNested,
} from 'class-validator';
import { EVENT_TYPES, LOCK_KINDS, SANITIZATION_LEVELS } from '@recert/lifecycle';
import type { EventType, LifecycleEvent } from '@recert/lifecycle';
import { invalidInput, validatedInstance } from '../common/validation';

/*
 * One class per event type: the payload each event must carry. Validation here keeps malformed evidence
 * out of the audit trail; whether an event may happen now is the machine's call.
 */

const Text = (max = 200) => Length(1, max);
const MARKET = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;

class EventBase {
  @IsIn(EVENT_TYPES)
  type: EventType;
}

export class ReceivePayload extends EventBase {
  @IsString() @Text() site: string;
  @IsBoolean() sealIntact: boolean;
  @IsOptional() @IsISO8601() receivedAt?: string;
  @IsOptional() @IsString() @Text(1000) notes?: string;
}

class LockFinding {
  @IsIn(LOCK_KINDS) kind: (typeof LOCK_KINDS)[number];
  @IsIn(['clear', 'locked']) status: 'clear' | 'locked';
  @IsOptional() @IsString() @Text(500) detail?: string;
}

export class LockCheckPayload extends EventBase {
  @ValidateNested({ each: true }) @Type(() => LockFinding) @ArrayMinSize(1) @ArrayMaxSize(20) locks: LockFinding[];
}

export class ReleaseLockPayload extends EventBase {
  @IsIn(LOCK_KINDS) kind: (typeof LOCK_KINDS)[number];
  @IsString() @Text(500) evidence: string;
}

export class SanitizePayload extends EventBase {
  @IsString() @Text(128) mediumSerial: string;
  @IsIn(SANITIZATION_LEVELS) level: (typeof SANITIZATION_LEVELS)[number];
  @IsString() @Text(100) method: string;
  @IsOptional() @IsString() @Text(100) tool?: string;
  @IsIn(['pass', 'fail']) result: 'pass' | 'fail';
}

export class ValidateSanitizationPayload extends EventBase {
  @IsString() @Text(128) mediumSerial: string;
  @IsString() @Text(100) method: string;
}

export class DestroyMediaPayload extends EventBase {
  @IsString() @Text(128) mediumSerial: string;
  @IsString() @Text(100) method: string;
  @IsString() @Text() witness: string;
  @IsString() @Text(500) evidenceReference: string;
}

class TestCheck {
  @IsString() @Text(100) name: string;
  @IsBoolean() passed: boolean;
  @IsOptional() @IsNumber() value?: number;
}

export class TestResultPayload extends EventBase {
  @IsString() @Text(100) suite: string;
  @IsIn(['pass', 'fail']) result: 'pass' | 'fail';
  @IsOptional() @ValidateNested({ each: true }) @Type(() => TestCheck) @ArrayMaxSize(200) checks?: TestCheck[];
}

export class StartRepairPayload extends EventBase {
  @IsString() @Text(500) reason: string;
}

class RepairPart {
  @IsString() @Text(100) kind: string;
  @IsIn(['genuine', 'equivalent_to_new', 'used']) condition: 'genuine' | 'equivalent_to_new' | 'used';
  @IsOptional() @IsString() @Text(128) serial?: string;
}

export class CompleteRepairPayload extends EventBase {
  @ValidateNested({ each: true }) @Type(() => RepairPart) @ArrayMaxSize(50) parts: RepairPart[];
}

export class GradePayload extends EventBase {
  @IsString() @Text(20) grade: string;
  @IsOptional() @IsString() @Text(100) rubric?: string;
}

export class RegradePayload extends EventBase {
  @IsString() @Text(20) grade: string;
  @IsString() @Text(500) reason: string;
}

export class CertifyPayload extends EventBase {
  @IsString() @Text(100) programme: string;
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
  @IsInt() @Min(0) @Max(120) warrantyMonths: number;
}

export class ReturnToOwnerPayload extends EventBase {
  @IsString() @Text(100) reference: string;
  @IsInt() @Min(0) @Max(120) warrantyMonths: number;
}

export class OpenClaimPayload extends EventBase {
  @IsString() @Text(1000) symptom: string;
  @IsOptional() @IsString() @Text(50) defectCode?: string;
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
  @IsString() @Text(100) kind: string;
  @IsOptional() @IsString() @Text(128) serial?: string;
}

export class HarvestPayload extends EventBase {
  @ValidateNested({ each: true }) @Type(() => HarvestedPart) @ArrayMinSize(1) @ArrayMaxSize(100) parts: HarvestedPart[];
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
  RECEIVE: ReceivePayload, LOCK_CHECK: LockCheckPayload, RELEASE_LOCK: ReleaseLockPayload, SANITIZE: SanitizePayload,
  VALIDATE_SANITIZATION: ValidateSanitizationPayload, DESTROY_MEDIA: DestroyMediaPayload, TEST_RESULT: TestResultPayload,
  START_REPAIR: StartRepairPayload, COMPLETE_REPAIR: CompleteRepairPayload, GRADE: GradePayload, REGRADE: RegradePayload,
  CERTIFY: CertifyPayload, DECLINE_CERTIFICATION: DeclineCertificationPayload, LIST: ListPayload, UNLIST: UnlistPayload,
  SELL: SellPayload, RETURN_TO_OWNER: ReturnToOwnerPayload, OPEN_CLAIM: OpenClaimPayload, AUTHORIZE_RMA: AuthorizeRmaPayload,
  REJECT_CLAIM: RejectClaimPayload, RECEIVE_RMA: ReceiveRmaPayload, EXPIRE_WARRANTY: ExpireWarrantyPayload,
  HARVEST: HarvestPayload, SEND_TO_RECYCLER: SendToRecyclerPayload, CONFIRM_RECYCLED: ConfirmRecycledPayload,
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

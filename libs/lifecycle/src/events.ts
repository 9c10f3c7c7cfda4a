/**
 * The public event vocabulary of a unit's lifecycle and the payload each event carries.
 * The HTTP layer validates payloads; the machine trusts their shape and enforces order and invariants.
 */
export const EVENT_TYPES = [
  'RECEIVE',
  'LOCK_CHECK',
  'RELEASE_LOCK',
  'SANITIZE',
  'VALIDATE_SANITIZATION',
  'DESTROY_MEDIA',
  'TEST_RESULT',
  'START_REPAIR',
  'COMPLETE_REPAIR',
  'GRADE',
  'REGRADE',
  'CERTIFY',
  'DECLINE_CERTIFICATION',
  'LIST',
  'UNLIST',
  'SELL',
  'RETURN_TO_OWNER',
  'OPEN_CLAIM',
  'AUTHORIZE_RMA',
  'REJECT_CLAIM',
  'RECEIVE_RMA',
  'EXPIRE_WARRANTY',
  'HARVEST',
  'SEND_TO_RECYCLER',
  'CONFIRM_RECYCLED',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const LOCK_KINDS = ['bios_password', 'absolute_computrace', 'dfci', 'autopilot', 'mdm', 'bmc_credentials', 'other'] as const;
export type LockKind = (typeof LOCK_KINDS)[number];

/** What a part taken from a unit (HARVEST) or fitted to it (COMPLETE_REPAIR) may be: a closed vocabulary. */
export const PART_KINDS = [
  'ram',
  'ssd',
  'hdd',
  'nvme',
  'emmc',
  'battery',
  'display',
  'keyboard',
  'touchpad',
  'board',
  'cpu',
  'gpu',
  'psu',
  'fan',
  'heatsink',
  'nic',
  'bmc',
  'raid_controller',
  'camera',
  'speaker',
  'hinge',
  'chassis',
  'charger',
  'cable',
  'stand',
  'bezel',
] as const;
export type PartKind = (typeof PART_KINDS)[number];

export const SANITIZATION_LEVELS = ['clear', 'purge'] as const;
export type SanitizationLevel = (typeof SANITIZATION_LEVELS)[number];

export const MEDIA_DESTINATIONS = ['internal_reuse', 'external_reuse', 'recycling_facility', 'manufacturer', 'other'] as const;

/*
 * Events as the audit trail stores them. Fields marked "computed" are set by the server's evidence checks
 * (policy, suite, rubric, programme) from what the client submitted; the client never sends them.
 */

export interface ReceiveEvent {
  type: 'RECEIVE';
  site: string;
  sealIntact: boolean;
  receivedAt?: string;
  notes?: string;
}
export interface LockCheckEvent {
  type: 'LOCK_CHECK';
  locks: Array<{ kind: LockKind; status: 'clear' | 'locked'; detail?: string }>;
}
export interface ReleaseLockEvent {
  type: 'RELEASE_LOCK';
  kind: LockKind;
  evidence: string;
}
/** `level`: computed — the level the method reaches on this medium under the policy (at least the one aimed at). */
export interface SanitizeEvent {
  type: 'SANITIZE';
  mediumSerial: string;
  level: SanitizationLevel;
  method: string;
  result: 'pass' | 'fail';
  [certificateField: string]: unknown;
}
export interface ValidateSanitizationEvent {
  type: 'VALIDATE_SANITIZATION';
  mediumSerial: string;
  method: string;
  result?: 'pass' | 'fail';
  [field: string]: unknown;
}
export interface DestroyMediaEvent {
  type: 'DESTROY_MEDIA';
  mediumSerial: string;
  method: string;
  witness: string;
  evidenceReference: string;
  [field: string]: unknown;
}
/** `suite`, `result`: computed by the suite from `measurements`. */
export interface TestResultEvent {
  type: 'TEST_RESULT';
  suite: string;
  result: 'pass' | 'fail';
  measurements?: Array<{ check: string; value: number | boolean }>;
  [field: string]: unknown;
}
export interface StartRepairEvent {
  type: 'START_REPAIR';
  reason: string;
}
export interface CompleteRepairEvent {
  type: 'COMPLETE_REPAIR';
  parts: Array<{ kind: string; condition: 'genuine' | 'equivalent_to_new' | 'used'; serial?: string }>;
}
export interface Defect {
  code: string;
  zone: string;
  severity: 1 | 2 | 3 | 4;
  photos?: string[];
}
/** `grade` (internal A–D), `rubric`: computed by the rubric from `defects` and the test outcome. */
export interface GradeEvent {
  type: 'GRADE';
  grade: string;
  defects?: Defect[];
  [field: string]: unknown;
}
export interface RegradeEvent {
  type: 'REGRADE';
  grade: string;
  reason: string;
  defects?: Defect[];
  [field: string]: unknown;
}
/** `programme` (code@version): computed from `programmeId` and the version in force. */
export interface CertifyEvent {
  type: 'CERTIFY';
  programmeId?: string;
  programme: string;
  [field: string]: unknown;
}
export interface DeclineCertificationEvent {
  type: 'DECLINE_CERTIFICATION';
  reason: string;
}
export interface ListEvent {
  type: 'LIST';
  channel: string;
  market: string;
  price: number;
  currency: string;
}
export interface UnlistEvent {
  type: 'UNLIST';
  reason?: string;
}
export interface SellEvent {
  type: 'SELL';
  orderReference: string;
  buyer: string;
  market: string;
  soldAt?: string;
  warrantyMonths?: number;
  [field: string]: unknown;
}
export interface ReturnToOwnerEvent {
  type: 'RETURN_TO_OWNER';
  reference: string;
  warrantyMonths: number;
  [field: string]: unknown;
}
export interface OpenClaimEvent {
  type: 'OPEN_CLAIM';
  symptom: string;
  defectCode?: string;
  zone?: string;
  [field: string]: unknown;
}
export interface AuthorizeRmaEvent {
  type: 'AUTHORIZE_RMA';
  rmaNumber: string;
}
export interface RejectClaimEvent {
  type: 'REJECT_CLAIM';
  reason: string;
}
export interface ReceiveRmaEvent {
  type: 'RECEIVE_RMA';
  site: string;
}
export interface ExpireWarrantyEvent {
  type: 'EXPIRE_WARRANTY';
}
/** Each part becomes a unit of its own (device class part) with the donor as its lineage; a storage part carries its medium. */
export interface HarvestEvent {
  type: 'HARVEST';
  parts: Array<HarvestedPartInput>;
}
export interface HarvestedPartInput {
  kind: string;
  serial?: string;
  model?: string;
  mediaType?: string;
  interface?: string;
  /** Set by the server only: the donor's medium a storage part takes over (the donor no longer carries it). */
  medium?: {
    serial: string;
    status: 'pending' | 'sanitized' | 'failed' | 'validated' | 'destroyed';
    level: SanitizationLevel | null;
    attempts: number;
  };
}
export interface SendToRecyclerEvent {
  type: 'SEND_TO_RECYCLER';
  vendor: string;
  certification: string;
  destroysData: boolean;
}
export interface ConfirmRecycledEvent {
  type: 'CONFIRM_RECYCLED';
  certificateReference: string;
  weightKg: number;
}

export type LifecycleEvent =
  | ReceiveEvent
  | LockCheckEvent
  | ReleaseLockEvent
  | SanitizeEvent
  | ValidateSanitizationEvent
  | DestroyMediaEvent
  | TestResultEvent
  | StartRepairEvent
  | CompleteRepairEvent
  | GradeEvent
  | RegradeEvent
  | CertifyEvent
  | DeclineCertificationEvent
  | ListEvent
  | UnlistEvent
  | SellEvent
  | ReturnToOwnerEvent
  | OpenClaimEvent
  | AuthorizeRmaEvent
  | RejectClaimEvent
  | ReceiveRmaEvent
  | ExpireWarrantyEvent
  | HarvestEvent
  | SendToRecyclerEvent
  | ConfirmRecycledEvent;

/**
 * A probe asks "could this event type apply here?" without a payload: guards that read the payload let it
 * pass, guards that read only the unit's context still decide. Used to list a unit's allowed events.
 */
export interface ProbeEvent {
  type: EventType;
  probe: true;
}

export type MachineEvent = LifecycleEvent | ProbeEvent;

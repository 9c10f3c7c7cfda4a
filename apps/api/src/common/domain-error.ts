/**
 * Errors that services raise. Each carries a stable code; `problem.filter.ts` maps codes to HTTP in one place.
 */
export enum DomainErrorCode {
  NotFound = 'not-found',
  /** A database constraint refused the write (two requests raced for one key): 409, `conflict` names what. */
  Conflict = 'conflict',
  InvalidTransition = 'invalid-transition',
  PreconditionFailed = 'precondition-failed',
  PreconditionRequired = 'precondition-required',
  IdempotencyKeyReused = 'idempotency-key-reused',
  IdempotencyKeyInFlight = 'idempotency-key-in-flight',
  Forbidden = 'forbidden',
  LicenceDenied = 'licence-denied',
  Unprocessable = 'unprocessable',
  /** The event's evidence breaks a rule (policy, suite, programme, warranty): 422 with every `reasons` entry. */
  EvidenceRejected = 'evidence-rejected',
  CertificationRefused = 'certification-refused',
  InvalidInput = 'invalid-input',
  /** 409s, each for what conflicted. */
  HandoffPending = 'handoff-pending',
  HandoffAlreadyConfirmed = 'handoff-already-confirmed',
  HandoffStale = 'handoff-stale',
  RmaAlreadyResolved = 'rma-already-resolved',
  NotUnderRma = 'not-under-rma',
  UnitsInOpenLifecycle = 'units-in-open-lifecycle',
  EmailTaken = 'email-taken',
  ProgrammeCodeTaken = 'programme-code-taken',
  /** A usage reading out of order, or overlapping a period already recorded for the device: 409 naming it. */
  UsageReadingConflict = 'usage-reading-conflict',
  /** An offset retirement whose serial block overlaps one already recorded in the registry project: 409. */
  OffsetSerialsOverlap = 'offset-serials-overlap',
  /** Allocating more tonnes than a retirement has left: 422 with what remains. */
  OffsetOverAllocated = 'offset-over-allocated',
  /** A value outside a closed carbon vocabulary (registry, transport mode, leg): 422 naming it and the allowed ones. */
  CarbonVocabularyUnknown = 'carbon-vocabulary-unknown',
  /** Incentives (docs/incentives.md): a claim for this partner, programme and period exists already (409, `reference`). */
  IncentiveClaimExists = 'incentive-claim-exists',
  /** A unit-event is already in a claim under this programme (409, `claims` lists each reference). */
  UnitEventAlreadyClaimed = 'unit-event-already-claimed',
  IncentiveCodeTaken = 'incentive-code-taken',
  /** A claim cannot be filed: its period has not ended, or its claim window has closed (422, `reasons`). */
  ClaimRefused = 'claim-refused',
  /** A claim's cited evidence no longer verifies against the audit chain: it cannot be approved (422, `failures`). */
  ClaimEvidenceBroken = 'claim-evidence-broken',
  UnsupportedMediaType = 'unsupported-media-type',
  /** The path exists, not for this method: 405 with Allow. */
  MethodNotAllowed = 'method-not-allowed',
  PayloadTooLarge = 'payload-too-large',
  /** Too many failed authentications, or another limit per caller: 429 with Retry-After. */
  TooManyRequests = 'too-many-requests',
  /** The service sheds load: 503 with Retry-After; nothing was committed. */
  Overloaded = 'overloaded',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Extra members of the problem document (RFC 9457 extensions), e.g. `allowedEvents`. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError(DomainErrorCode.NotFound, `${what} not found`);

export type { Reason } from '@recert/evidence';
import type { Reason } from '@recert/evidence';

/** A refusal that lists every reason at once, never just the first. */
export const rejected = (
  code: DomainErrorCode.EvidenceRejected | DomainErrorCode.CertificationRefused,
  detail: string,
  reasons: Reason[],
  extra: Record<string, unknown> = {},
) => new DomainError(code, detail, { reasons, ...extra });

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

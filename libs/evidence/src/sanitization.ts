import type { TrailEntry } from '@recert/audit';
import type { DestroyMediaEvent, SanitizeEvent, UnitContext, ValidateSanitizationEvent } from '@recert/lifecycle';
import { allowedMethods, DEFAULT_POLICY, levelReached } from '@recert/sanitization';
import type { MediaType } from '@recert/sanitization';
import type { MediumFacts, Reason } from './facts';
import { admit, Judgement, refuse } from './judgement';

const POLICY = DEFAULT_POLICY;
const policyRef = `${POLICY.id}@${POLICY.version}`;
const mediaClass = (type: string) => (type === 'hdd' ? 'magnetic' : type === 'other' ? 'other' : 'flash');

/** The unit's physical facts, as intake recorded them. */
export interface PhysicalFacts {
  media: MediumFacts[];
  hostSerial: string;
}

export interface SanitizeFacts extends PhysicalFacts {
  context: UnitContext;
  /** This lifecycle's SANITIZE and VALIDATE_SANITIZATION entries, oldest first; read only for a medium attempted before (none otherwise). */
  earlierSanitizations: TrailEntry[];
}

/** Whether a medium was sanitized before in this lifecycle: a medium never attempted has no failure to look up. */
export const wasAttempted = (context: UnitContext, mediumSerial: string) =>
  (context.media.find((m) => m.serial === mediumSerial)?.attempts ?? 0) > 0;

const unknownMedium = (media: MediumFacts[], serial: string) =>
  refuse(`The unit has no medium ${serial}.`, [
    {
      code: 'medium-unknown',
      message: `media of this unit: ${media.map((m) => m.serial).join(', ') || 'none'}`,
      field: 'mediumSerial',
      allowed: media.map((m) => m.serial),
    },
  ]);

const mediumRecord = (m: MediumFacts, hostSerial: string) => ({
  type: m.mediaType,
  class: mediaClass(m.mediaType),
  interface: m.interface,
  capacityGb: m.capacityGb,
  hostSerial,
});

/**
 * SANITIZE: the method must reach the level aimed at on this media type and interface under the policy
 * (ATA Secure Erase is only Clear on flash; nothing degausses flash); a failed method is not tried twice.
 */
export function judgeSanitize(facts: SanitizeFacts, event: SanitizeEvent): Judgement<SanitizeEvent> {
  const medium = facts.media.find((m) => m.serial === event.mediumSerial);
  if (!medium) return unknownMedium(facts.media, event.mediumSerial);
  const type = medium.mediaType as MediaType;
  const reached = levelReached(POLICY, type, medium.interface, event.method);
  const reasons: Reason[] = [];
  if (reached === 'destroy')
    reasons.push({ code: 'destruction-is-not-sanitize', message: `${event.method} destroys the medium: record it with DESTROY_MEDIA` });
  else if (reached === null || (reached === 'clear' && event.level === 'purge')) {
    const allowed = allowedMethods(POLICY, type, medium.interface, event.level);
    reasons.push({
      code: 'method-not-allowed',
      message: `${event.method} does not reach ${event.level} on ${type}/${medium.interface} under ${policyRef}; allowed: ${allowed.join(', ') || 'none (destroy the medium)'}`,
      field: 'method',
      allowed,
    });
  }
  const failedBefore =
    wasAttempted(facts.context, event.mediumSerial) && failedMethods(facts.earlierSanitizations, event.mediumSerial).includes(event.method);
  if (failedBefore)
    reasons.push({
      code: 'method-failed-before',
      message: `${event.method} already failed on ${event.mediumSerial}: retry with another allowed method, or destroy the medium`,
    });
  if (reasons.length) return refuse(`The sanitization of ${event.mediumSerial} does not meet the policy.`, reasons);
  // A failed operation reaches no level: the trail, the machine (which records the stored level) and the answer say null.
  const level = event.result === 'pass' ? (reached as 'clear' | 'purge') : null;
  const stored = {
    ...event,
    targetLevel: event.level,
    level: level as SanitizeEvent['level'],
    policy: policyRef,
    medium: mediumRecord(medium, facts.hostSerial),
  };
  return admit(stored, { levelReached: level, policy: policyRef });
}

/**
 * The methods that failed on a medium: a SANITIZE recorded as failed, and the SANITIZE a failed validation
 * names (`sanitizationSeq`) — a wipe that does not verify is a failure of its method on that medium.
 */
export function failedMethods(entries: TrailEntry[], mediumSerial: string): string[] {
  const mine = entries.filter((e) => e.payload.mediumSerial === mediumSerial);
  const wipes = new Map(mine.filter((e) => e.eventType === 'SANITIZE').map((e) => [e.seq, e]));
  const failed = mine.flatMap((e) => {
    if (e.eventType === 'SANITIZE') return e.payload.result === 'fail' ? [String(e.payload.method)] : [];
    if (e.eventType !== 'VALIDATE_SANITIZATION' || e.payload.result !== 'fail') return [];
    const wipe = wipes.get(Number(e.payload.sanitizationSeq)) ?? [...wipes.values()].filter((w) => w.seq < e.seq).at(-1);
    return wipe ? [String(wipe.payload.method)] : [];
  });
  return [...new Set(failed)];
}

export interface ValidationFacts {
  /** This lifecycle's SANITIZE entries, oldest first. */
  sanitizations: TrailEntry[];
  validatorUserId: string;
}

/** VALIDATE_SANITIZATION: by a different person than the one who sanitized the medium. */
export function judgeValidation(facts: ValidationFacts, event: ValidateSanitizationEvent): Judgement<ValidateSanitizationEvent> {
  // Which media await validation is the machine's call (409 otherwise); here only who may validate.
  const wipe = [...facts.sanitizations].reverse().find((e) => e.eventType === 'SANITIZE' && e.payload.mediumSerial === event.mediumSerial);
  if (wipe && wipe.userId === facts.validatorUserId) {
    return refuse('A sanitization is validated by a different person than its operator.', [
      {
        code: 'validator-is-operator',
        message: `you sanitized ${event.mediumSerial} (entry ${wipe.seq}); another person must validate it`,
      },
    ]);
  }
  const result = event.result ?? 'pass';
  // A failed validation refutes the wipe: the medium reached no level (stored, so the machine records it).
  return admit({ ...event, result, sanitizationSeq: wipe?.seq ?? null, ...(result === 'fail' ? { level: null } : {}) });
}

/** DESTROY_MEDIA: the method must be a destruction method for the medium. */
export function judgeDestruction(facts: PhysicalFacts, event: DestroyMediaEvent): Judgement<DestroyMediaEvent> {
  const medium = facts.media.find((m) => m.serial === event.mediumSerial);
  if (!medium) return unknownMedium(facts.media, event.mediumSerial);
  if (levelReached(POLICY, medium.mediaType as MediaType, medium.interface, event.method) !== 'destroy') {
    const allowed = allowedMethods(POLICY, medium.mediaType as MediaType, medium.interface, 'destroy');
    return refuse(`${event.method} is not a destruction method.`, [
      { code: 'method-not-allowed', message: `destruction methods: ${allowed.join(', ')}`, field: 'method', allowed },
    ]);
  }
  return admit({ ...event, level: 'destroy', policy: policyRef, medium: mediumRecord(medium, facts.hostSerial) });
}

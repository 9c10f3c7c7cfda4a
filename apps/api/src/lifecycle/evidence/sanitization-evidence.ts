import { allowedMethods, DEFAULT_POLICY, levelReached, MediaType } from '@recert/sanitization';
import type { DestroyMediaEvent, SanitizeEvent, ValidateSanitizationEvent } from '@recert/lifecycle';
import { DomainErrorCode, Reason, rejected } from '../../common/domain-error';
import type { MediumFacts } from '@recert/evidence';
import type { Admitted } from '../command-context';
import type { EvidenceContext } from './evidence-context';

const POLICY = DEFAULT_POLICY;
const policyRef = `${POLICY.id}@${POLICY.version}`;
const mediaClass = (type: string) => (type === 'hdd' ? 'magnetic' : type === 'other' ? 'other' : 'flash');

async function mediumOf(ev: EvidenceContext, serial: string): Promise<MediumFacts> {
  const medium = (await ev.media()).find((m) => m.serial === serial);
  if (!medium) {
    throw rejected(DomainErrorCode.EvidenceRejected, `The unit has no medium ${serial}.`, [
      { code: 'medium-unknown', message: `media of this unit: ${(await ev.media()).map((m) => m.serial).join(', ') || 'none'}` },
    ]);
  }
  return medium;
}

const mediumRecord = (m: MediumFacts, hostSerial: string) => ({ type: m.mediaType, class: mediaClass(m.mediaType), interface: m.interface, capacityGb: m.capacityGb, hostSerial });

/**
 * SANITIZE: the method must reach the level aimed at on this media type and interface under the policy
 * (ATA Secure Erase is only Clear on flash; nothing degausses flash); a failed method is not tried twice.
 */
export async function admitSanitize(ev: EvidenceContext, event: SanitizeEvent): Promise<Admitted> {
  const medium = await mediumOf(ev, event.mediumSerial);
  const type = medium.mediaType as MediaType;
  const reached = levelReached(POLICY, type, medium.interface, event.method);
  const reasons: Reason[] = [];
  if (reached === 'destroy') reasons.push({ code: 'destruction-is-not-sanitize', message: `${event.method} destroys the medium: record it with DESTROY_MEDIA` });
  else if (reached === null || (reached === 'clear' && event.level === 'purge')) {
    const allowed = allowedMethods(POLICY, type, medium.interface, event.level);
    reasons.push({
      code: 'method-not-allowed',
      message: `${event.method} does not reach ${event.level} on ${type}/${medium.interface} under ${policyRef}; allowed: ${allowed.join(', ') || 'none (destroy the medium)'}`,
    });
  }
  // A medium never attempted has no failure to look up.
  const attempted = (ev.context.media.find((m) => m.serial === event.mediumSerial)?.attempts ?? 0) > 0;
  const failedBefore = attempted && (await ev.trail('SANITIZE')).some(
    (e) => e.payload.mediumSerial === event.mediumSerial && e.payload.result === 'fail' && e.payload.method === event.method,
  );
  if (failedBefore) reasons.push({ code: 'method-failed-before', message: `${event.method} already failed on ${event.mediumSerial}: retry with another allowed method, or destroy the medium` });
  if (reasons.length) throw rejected(DomainErrorCode.EvidenceRejected, `The sanitization of ${event.mediumSerial} does not meet the policy.`, reasons);
  const host = await ev.hostSerial();
  const stored = { ...event, targetLevel: event.level, level: reached as 'clear' | 'purge', policy: policyRef, medium: mediumRecord(medium, host) };
  return { event: stored, evidence: { levelReached: reached, policy: policyRef } };
}

/** VALIDATE_SANITIZATION: by a different person than the one who sanitized the medium. */
export async function admitValidation(ev: EvidenceContext, event: ValidateSanitizationEvent): Promise<Admitted> {
  // Which media await validation is the machine's call (409 otherwise); here only who may validate.
  const trail = await ev.trail('SANITIZE');
  const wipe = [...trail].reverse().find((e) => e.eventType === 'SANITIZE' && e.payload.mediumSerial === event.mediumSerial);
  if (wipe && wipe.userId === ev.caller.userId) {
    throw rejected(DomainErrorCode.EvidenceRejected, 'A sanitization is validated by a different person than its operator.', [
      { code: 'validator-is-operator', message: `you sanitized ${event.mediumSerial} (entry ${wipe.seq}); another person must validate it` },
    ]);
  }
  const result = event.result ?? 'pass';
  return { event: { ...event, result, sanitizationSeq: wipe?.seq ?? null } };
}

/** DESTROY_MEDIA: the method must be a destruction method for the medium. */
export async function admitDestruction(ev: EvidenceContext, event: DestroyMediaEvent): Promise<Admitted> {
  const medium = await mediumOf(ev, event.mediumSerial);
  if (levelReached(POLICY, medium.mediaType as MediaType, medium.interface, event.method) !== 'destroy') {
    throw rejected(DomainErrorCode.EvidenceRejected, `${event.method} is not a destruction method.`, [
      { code: 'method-not-allowed', message: `destruction methods: ${allowedMethods(POLICY, medium.mediaType as MediaType, medium.interface, 'destroy').join(', ')}` },
    ]);
  }
  const host = await ev.hostSerial();
  return { event: { ...event, level: 'destroy', policy: policyRef, medium: mediumRecord(medium, host) } };
}

import { judgeDestruction, judgeSanitize, judgeValidation, wasAttempted } from '@recert/evidence';
import type { DestroyMediaEvent, SanitizeEvent, ValidateSanitizationEvent } from '@recert/lifecycle';
import type { TrailEntry } from '@recert/audit';
import type { Admitted } from '../command-context';
import { LIFECYCLE_STARTED } from '../genesis';
import { admitted } from './admitted';
import type { EvidenceContext } from './evidence-context';

/** SANITIZE: the unit's media (one read with its serial), and its earlier wipes and validations only for a medium it has and has attempted before. */
export async function admitSanitize(ev: EvidenceContext, event: SanitizeEvent): Promise<Admitted> {
  const media = await ev.media();
  const hostSerial = await ev.hostSerial();
  const known = media.some((m) => m.serial === event.mediumSerial);
  const earlierSanitizations =
    known && wasAttempted(ev.context, event.mediumSerial)
      ? [...(await carriedSanitizations(ev)), ...(await ev.trail('SANITIZE', 'VALIDATE_SANITIZATION'))]
      : [];
  return admitted(judgeSanitize({ media, hostSerial, context: ev.context, earlierSanitizations }, event));
}

/** VALIDATE_SANITIZATION: the wipes recorded, and who validates. */
export async function admitValidation(ev: EvidenceContext, event: ValidateSanitizationEvent): Promise<Admitted> {
  return admitted(judgeValidation({ sanitizations: await ev.trail('SANITIZE'), validatorUserId: ev.caller.userId }, event));
}

/** DESTROY_MEDIA: the unit's media and serial. */
export async function admitDestruction(ev: EvidenceContext, event: DestroyMediaEvent): Promise<Admitted> {
  return admitted(judgeDestruction({ media: await ev.media(), hostSerial: await ev.hostSerial() }, event));
}

/** A harvested drive's wipes on its donor, carried in its first entry: a method that failed there is not tried again. */
async function carriedSanitizations(ev: EvidenceContext): Promise<TrailEntry[]> {
  if (ev.context.entry !== 'harvest') return [];
  const [started] = await ev.trail(LIFECYCLE_STARTED);
  const carried = (started?.payload.carried as { sanitizations?: Array<Record<string, unknown>> } | undefined)?.sanitizations ?? [];
  return carried.map((payload) => ({ seq: 0, eventType: 'SANITIZE', payload, userId: null, occurredAt: started.occurredAt }));
}

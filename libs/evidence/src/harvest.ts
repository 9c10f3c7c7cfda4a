import { PART_KINDS } from '@recert/lifecycle';
import type { CompleteRepairEvent, HarvestEvent, MediumProgress, UnitContext } from '@recert/lifecycle';
import type { HarvestedPart, MediumFacts, Reason } from './facts';
import { admit, Judgement, refuse } from './judgement';
import { unknownValues } from './vocabulary';

const partKindsUnknown = (parts: Array<{ kind: string }>): Reason[] =>
  unknownValues(
    'part-kind-unknown',
    parts.map((p, i) => [`parts[${i}].kind`, p.kind.trim().toLowerCase()]),
    PART_KINDS,
    'the part kinds',
  );

const DEFAULT_INTERFACE: Record<string, string> = { hdd: 'sata', ssd: 'sata', nvme: 'nvme', emmc: 'emmc', other: 'other' };

/** The donor the parts come from. */
export interface Donor {
  serial: string;
  model: string;
  brand: string;
}

/** Each part as it becomes a unit: its own serial, or the donor's serial + kind + position; a storage part keeps its medium. */
export function harvestedParts(event: HarvestEvent, donor: Pick<Donor, 'serial' | 'model'>): HarvestedPart[] {
  return event.parts.map((p, i) => ({
    kind: p.kind.trim().toLowerCase(),
    serial: (p.serial ?? `${donor.serial}-${p.kind}-${i + 1}`).trim().toUpperCase(),
    model: p.model ?? `${p.kind} from ${donor.model}`,
    ...(p.mediaType ? { mediaType: p.mediaType, interface: (p.interface ?? DEFAULT_INTERFACE[p.mediaType]).trim().toLowerCase() } : {}),
  }));
}

export interface HarvestFacts {
  donor: Donor;
  /** Which of the parts' serials a unit of the donor's brand already has. */
  takenSerials: string[];
  /** The donor's media (its storage_media rows) and its lifecycle's record of each (state, level, attempts). */
  media: MediumFacts[];
  context: UnitContext;
}

/** Kinds of part that hold data: whatever their payload says, they carry a medium. */
export const STORAGE_PART_KINDS = ['ssd', 'hdd', 'nvme', 'emmc', 'sshd', 'drive', 'disk', 'storage', 'flash', 'm2', 'msata'];

const sameSerial = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** A part holds data when its kind is a storage kind, it states a media type, or its serial is one of the donor's media. */
const isStoragePart = (part: HarvestedPart, media: MediumFacts[]) =>
  STORAGE_PART_KINDS.includes(part.kind) || part.mediaType !== undefined || media.some((m) => sameSerial(m.serial, part.serial));

/**
 * HARVEST: every part gets a serial (its own, or the donor's serial + kind + position) that no unit of the
 * brand has yet, since each part becomes a unit of its own with the donor as its lineage.
 */
export function judgeHarvest(facts: HarvestFacts, event: HarvestEvent): Judgement<HarvestEvent> {
  const parts = harvestedParts(event, facts.donor);
  const reasons: Reason[] = partKindsUnknown(event.parts);
  const serials = parts.map((p) => p.serial);
  const repeated = serials.filter((s, i) => serials.indexOf(s) !== i);
  for (const serial of new Set(repeated)) reasons.push({ code: 'part-serial-repeated', message: `${serial} is listed twice` });
  for (const serial of facts.takenSerials)
    reasons.push({ code: 'part-serial-exists', message: `a ${facts.donor.brand} unit ${serial} already exists` });
  const carried = facts.media.filter((m) => facts.context.media.some((p) => p.serial === m.serial));
  const admittedParts = parts.map((part) => {
    if (!isStoragePart(part, facts.media)) return part;
    // The duty to sanitize follows the medium: a storage part takes over one of the donor's media, or is refused.
    const medium = carried.find((m) => sameSerial(m.serial, part.serial));
    if (!medium) {
      const names = carried.map((m) => m.serial).join(', ') || 'none';
      reasons.push({
        code: 'storage-part-medium-unknown',
        message: `the ${part.kind} part ${part.serial} holds data: give it the serial of the donor's medium it is (media of the donor: ${names})`,
      });
      return part;
    }
    const progress = facts.context.media.find((p) => p.serial === medium.serial)!;
    if (progress.status === 'sanitized') {
      reasons.push({
        code: 'medium-awaiting-validation',
        message: `${medium.serial} was sanitized and awaits validation: validate it (or record the failure) on the donor first`,
      });
    }
    if (part.mediaType !== undefined && part.mediaType !== medium.mediaType) {
      reasons.push({ code: 'medium-type-mismatch', message: `${medium.serial} is a ${medium.mediaType} medium, not ${part.mediaType}` });
    }
    const record: MediumProgress = { serial: medium.serial, status: progress.status, level: progress.level, attempts: progress.attempts };
    return { ...part, mediaType: medium.mediaType, interface: medium.interface, medium: record };
  });
  if (reasons.length) return refuse('The harvested parts cannot become units.', reasons);
  return admit({ ...event, parts: admittedParts });
}

/** COMPLETE_REPAIR: every part fitted is of a known kind (the warranty desk looks parts up by kind). */
export function judgeRepair(event: CompleteRepairEvent): Judgement<CompleteRepairEvent> {
  const reasons = partKindsUnknown(event.parts);
  if (reasons.length) return refuse('The repaired parts are not in the vocabulary of part kinds.', reasons);
  return admit(event);
}

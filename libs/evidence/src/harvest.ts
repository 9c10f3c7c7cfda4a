import { PART_KINDS } from '@recert/lifecycle';
import type { CompleteRepairEvent, HarvestEvent } from '@recert/lifecycle';
import type { HarvestedPart, Reason } from './facts';
import { admit, Judgement, refuse } from './judgement';
import { unknownValues } from './vocabulary';

const partKindsUnknown = (parts: Array<{ kind: string }>): Reason[] =>
  unknownValues('part-kind-unknown', parts.map((p, i) => [`parts[${i}].kind`, p.kind.trim().toLowerCase()]), PART_KINDS, 'the part kinds');

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
}

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
  for (const serial of facts.takenSerials) reasons.push({ code: 'part-serial-exists', message: `a ${facts.donor.brand} unit ${serial} already exists` });
  if (reasons.length) return refuse('The harvested parts cannot become units.', reasons);
  return admit({ ...event, parts });
}

/** COMPLETE_REPAIR: every part fitted is of a known kind (the warranty desk looks parts up by kind). */
export function judgeRepair(event: CompleteRepairEvent): Judgement<CompleteRepairEvent> {
  const reasons = partKindsUnknown(event.parts);
  if (reasons.length) return refuse('The repaired parts are not in the vocabulary of part kinds.', reasons);
  return admit(event);
}

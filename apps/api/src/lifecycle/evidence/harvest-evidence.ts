import type { HarvestEvent } from '@recert/lifecycle';
import { DomainErrorCode, Reason, rejected } from '../../common/domain-error';
import type { HarvestedPart } from '@recert/evidence';
import type { Admitted } from '../command-context';
import type { EvidenceContext } from './evidence-context';

const DEFAULT_INTERFACE: Record<string, string> = { hdd: 'sata', ssd: 'sata', nvme: 'nvme', emmc: 'emmc', other: 'other' };

/**
 * HARVEST: every part gets a serial (its own, or the donor's serial + kind + position) that no unit of the
 * brand has yet, since each part becomes a unit of its own with the donor as its lineage.
 */
export async function admitHarvest(ev: EvidenceContext, event: HarvestEvent): Promise<Admitted> {
  const donorSerial = await ev.hostSerial();
  const parts: HarvestedPart[] = event.parts.map((p, i) => ({
    kind: p.kind.trim().toLowerCase(),
    serial: (p.serial ?? `${donorSerial}-${p.kind}-${i + 1}`).trim().toUpperCase(),
    model: p.model ?? `${p.kind} from ${ev.unit.model}`,
    ...(p.mediaType ? { mediaType: p.mediaType, interface: (p.interface ?? DEFAULT_INTERFACE[p.mediaType]).trim().toLowerCase() } : {}),
  }));
  const reasons: Reason[] = [];
  const serials = parts.map((p) => p.serial);
  const repeated = serials.filter((s, i) => serials.indexOf(s) !== i);
  for (const serial of new Set(repeated)) reasons.push({ code: 'part-serial-repeated', message: `${serial} is listed twice` });
  for (const serial of await ev.takenSerials(serials)) reasons.push({ code: 'part-serial-exists', message: `a ${ev.unit.brand} unit ${serial} already exists` });
  if (reasons.length) throw rejected(DomainErrorCode.EvidenceRejected, 'The harvested parts cannot become units.', reasons);
  return { event: { ...event, parts } };
}

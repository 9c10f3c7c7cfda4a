import { harvestedParts, judgeHarvest, judgeRepair } from '@recert/evidence';
import type { CompleteRepairEvent, HarvestEvent } from '@recert/lifecycle';
import type { Admitted } from '../command-context';
import { admitted } from './admitted';
import type { EvidenceContext } from './evidence-context';

/** HARVEST: the donor's serial and media, which of the parts' serials its brand already has, and its media's progress. */
export async function admitHarvest(ev: EvidenceContext, event: HarvestEvent): Promise<Admitted> {
  const donor = { serial: await ev.hostSerial(), model: ev.unit.model, brand: ev.unit.brand };
  const takenSerials = await ev.takenSerials(harvestedParts(event, donor).map((p) => p.serial));
  return admitted(judgeHarvest({ donor, takenSerials, media: await ev.media(), context: ev.context }, event));
}

/** COMPLETE_REPAIR: the part kinds only (no fact to read). */
export async function admitRepair(_ev: EvidenceContext, event: CompleteRepairEvent): Promise<Admitted> {
  return admitted(judgeRepair(event));
}

import { allowedEvents, LifecycleInput, MACHINE_VERSION, restore } from '@recert/lifecycle';
import type { Caller } from '../auth/caller';
import type { CommandTransaction, LockedUnit } from './command.repository';
import { forRole } from './event-permissions';
import type { HarvestedPart } from './evidence/harvest-evidence';
import { genesis } from './genesis';

export const actorOf = (caller: Caller) => ({ keyId: caller.keyId, userId: caller.userId, organisationId: caller.organisationId, role: caller.role });

interface Beginning {
  deviceId: string;
  number: number;
  input: LifecycleInput;
  custodianOrganisationId: string;
  site: string;
  /** The unit's last hash (one chain per unit), or null for a unit's first lifecycle. */
  prevHash: string | null;
  /** What else the first entry says of how the lifecycle began (a part's donor). */
  origin?: Record<string, unknown>;
}

/** A lifecycle that begins inside another unit's command: its LIFECYCLE_STARTED entry, and the unit now points at it. */
async function begin(tx: CommandTransaction, caller: Caller, b: Beginning, requestId: string | null, at: string) {
  const started = genesis({
    deviceId: b.deviceId,
    payload: { input: b.input, takebackId: null, custodianOrganisationId: b.custodianOrganisationId, site: b.site, number: b.number, ...b.origin },
    actor: actorOf(caller), requestId, occurredAt: at, prevHash: b.prevHash,
  });
  await tx.startLifecycle({
    id: started.lifecycleId, deviceId: b.deviceId, number: b.number, takebackId: null, state: started.state, snapshot: started.snapshot,
    machineVersion: MACHINE_VERSION, custodianOrganisationId: b.custodianOrganisationId, site: b.site, lastHash: started.record.hash, startedAt: at,
  });
  await tx.appendAudit(started.record);
  return started;
}

/** A unit back under RMA begins a new lifecycle, already received, with its data considered present again. */
export async function startRmaLifecycle(tx: CommandTransaction, caller: Caller, unit: LockedUnit, site: string, prevHash: string, requestId: string | null, at: string) {
  const started = await begin(tx, caller, {
    deviceId: unit.deviceId, number: unit.number + 1, input: { mediaSerials: await tx.mediaSerials(unit.deviceId), entry: 'rma' },
    custodianOrganisationId: caller.organisationId, site, prevHash,
  }, requestId, at);
  return { id: started.lifecycleId, state: started.state, allowedEvents: forRole(caller.role, allowedEvents(restore(started.snapshot))) };
}

/** Each harvested part becomes a unit whose first lifecycle starts received, naming its donor and the entry that took it. */
export async function createPartUnits(tx: CommandTransaction, caller: Caller, donor: LockedUnit, parts: HarvestedPart[], harvestSeq: number, requestId: string | null, at: string): Promise<string[]> {
  const ids: string[] = [];
  for (const part of parts) {
    const deviceId = await tx.evidence.insertPart(donor.deviceId, donor.brand, part);
    await begin(tx, caller, {
      deviceId, number: 1, input: { mediaSerials: part.mediaType ? [part.serial] : [], entry: 'harvest' },
      custodianOrganisationId: donor.custodianOrganisationId, site: donor.site, prevHash: null,
      origin: { donor: { deviceId: donor.deviceId, lifecycleId: donor.lifecycleId, seq: harvestSeq, kind: part.kind } },
    }, requestId, at);
    ids.push(deviceId);
  }
  return ids;
}

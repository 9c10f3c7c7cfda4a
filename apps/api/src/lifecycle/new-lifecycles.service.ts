import { Injectable } from '@nestjs/common';
import type { HarvestedPart } from '@recert/evidence';
import { allowedEvents, LifecycleInput, MACHINE_VERSION, restore } from '@recert/lifecycle';
import { AuditTrailService } from '../audit/audit-trail.service';
import { actorOf, Caller } from '../auth/caller';
import { forRole } from '../auth/event-permissions';
import type { Transaction } from '../database/transaction';
import { DeviceRecords } from '../devices/device-records.service';
import type { LockedUnit, NextLifecycle } from './command-context';
import { genesis, LIFECYCLE_STARTED } from './genesis';
import { LifecycleRepository } from './lifecycle.repository';

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

/** Where the new lifecycle comes from: the command that starts it. */
export interface Origin {
  tx: Transaction;
  caller: Caller;
  requestId: string | null;
  at: string;
}

/** Lifecycles that begin inside another unit's command: a unit back under RMA, the parts of a harvest. */
@Injectable()
export class NewLifecycles {
  constructor(
    private readonly lifecycles: LifecycleRepository,
    private readonly audit: AuditTrailService,
    private readonly devices: DeviceRecords,
  ) {}

  /** A unit back under RMA begins a new lifecycle, already received, with its data considered present again. */
  async rma(origin: Origin, unit: LockedUnit, site: string, prevHash: string): Promise<NextLifecycle> {
    const mediaSerials = await this.devices.mediaSerials(origin.tx, unit.deviceId);
    const started = await this.begin(origin, {
      deviceId: unit.deviceId,
      number: unit.number + 1,
      input: { mediaSerials, entry: 'rma' },
      custodianOrganisationId: origin.caller.organisationId,
      site,
      prevHash,
    });
    return {
      id: started.lifecycleId,
      state: started.state,
      allowedEvents: forRole(origin.caller.role, allowedEvents(restore(started.snapshot))),
    };
  }

  /** Each harvested part becomes a unit whose first lifecycle starts received, naming its donor and the entry that took it. */
  async parts(origin: Origin, donor: LockedUnit, parts: HarvestedPart[], harvestSeq: number): Promise<string[]> {
    const ids: string[] = [];
    const wipes = parts.some((p) => p.medium) ? await this.donorSanitizations(origin.tx, donor) : [];
    for (const part of parts) {
      const deviceId = await this.devices.insertPart(origin.tx, donor, part);
      // A storage part continues its medium's record (state, level, attempts) and carries the wipes tried on it.
      const medium = part.medium;
      const input: LifecycleInput = medium
        ? { mediaSerials: [medium.serial], media: [medium], entry: 'harvest' }
        : { mediaSerials: [], entry: 'harvest' };
      const carried = medium
        ? { carried: { medium: medium.serial, sanitizations: wipes.filter((w) => w.mediumSerial === medium.serial) } }
        : {};
      await this.begin(origin, {
        deviceId,
        number: 1,
        input,
        custodianOrganisationId: donor.custodianOrganisationId,
        site: donor.site,
        prevHash: null,
        origin: { donor: { deviceId: donor.deviceId, lifecycleId: donor.lifecycleId, seq: harvestSeq, kind: part.kind }, ...carried },
      });
      ids.push(deviceId);
    }
    return ids;
  }

  /** The wipes recorded on the donor's media (its own, and those it carried in as a harvested part itself). */
  private async donorSanitizations(tx: Transaction, donor: LockedUnit): Promise<Array<Record<string, unknown>>> {
    const entries = await this.audit.entries(tx, donor.lifecycleId, [LIFECYCLE_STARTED, 'SANITIZE', 'VALIDATE_SANITIZATION']);
    const carried = (entries[0]?.payload.carried as { sanitizations?: Array<Record<string, unknown>> } | undefined)?.sanitizations ?? [];
    // A wipe whose validation failed is a failure of its method on that medium: it travels as one.
    const invalidated = new Set(
      entries
        .filter((e) => e.eventType === 'VALIDATE_SANITIZATION' && e.payload.result === 'fail')
        .map((e) => Number(e.payload.sanitizationSeq)),
    );
    const own = entries
      .filter((e) => e.eventType === 'SANITIZE')
      .map((e) => ({
        mediumSerial: e.payload.mediumSerial,
        method: e.payload.method,
        result: invalidated.has(e.seq) ? 'fail' : e.payload.result,
        level: invalidated.has(e.seq) ? null : (e.payload.level ?? null),
        lifecycleId: donor.lifecycleId,
        seq: e.seq,
        ...(invalidated.has(e.seq) ? { validation: 'fail' } : {}),
      }));
    return [...carried, ...own];
  }

  /** The lifecycle's row and its LIFECYCLE_STARTED entry; the unit now points at it. */
  private async begin(origin: Origin, b: Beginning) {
    const started = genesis({
      deviceId: b.deviceId,
      payload: {
        input: b.input,
        takebackId: null,
        custodianOrganisationId: b.custodianOrganisationId,
        site: b.site,
        number: b.number,
        ...b.origin,
      },
      actor: actorOf(origin.caller),
      requestId: origin.requestId,
      occurredAt: origin.at,
      prevHash: b.prevHash,
    });
    await this.lifecycles.startLifecycle(origin.tx, {
      id: started.lifecycleId,
      deviceId: b.deviceId,
      number: b.number,
      takebackId: null,
      state: started.state,
      snapshot: started.snapshot,
      machineVersion: MACHINE_VERSION,
      custodianOrganisationId: b.custodianOrganisationId,
      site: b.site,
      lastHash: started.record.hash,
      startedAt: origin.at,
    });
    await this.audit.append(origin.tx, [started.record]);
    return started;
  }
}

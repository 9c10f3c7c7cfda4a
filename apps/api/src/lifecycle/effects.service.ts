import { Injectable } from '@nestjs/common';
import type { HashedAuditRecord } from '@recert/audit';
import type { HarvestedPart } from '@recert/evidence';
import type { Effect, EffectName, EffectParams } from '@recert/lifecycle';
import type { Caller } from '../auth/caller';
import { CertificateIssuer } from '../certificates/certificate-issuer.service';
import type { Transaction } from '../database/transaction';
import { TakebackItems } from '../takebacks/takeback-items.service';
import { WarrantySchedule } from '../warranty/warranty-schedule.service';
import type { EffectResults, LockedUnit } from './command-context';
import { LifecycleRepository } from './lifecycle.repository';
import { NewLifecycles } from './new-lifecycles.service';

/** What every effect handler is given: the command's transaction and the entry the event just appended. */
export interface EffectContext {
  tx: Transaction;
  caller: Caller;
  unit: LockedUnit;
  entry: HashedAuditRecord;
  requestId: string | null;
}

type Handler<K extends EffectName> = (ctx: EffectContext, params: EffectParams[K]) => Promise<EffectResults | void>;

/**
 * The one table of effect handlers: the machine names the effects of an event (its actions), the pipeline runs
 * them here, in order, inside the command's transaction. A new effect that has no handler does not compile.
 */
@Injectable()
export class EffectRunner {
  private readonly handlers: { [K in EffectName]: Handler<K> };

  constructor(
    lifecycles: LifecycleRepository,
    newLifecycles: NewLifecycles,
    takebackItems: TakebackItems,
    warranty: WarrantySchedule,
    certificates: CertificateIssuer,
  ) {
    this.handlers = {
      markTakebackItemReceived: async ({ tx, unit, entry }) => {
        if (unit.takebackId)
          await takebackItems.markReceived(tx, { takebackId: unit.takebackId, deviceId: unit.deviceId, at: entry.occurredAt });
      },
      scheduleWarrantyExpiry: ({ tx, unit }, { endsAt }) =>
        warranty.expireAt(tx, { deviceId: unit.deviceId, lifecycleId: unit.lifecycleId, endsAt }),
      issueCertificate: async ({ tx, unit, entry }, { mediumSerial }) => ({
        certificateId: await certificates.issue(tx, {
          deviceId: unit.deviceId,
          lifecycleId: unit.lifecycleId,
          mediumSerial,
          seq: entry.seq,
          hash: entry.hash,
        }),
      }),
      pinProgramme: ({ tx, unit }, { programmeId, programmeVersion }) =>
        lifecycles.pinProgramme(tx, unit.lifecycleId, { id: programmeId, version: programmeVersion }),
      // The evidence rules gave every part its serial and model before the machine saw the event.
      createPartUnits: async (ctx, { parts }) => ({
        createdDeviceIds: await newLifecycles.parts(originOf(ctx), ctx.unit, parts as HarvestedPart[], ctx.entry.seq),
      }),
      startRmaLifecycle: async (ctx, { site }) => ({
        nextLifecycle: await newLifecycles.rma(originOf(ctx), ctx.unit, site, ctx.entry.hash),
      }),
    };
  }

  /** Runs the effects in the order the machine gave them; what they produced goes into the event's answer. */
  async run(ctx: EffectContext, effects: Effect[]): Promise<EffectResults> {
    const results: EffectResults = {};
    for (const effect of effects) {
      const handler = this.handlers[effect.type] as Handler<typeof effect.type>;
      Object.assign(results, await handler(ctx, effect.params as never));
    }
    return results;
  }
}

const originOf = (ctx: EffectContext) => ({ tx: ctx.tx, caller: ctx.caller, requestId: ctx.requestId, at: ctx.entry.occurredAt });

import { Injectable } from '@nestjs/common';
import { restore } from '@recert/lifecycle';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { invalidInput } from '../common/validation';
import { AuditTrailService } from '../audit/audit-trail.service';
import { CarbonLedger } from '../carbon/carbon-ledger.service';
import { Transaction, Transactions } from '../database/transaction';
import type { LockedUnit } from '../lifecycle/command-context';
import { LifecycleCommandService } from '../lifecycle/lifecycle-command.service';
import type { RmaResolutionDto, RmaResolutionResultDto } from './rma-resolution.dto';

interface OriginalSale {
  endsAt: string;
  /** The terms of the warranty the claim was made under, which a replacement takes over. */
  terms: { months: number | null; programme: string | null; doaDays: number };
  buyer: string | null;
  market: string | null;
  rmaNumber: string | null;
  lifecycleId: string;
}

/**
 * How a returned unit's RMA ended. Repaired or no fault found: the claimant's warranty goes on to its original
 * end (the unit's return carries it). Replaced: a listed unit is sold to the claimant with the rest of that
 * warranty, in the same transaction. Refunded: the warranty ends. Recorded in the returned unit's trail.
 */
@Injectable()
export class RmaResolutionService {
  constructor(
    private readonly transactions: Transactions,
    private readonly lifecycle: LifecycleCommandService,
    private readonly audit: AuditTrailService,
    private readonly carbon: CarbonLedger,
  ) {}

  resolve(caller: Caller, deviceId: string, input: RmaResolutionDto, requestId: string | null): Promise<RmaResolutionResultDto> {
    if ((input.outcome === 'replaced') !== (input.replacementDeviceId !== undefined)) {
      throw invalidInput([{ path: 'replacementDeviceId', messages: ['a replacement unit is named exactly when the outcome is replaced'] }]);
    }
    return this.transactions.run(async (tx) => {
      const unit = await this.lifecycle.lock(tx, caller, deviceId);
      const original = await this.originalSale(tx, unit);
      const resolutions = await this.audit.entries(tx, unit.lifecycleId, ['RMA_RESOLVED']);
      if (resolutions.length > 0) throw new DomainError(DomainErrorCode.RmaAlreadyResolved, 'This RMA is already resolved.');
      let replacementDeviceId: string | null = null;
      if (input.outcome === 'replaced') {
        replacementDeviceId = input.replacementDeviceId!;
        const sale = {
          type: 'SELL',
          orderReference: `RMA ${original.rmaNumber ?? unit.lifecycleId}`,
          buyer: original.buyer ?? 'RMA claimant',
          market: original.market ?? unit.market ?? 'ZZ',
          warrantyTransfer: {
            fromDeviceId: unit.deviceId,
            fromLifecycleId: original.lifecycleId,
            endsAt: original.endsAt,
            ...original.terms,
          },
        } as const;
        // Performed as part of this operation: the warranty desk's permission to resolve covers the sale.
        const causedBy = { operation: 'rma-resolution', deviceId: unit.deviceId, lifecycleId: unit.lifecycleId } as const;
        await this.lifecycle.applyWithin(tx, caller, { deviceId: replacementDeviceId, event: sale, options: { requestId, causedBy } });
      }
      const warrantyEndsAt = input.outcome === 'refunded' ? null : original.endsAt;
      const payload = {
        outcome: input.outcome,
        reference: input.reference ?? null,
        note: input.note ?? null,
        rmaNumber: original.rmaNumber,
        warranty: { originalEndsAt: original.endsAt, endsAt: warrantyEndsAt, transferredTo: replacementDeviceId },
        // A refund undoes the sale: its avoided claim is reversed by a compensating entry, never edited.
        ...(input.outcome === 'refunded' ? withFigures(await this.carbon.refundReversal(tx, unit)) : {}),
      };
      await this.lifecycle.recordOnly(tx, caller, unit, { type: 'RMA_RESOLVED', payload, requestId });
      return {
        deviceId,
        lifecycleId: unit.lifecycleId,
        outcome: input.outcome,
        warrantyEndsAt,
        replacementDeviceId,
        seq: unit.lastSeq + 1,
      };
    });
  }

  /** The sale (or return) whose warranty the claim was made under: in the lifecycle before this RMA one. */
  private async originalSale(tx: Transaction, unit: LockedUnit): Promise<OriginalSale> {
    const previous =
      restore(unit.snapshot).context.entry === 'rma'
        ? await this.lifecycle.lifecycleNumbered(tx, unit.deviceId, unit.number - 1)
        : undefined;
    const trail = previous ? await this.audit.entries(tx, previous, ['SELL', 'RETURN_TO_OWNER', 'AUTHORIZE_RMA']) : [];
    const sale = [...trail].reverse().find((e) => e.eventType === 'SELL' || e.eventType === 'RETURN_TO_OWNER');
    const warranty = sale?.payload.warranty as
      { endsAt?: string; startsAt?: string; doaEndsAt?: string; months?: number | null; programme?: string | null } | undefined;
    if (!previous || !warranty?.endsAt)
      throw new DomainError(DomainErrorCode.NotUnderRma, 'This unit is not back under an RMA: there is no outcome to record.');
    const rma = [...trail].reverse().find((e) => e.eventType === 'AUTHORIZE_RMA');
    const doaMs = warranty.doaEndsAt && warranty.startsAt ? Date.parse(warranty.doaEndsAt) - Date.parse(warranty.startsAt) : 0;
    return {
      endsAt: warranty.endsAt,
      terms: {
        months: warranty.months ?? null,
        programme: warranty.programme ?? null,
        doaDays: Math.max(0, Math.round(doaMs / 86_400_000)),
      },
      buyer: typeof sale!.payload.buyer === 'string' ? sale!.payload.buyer : null,
      market: typeof sale!.payload.market === 'string' ? sale!.payload.market : null,
      rmaNumber: typeof rma?.payload.rmaNumber === 'string' ? rma.payload.rmaNumber : null,
      lifecycleId: previous,
    };
  }
}

const withFigures = (figures: unknown[]) => (figures.length ? { carbonLedger: figures } : {});

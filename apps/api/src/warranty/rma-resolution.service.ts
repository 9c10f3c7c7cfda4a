import { Injectable } from '@nestjs/common';
import { restore } from '@recert/lifecycle';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { invalidInput } from '../common/validation';
import { CommandRepository, CommandTransaction, LockedUnit } from '../lifecycle/command.repository';
import { LifecycleCommandService } from '../lifecycle/lifecycle-command.service';
import { canActOn } from '../lifecycle/visibility';
import type { RmaResolutionDto, RmaResolutionResultDto } from './rma-resolution.dto';

interface OriginalSale {
  endsAt: string;
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
    private readonly commands: CommandRepository,
    private readonly lifecycle: LifecycleCommandService,
  ) {}

  resolve(caller: Caller, deviceId: string, input: RmaResolutionDto, requestId: string | null): Promise<RmaResolutionResultDto> {
    if ((input.outcome === 'replaced') !== (input.replacementDeviceId !== undefined)) {
      throw invalidInput([{ path: 'replacementDeviceId', messages: ['a replacement unit is named exactly when the outcome is replaced'] }]);
    }
    return this.commands.transaction(async (tx) => {
      const unit = await tx.lockUnit(deviceId);
      if (!unit || !canActOn(caller, unit.custodianOrganisationId)) throw notFound('Device');
      const original = await this.originalSale(tx, unit);
      const resolutions = await tx.evidence.trail(unit.lifecycleId, ['RMA_RESOLVED']);
      if (resolutions.length > 0) throw new DomainError(DomainErrorCode.Conflict, 'This RMA is already resolved.');
      let replacementDeviceId: string | null = null;
      if (input.outcome === 'replaced') {
        replacementDeviceId = input.replacementDeviceId!;
        await this.lifecycle.applyWithin(tx, caller, replacementDeviceId, {
          type: 'SELL', orderReference: `RMA ${original.rmaNumber ?? unit.lifecycleId}`, buyer: original.buyer ?? 'RMA claimant', market: original.market ?? unit.market ?? 'ZZ',
          warrantyTransfer: { fromDeviceId: unit.deviceId, fromLifecycleId: original.lifecycleId, endsAt: original.endsAt },
        }, { requestId });
      }
      const warrantyEndsAt = input.outcome === 'refunded' ? null : original.endsAt;
      const payload = {
        outcome: input.outcome, reference: input.reference ?? null, note: input.note ?? null, rmaNumber: original.rmaNumber,
        warranty: { originalEndsAt: original.endsAt, endsAt: warrantyEndsAt, transferredTo: replacementDeviceId },
      };
      await this.lifecycle.recordOnly(tx, caller, unit, 'RMA_RESOLVED', payload, requestId);
      return { deviceId, lifecycleId: unit.lifecycleId, outcome: input.outcome, warrantyEndsAt, replacementDeviceId, seq: unit.lastSeq + 1 };
    });
  }

  /** The sale (or return) whose warranty the claim was made under: in the lifecycle before this RMA one. */
  private async originalSale(tx: CommandTransaction, unit: LockedUnit): Promise<OriginalSale> {
    const previous = restore(unit.snapshot).context.entry === 'rma' ? await tx.evidence.lifecycleNumbered(unit.deviceId, unit.number - 1) : undefined;
    const trail = previous ? await tx.evidence.trail(previous, ['SELL', 'RETURN_TO_OWNER', 'AUTHORIZE_RMA']) : [];
    const sale = [...trail].reverse().find((e) => e.eventType === 'SELL' || e.eventType === 'RETURN_TO_OWNER');
    const warranty = sale?.payload.warranty as { endsAt?: string } | undefined;
    if (!previous || !warranty?.endsAt) throw new DomainError(DomainErrorCode.Conflict, 'This unit is not back under an RMA: there is no outcome to record.');
    const rma = [...trail].reverse().find((e) => e.eventType === 'AUTHORIZE_RMA');
    return {
      endsAt: warranty.endsAt, buyer: typeof sale!.payload.buyer === 'string' ? sale!.payload.buyer : null,
      market: typeof sale!.payload.market === 'string' ? sale!.payload.market : null, rmaNumber: typeof rma?.payload.rmaNumber === 'string' ? rma.payload.rmaNumber : null,
      lifecycleId: previous,
    };
  }
}

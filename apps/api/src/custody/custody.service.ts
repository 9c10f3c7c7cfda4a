import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { seesEverything } from '../auth/visibility';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { newId } from '../common/uuid';
import { CarbonLedger } from '../carbon/carbon-ledger.service';
import { Transaction, Transactions } from '../database/transaction';
import { IdentityService } from '../identity/identity.service';
import { LifecycleCommandService } from '../lifecycle/lifecycle-command.service';
import { Handoff, CustodyRepository } from './custody.repository';
import { HandoffDto, HandoffListQuery, RequestHandoffDto, toHandoffDto } from './handoff.dto';
import { HANDOFF_STATUSES } from './handoff-list.query';
import { decodeCursor } from '../common/keyset-cursor';
import { keysetPageOf, Page } from '../common/page.dto';
import { assertKnownValues } from '../common/vocabulary';

/**
 * Custody moves only by a two-party hand-off: the custodian requests it, the receiver confirms it. Both steps
 * are entries in the unit's audit trail; the unit's state does not change. A leg named in the request is recorded
 * as a logistics carbon entry when the receiver confirms.
 */
@Injectable()
export class CustodyService {
  constructor(
    private readonly transactions: Transactions,
    private readonly custody: CustodyRepository,
    private readonly lifecycle: LifecycleCommandService,
    private readonly identity: IdentityService,
    private readonly carbon: CarbonLedger,
  ) {}

  request(caller: Caller, deviceId: string, input: RequestHandoffDto, requestId: string): Promise<HandoffDto> {
    const transport = input.transport ? this.carbon.handoffLeg('transport.mode', input.transport) : null;
    return this.transactions.run(async (tx) => {
      const unit = await this.lifecycle.lock(tx, caller, deviceId);
      const kind = await this.identity.organisationKind(tx, input.toOrganisationId);
      if (!kind || kind === 'customer' || input.toOrganisationId === unit.custodianOrganisationId) throw notFound('Receiving organisation');
      if (await this.custody.openHandoff(tx, deviceId))
        throw new DomainError(DomainErrorCode.HandoffPending, 'A hand-off of this unit is already waiting for confirmation.');
      const at = new Date().toISOString();
      const id = newId();
      await this.custody.insertHandoff(tx, {
        id,
        deviceId,
        lifecycleId: unit.lifecycleId,
        from: unit.custodianOrganisationId,
        to: input.toOrganisationId,
        site: input.site,
        userId: caller.userId,
        at,
        transport,
      });
      await this.lifecycle.recordOnly(tx, caller, unit, {
        type: 'CUSTODY_HANDOFF_REQUESTED',
        payload: {
          handoffId: id,
          toOrganisationId: input.toOrganisationId,
          site: input.site,
          ...(transport ? { transport } : {}),
        },
        requestId,
      });
      return toHandoffDto((await this.custody.lockHandoff(tx, id))!);
    });
  }

  confirm(caller: Caller, handoffId: string, requestId: string): Promise<HandoffDto> {
    return this.transactions.run(async (tx) => {
      const handoff = await this.visible(tx, caller, handoffId);
      if (handoff.toOrganisationId !== caller.organisationId) throw notFound('Hand-off');
      if (handoff.status !== 'requested')
        throw new DomainError(DomainErrorCode.HandoffAlreadyConfirmed, 'This hand-off is already confirmed.');
      const unit = await this.lifecycle.lockUnit(tx, handoff.deviceId);
      if (!unit || unit.lifecycleId !== handoff.lifecycleId || unit.custodianOrganisationId !== handoff.fromOrganisationId) {
        throw new DomainError(DomainErrorCode.HandoffStale, 'The unit is no longer where this hand-off found it.');
      }
      const at = new Date().toISOString();
      // The unit physically moved: the leg's logistics figure goes in the entry, under the chain, and into the ledger.
      const carbonLedger = handoff.transport ? [this.carbon.handoffFigure(unit, { id: handoffId, leg: handoff.transport })] : undefined;
      await this.lifecycle.recordOnly(tx, caller, unit, {
        type: 'CUSTODY_TRANSFERRED',
        payload: {
          handoffId,
          fromOrganisationId: handoff.fromOrganisationId,
          toOrganisationId: handoff.toOrganisationId,
          site: handoff.toSite,
          ...(carbonLedger ? { carbonLedger } : {}),
        },
        requestId,
      });
      await this.custody.moveCustody(tx, unit.lifecycleId, handoff.toOrganisationId, handoff.toSite);
      await this.custody.confirmHandoff(tx, handoffId, caller.userId, at);
      return toHandoffDto((await this.custody.lockHandoff(tx, handoffId))!);
    });
  }

  /** Hand-offs from or to the caller's organisation (every one for the platform), oldest request first. */
  list(caller: Caller, query: HandoffListQuery): Promise<Page<HandoffDto>> {
    assertKnownValues([{ field: 'status', value: query.status, allowed: HANDOFF_STATUSES, catalogue: 'requested, confirmed' }]);
    const filter = { status: query.status, deviceId: query.device, toOrganisationId: query.to, fromOrganisationId: query.from };
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const limit = query.limit ?? 50;
    const scope = seesEverything(caller) ? null : caller.organisationId;
    return this.transactions.run(async (tx) => {
      const rows = await this.custody.listHandoffs(tx, filter, scope, after, limit + 1);
      return keysetPageOf(
        rows,
        limit,
        (row) => ({ micros: row.requestedMicros, id: row.id }),
        ({ requestedMicros: _, ...handoff }) => toHandoffDto(handoff),
      );
    });
  }

  get(caller: Caller, handoffId: string): Promise<HandoffDto> {
    return this.transactions.run(async (tx) => toHandoffDto(await this.visible(tx, caller, handoffId)));
  }

  private async visible(tx: Transaction, caller: Caller, handoffId: string): Promise<Handoff> {
    const handoff = await this.custody.lockHandoff(tx, handoffId);
    const party = handoff && [handoff.fromOrganisationId, handoff.toOrganisationId].includes(caller.organisationId);
    if (!handoff || !(party || seesEverything(caller))) throw notFound('Hand-off');
    return handoff;
  }
}

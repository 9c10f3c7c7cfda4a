import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { CommandRepository, CommandTransaction, HandoffRow } from '../lifecycle/command.repository';
import { LifecycleCommandService } from '../lifecycle/lifecycle-command.service';
import { canActOn, seesEverything } from '../lifecycle/visibility';
import { HandoffDto, RequestHandoffDto, toHandoffDto } from './handoff.dto';

/**
 * Custody moves only by a two-party hand-off: the custodian requests it, the receiver confirms it. Both steps
 * are entries in the unit's audit trail; the unit's state does not change.
 */
@Injectable()
export class CustodyService {
  constructor(
    private readonly commands: CommandRepository,
    private readonly lifecycle: LifecycleCommandService,
  ) {}

  request(caller: Caller, deviceId: string, input: RequestHandoffDto, requestId: string): Promise<HandoffDto> {
    return this.commands.transaction(async (tx) => {
      const unit = await tx.lockUnit(deviceId);
      if (!unit || !canActOn(caller, unit.custodianOrganisationId)) throw notFound('Device');
      const kind = await tx.organisationKind(input.toOrganisationId);
      if (!kind || kind === 'customer' || input.toOrganisationId === unit.custodianOrganisationId) throw notFound('Receiving organisation');
      if (await tx.openHandoff(deviceId)) throw new DomainError(DomainErrorCode.Conflict, 'A hand-off of this unit is already waiting for confirmation.');
      const at = new Date().toISOString();
      const id = randomUUID();
      await tx.insertHandoff({ id, deviceId, lifecycleId: unit.lifecycleId, from: unit.custodianOrganisationId, to: input.toOrganisationId, site: input.site, userId: caller.userId, at });
      await this.lifecycle.recordOnly(tx, caller, unit, 'CUSTODY_HANDOFF_REQUESTED', { handoffId: id, toOrganisationId: input.toOrganisationId, site: input.site }, requestId);
      return toHandoffDto((await tx.lockHandoff(id))!);
    });
  }

  confirm(caller: Caller, handoffId: string, requestId: string): Promise<HandoffDto> {
    return this.commands.transaction(async (tx) => {
      const handoff = await this.visible(tx, caller, handoffId);
      if (handoff.to_organisation_id !== caller.organisationId) throw notFound('Hand-off');
      if (handoff.status !== 'requested') throw new DomainError(DomainErrorCode.Conflict, 'This hand-off is already confirmed.');
      const unit = await tx.lockUnit(handoff.device_id);
      if (!unit || unit.lifecycleId !== handoff.lifecycle_id || unit.custodianOrganisationId !== handoff.from_organisation_id) {
        throw new DomainError(DomainErrorCode.Conflict, 'The unit is no longer where this hand-off found it.');
      }
      const at = new Date().toISOString();
      await this.lifecycle.recordOnly(tx, caller, unit, 'CUSTODY_TRANSFERRED', {
        handoffId, fromOrganisationId: handoff.from_organisation_id, toOrganisationId: handoff.to_organisation_id, site: handoff.to_site,
      }, requestId);
      await tx.moveCustody(unit.lifecycleId, handoff.to_organisation_id, handoff.to_site);
      await tx.confirmHandoff(handoffId, caller.userId, at);
      return toHandoffDto((await tx.lockHandoff(handoffId))!);
    });
  }

  get(caller: Caller, handoffId: string): Promise<HandoffDto> {
    return this.commands.transaction(async (tx) => toHandoffDto(await this.visible(tx, caller, handoffId)));
  }

  private async visible(tx: CommandTransaction, caller: Caller, handoffId: string): Promise<HandoffRow> {
    const handoff = await tx.lockHandoff(handoffId);
    const party = handoff && [handoff.from_organisation_id, handoff.to_organisation_id].includes(caller.organisationId);
    if (!handoff || !(party || seesEverything(caller))) throw notFound('Hand-off');
    return handoff;
  }
}

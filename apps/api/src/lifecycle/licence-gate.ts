import { Injectable } from '@nestjs/common';
import { CAPABILITY_OF_EVENT, decideAmong, quotaPeriod } from '@recert/licensing';
import type { LifecycleEvent, UnitContext } from '@recert/lifecycle';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import type { CommandTransaction, LockedUnit } from './command.repository';

/** What the audit entry keeps of the decision a partner's command was allowed under. */
export type LicenceRecord = { licenceId: string; version: number; capability: string; allowed: true };

/**
 * Every command from a partner is decided against its licences, inside the command's transaction: the quota
 * counter is locked and counted there, so concurrent certifications cannot overshoot it.
 */
@Injectable()
export class LicenceGate {
  async decide(tx: CommandTransaction, caller: Caller, unit: LockedUnit, context: UnitContext, event: LifecycleEvent): Promise<LicenceRecord | null> {
    if (caller.organisationKind !== 'partner') return null;
    const capability = CAPABILITY_OF_EVENT[event.type];
    const at = new Date();
    const period = quotaPeriod(at);
    const licences = await tx.partnerLicences(caller.organisationId);
    const used = new Map<string, number>();
    for (const licence of licences) {
      if (licence.quotas.some((q) => q.capability === capability)) used.set(licence.licenceId, await tx.lockQuota(licence.licenceId, capability, unit.brand, period));
    }
    const facts = {
      brand: unit.brand,
      deviceClass: unit.deviceClass,
      model: unit.model,
      market: marketOf(event) ?? unit.market ?? undefined,
      alreadySold: /^(sold|returnedToOwner)\b/.test(unit.state),
      sanitizationLevel: event.type === 'SANITIZE' ? event.level : undefined,
      grade: event.type === 'CERTIFY' ? (typeof event.grade === 'string' ? event.grade : context.grade) : undefined,
      partsConditions: event.type === 'COMPLETE_REPAIR' ? event.parts.map((p) => p.condition) : undefined,
      programme: event.type === 'CERTIFY' && typeof event.programmeCode === 'string' ? { code: event.programmeCode, oemOrganisationId: String(event.programmeOemId) } : undefined,
    };
    const decision = decideAmong(licences, capability, facts, at, (id) => ({ [capability]: used.get(id) ?? 0 }));
    if (!decision?.allowed) {
      throw new DomainError(DomainErrorCode.LicenceDenied, `Your licence does not allow ${event.type} (${capability}) for this unit.`, {
        capability,
        licenceId: decision?.licenceId ?? null,
        licenceVersion: decision?.version ?? null,
        reasons: decision?.reasons ?? [{ code: 'no-licence', message: 'your organisation holds no licence' }],
      });
    }
    if (used.has(decision.licenceId)) await tx.countQuota(decision.licenceId, capability, unit.brand, period);
    return { licenceId: decision.licenceId, version: decision.version, capability, allowed: true };
  }
}

const marketOf = (event: LifecycleEvent): string | undefined => {
  const market = (event as { market?: unknown }).market;
  return typeof market === 'string' ? market : undefined;
};

import { Injectable } from '@nestjs/common';
import { CAPABILITY_OF_EVENT, decideAmong, quotaPeriod } from '@recert/licensing';
import type { LifecycleEvent, UnitContext } from '@recert/lifecycle';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import type { Transaction } from '../database/transaction';
import { DenialLogRepository } from './denial-log.repository';
import { LicenceDecisionRepository } from './licence-decision.repository';

/** What the audit entry keeps of the decision a partner's command was allowed under. */
export type LicenceRecord = { licenceId: string; version: number; capability: string; allowed: true };

/** The unit as a licence sees it. */
export interface LicensedUnit {
  deviceId: string;
  brand: string;
  deviceClass: string;
  model: string;
  /** The takeback's market, if it named one. */
  market: string | null;
  state: string;
  context: UnitContext;
}

/**
 * Every command from a partner is decided against its licences, inside the command's transaction: the quota
 * counter is locked and counted there, so concurrent certifications cannot overshoot it.
 */
@Injectable()
export class LicenceGate {
  constructor(
    private readonly decisions: LicenceDecisionRepository,
    private readonly denials: DenialLogRepository,
  ) {}

  async decide(tx: Transaction, caller: Caller, unit: LicensedUnit, event: LifecycleEvent): Promise<LicenceRecord | null> {
    if (caller.organisationKind !== 'partner') return null;
    const capability = CAPABILITY_OF_EVENT[event.type];
    const at = new Date();
    const period = quotaPeriod(at);
    const licences = await this.decisions.partnerLicences(tx, caller.organisationId);
    const used = new Map<string, number>();
    for (const licence of licences) {
      if (licence.quotas.some((q) => q.capability === capability)) {
        used.set(
          licence.licenceId,
          await this.decisions.lockQuota(tx, { licenceId: licence.licenceId, capability, brand: unit.brand, period }),
        );
      }
    }
    const facts = {
      brand: unit.brand,
      deviceClass: unit.deviceClass,
      model: unit.model,
      market: marketOf(event) ?? unit.market ?? undefined,
      alreadySold: /^(sold|returnedToOwner)\b/.test(unit.state),
      sanitizationLevel: event.type === 'SANITIZE' ? event.level : undefined,
      grade: event.type === 'CERTIFY' ? (typeof event.grade === 'string' ? event.grade : unit.context.grade) : undefined,
      partsConditions: event.type === 'COMPLETE_REPAIR' ? event.parts.map((p) => p.condition) : undefined,
      programme:
        event.type === 'CERTIFY' && typeof event.programmeCode === 'string'
          ? { code: event.programmeCode, oemOrganisationId: String(event.programmeOemId) }
          : undefined,
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
    if (used.has(decision.licenceId))
      await this.decisions.countQuota(tx, { licenceId: decision.licenceId, capability, brand: unit.brand, period });
    return { licenceId: decision.licenceId, version: decision.version, capability, allowed: true };
  }

  /**
   * A licence denial goes to the security log — after the command's transaction has ended, so that the log's
   * own connection is never awaited while this one is held (a full pool would otherwise wait on itself).
   * Rethrows the error it was given.
   */
  async logDenial(
    error: unknown,
    attempt: { caller: Caller; deviceId: string; eventType: string; requestId: string | null },
  ): Promise<never> {
    if (error instanceof DomainError && error.code === DomainErrorCode.LicenceDenied) {
      const { caller } = attempt;
      await this.denials.append({
        organisationId: caller.organisationId,
        userId: caller.userId,
        keyId: caller.keyId,
        deviceId: attempt.deviceId,
        eventType: attempt.eventType,
        licenceId: (error.extensions.licenceId as string | null) ?? null,
        licenceVersion: (error.extensions.licenceVersion as number | null) ?? null,
        reasons: error.extensions.reasons,
        requestId: attempt.requestId,
      });
    }
    throw error;
  }
}

const marketOf = (event: LifecycleEvent): string | undefined => {
  const market = (event as { market?: unknown }).market;
  return typeof market === 'string' ? market : undefined;
};

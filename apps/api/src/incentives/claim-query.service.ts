import { Injectable } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode, notFound } from '../common/domain-error';
import { Transactions } from '../database/transaction';
import type { ClaimDto, ClaimLineDto, ClaimLinePageDto } from './incentive.dto';
import type { ClaimLineRow, ClaimRow, TransitionRow } from './incentive.types';
import { IncentiveRepository } from './incentive.repository';

/** Who sees a claim: the partner that filed it, the programme's OEM, and the platform operator. Others get 404. */
export const seesClaim = (caller: Caller, claim: { partnerOrganisationId: string; oemOrganisationId: string }) =>
  caller.organisationKind === 'platform' ||
  caller.organisationId === claim.partnerOrganisationId ||
  caller.organisationId === claim.oemOrganisationId;

@Injectable()
export class ClaimQueryService {
  constructor(
    private readonly transactions: Transactions,
    private readonly incentives: IncentiveRepository,
  ) {}

  async visible(caller: Caller, claimId: string): Promise<ClaimRow> {
    const claim = await this.transactions.run((tx) => this.incentives.claim(tx, claimId));
    if (!claim || !seesClaim(caller, claim)) throw notFound('Claim');
    return claim;
  }

  async get(caller: Caller, claimId: string): Promise<ClaimDto> {
    const claim = await this.visible(caller, claimId);
    const transitions = await this.transactions.run((tx) => this.incentives.transitions(tx, claimId));
    return toClaimDto(claim, transitions);
  }

  async lines(caller: Caller, claimId: string, cursor: string | undefined, limit: number): Promise<ClaimLinePageDto> {
    await this.visible(caller, claimId);
    const rows = await this.transactions.run((tx) => this.incentives.lines(tx, claimId, cursor ?? null, limit + 1));
    const page = rows.slice(0, limit);
    return { items: page.map(toLineDto), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  /** A programme's claims as the caller may see them: a partner its own, the OEM all, others none. */
  async list(caller: Caller, programmeId: string, query: { partnerOrganisationId?: string; period?: string }): Promise<ClaimDto[]> {
    const scope = await this.scopeOf(caller, programmeId, query.partnerOrganisationId);
    const rows = await this.transactions.run((tx) =>
      this.incentives.claims(tx, { programmeId, partnerOrganisationId: scope, period: query.period }),
    );
    return rows.map((r) => toClaimDto(r, []));
  }

  /** The partner a caller may ask about under a programme (undefined: every partner, for its OEM and the platform). */
  async scopeOf(caller: Caller, programmeId: string, partnerOrganisationId: string | undefined): Promise<string | undefined> {
    const programme = await this.transactions.run((tx) => this.incentives.programme(tx, programmeId));
    if (!programme) throw notFound('Incentive programme');
    if (caller.organisationKind === 'platform' || caller.organisationId === programme.oemOrganisationId) return partnerOrganisationId;
    if (caller.organisationKind !== 'partner')
      throw new DomainError(DomainErrorCode.Forbidden, "Only partners and the programme's OEM see its claims.");
    if (partnerOrganisationId && partnerOrganisationId !== caller.organisationId) throw notFound('Partner');
    return caller.organisationId;
  }
}

export function toClaimDto(claim: ClaimRow, transitions: TransitionRow[]): ClaimDto {
  return {
    id: claim.id,
    reference: claim.reference,
    programmeId: claim.programmeId,
    programmeVersion: claim.programmeVersion,
    oemOrganisationId: claim.oemOrganisationId,
    partnerOrganisationId: claim.partnerOrganisationId,
    period: claim.period,
    periodStart: claim.periodStart.toISOString(),
    periodEnd: claim.periodEnd.toISOString(),
    currency: claim.currency,
    status: claim.status,
    qualifyingUnits: claim.qualifyingUnits,
    qualifyingMinor: claim.qualifyingMinor,
    clawbackMinor: claim.clawbackMinor,
    totalMinor: claim.totalMinor,
    arithmetic: claim.arithmetic,
    filedByUserId: claim.filedByUserId,
    filedAt: claim.filedAt.toISOString(),
    rejectionReason: claim.rejectionReason,
    paymentReference: claim.paymentReference,
    transitions: transitions.map((t) => ({
      from: t.fromStatus,
      to: t.toStatus,
      actor: t.actor,
      reason: t.reason,
      paymentReference: t.paymentReference,
      occurredAt: t.occurredAt.toISOString(),
    })),
  };
}

export const toLineDto = (l: ClaimLineRow): ClaimLineDto => ({
  id: l.id,
  kind: l.kind,
  deviceId: l.deviceId,
  lifecycleId: l.lifecycleId,
  eventType: l.eventType,
  seq: l.entrySeq,
  entryHash: l.entryHash,
  occurredAt: l.occurredAt ? l.occurredAt.toISOString() : null,
  amountMinor: l.amountMinor,
  reason: l.reason,
  arithmetic: l.arithmetic,
  reversesLineId: l.reversesLineId,
  adjustsClaimId: l.adjustsClaimId,
});

import type { IncentiveTerms } from '@recert/incentives';

export interface IncentiveProgrammeRow {
  id: string;
  oemOrganisationId: string;
  code: string;
  createdAt: Date;
}

export interface IncentiveVersionRow {
  programmeId: string;
  version: number;
  terms: IncentiveTerms;
  effectiveFrom: Date;
  createdByUserId: string;
  createdAt: Date;
}

export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type LineKind = 'qualifying' | 'rejected' | 'clawback' | 'tier_adjustment';

export interface ClaimRow {
  id: string;
  reference: string;
  programmeId: string;
  programmeVersion: number;
  oemOrganisationId: string;
  partnerOrganisationId: string;
  period: string;
  periodStart: Date;
  periodEnd: Date;
  currency: string;
  status: ClaimStatus;
  qualifyingUnits: number;
  qualifyingMinor: number;
  clawbackMinor: number;
  totalMinor: number;
  arithmetic: string;
  filedByUserId: string;
  filedAt: Date;
  rejectionReason: string | null;
  paymentReference: string | null;
}

export interface NewClaimLine {
  kind: LineKind;
  auditEventId: string | null;
  deviceId: string | null;
  lifecycleId: string | null;
  eventType: string | null;
  entrySeq: number | null;
  entryHash: string | null;
  occurredAt: Date | null;
  amountMinor: number;
  reason: string | null;
  arithmetic: string | null;
  reversesLineId: string | null;
  adjustsClaimId: string | null;
}

export interface ClaimLineRow extends NewClaimLine {
  id: string;
  claimId: string;
}

export interface TransitionRow {
  fromStatus: ClaimStatus | null;
  toStatus: ClaimStatus;
  actor: Record<string, unknown>;
  reason: string | null;
  paymentReference: string | null;
  occurredAt: Date;
}

/** A trail entry a statement considers: who recorded it, under which licence, and what it says of the unit. */
export interface CandidateEntry {
  auditEventId: string;
  deviceId: string;
  lifecycleId: string;
  seq: number;
  eventType: string;
  hash: string;
  occurredAt: Date;
  licensed: boolean;
  claimedBy: string | null;
  reversed: boolean;
  dealPrice: string | null;
  dealCurrency: string | null;
}

/** A line already claimed that a later entry of the unit's trail reverses. */
export interface ReversalCandidate {
  lineId: string;
  claimId: string;
  claimPeriod: string;
  claimVersion: number;
  amountMinor: number;
  reversalEventId: string;
  deviceId: string;
  lifecycleId: string;
  seq: number;
  eventType: string;
  hash: string;
  occurredAt: Date;
}

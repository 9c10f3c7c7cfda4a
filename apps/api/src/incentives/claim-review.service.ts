import { Injectable } from '@nestjs/common';
import { actorOf, Caller } from '../auth/caller';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { Transactions } from '../database/transaction';
import { hashAuditRecord } from '@recert/audit';
import { HistoryService } from '../audit/history.service';
import type { ClaimVerificationDto } from './incentive.dto';
import type { ClaimRow, ClaimStatus } from './incentive.types';
import { ClaimQueryService } from './claim-query.service';
import { IncentiveRepository } from './incentive.repository';

/** Which status a review step leaves from and goes to. */
const STEPS = {
  approve: { from: 'submitted', to: 'approved' },
  reject: { from: 'submitted', to: 'rejected' },
  pay: { from: 'approved', to: 'paid' },
} as const satisfies Record<string, { from: ClaimStatus; to: ClaimStatus }>;

/**
 * Review and payment by the OEM's programme managers: submitted → approved | rejected (reason) → paid (payment
 * reference). Each step is recorded with its actor. A claim whose evidence no longer verifies is not approved.
 */
@Injectable()
export class ClaimReviewService {
  constructor(
    private readonly transactions: Transactions,
    private readonly incentives: IncentiveRepository,
    private readonly claims: ClaimQueryService,
    private readonly history: HistoryService,
  ) {}

  /** Each cited entry must be in its unit's chain with the cited hash, and each unit's chain must verify. */
  async verify(caller: Caller, claimId: string): Promise<ClaimVerificationDto> {
    await this.claims.visible(caller, claimId);
    return this.verifyEvidence(claimId);
  }

  async approve(caller: Caller, claimId: string) {
    const claim = await this.reviewable(caller, claimId);
    if (claim.status === 'submitted') {
      const evidence = await this.verifyEvidence(claimId);
      if (!evidence.ok)
        throw new DomainError(
          DomainErrorCode.ClaimEvidenceBroken,
          `The claim's evidence does not verify (${evidence.failures.length} unit(s)); it cannot be approved.`,
          {
            failures: evidence.failures.slice(0, 50),
          },
        );
    }
    return this.step(caller, claimId, 'approve', {});
  }

  async reject(caller: Caller, claimId: string, reason: string) {
    await this.reviewable(caller, claimId);
    return this.step(caller, claimId, 'reject', { rejectionReason: reason });
  }

  async pay(caller: Caller, claimId: string, paymentReference: string) {
    await this.reviewable(caller, claimId);
    return this.step(caller, claimId, 'pay', { paymentReference });
  }

  private async reviewable(caller: Caller, claimId: string): Promise<ClaimRow> {
    const claim = await this.claims.visible(caller, claimId);
    if (claim.oemOrganisationId !== caller.organisationId)
      throw new DomainError(DomainErrorCode.Forbidden, "Only the programme's OEM reviews and pays its claims.");
    return claim;
  }

  private async step(
    caller: Caller,
    claimId: string,
    name: keyof typeof STEPS,
    change: { rejectionReason?: string; paymentReference?: string },
  ) {
    const { from, to } = STEPS[name];
    await this.transactions.run(async (tx) => {
      const claim = (await this.incentives.claim(tx, claimId, true))!;
      if (claim.status !== from || !(await this.incentives.setStatus(tx, claimId, { from, to, ...change })))
        throw new DomainError(DomainErrorCode.InvalidTransition, `A ${claim.status} claim cannot be ${to}; only a ${from} one.`, {
          claimStatus: claim.status,
        });
      await this.incentives.insertTransition(tx, claimId, {
        fromStatus: from,
        toStatus: to,
        actor: actorOf(caller),
        reason: change.rejectionReason ?? null,
        paymentReference: change.paymentReference ?? null,
      });
    });
    return this.claims.get(caller, claimId);
  }

  private async verifyEvidence(claimId: string): Promise<ClaimVerificationDto> {
    const cited = await this.transactions.run((tx) => this.incentives.citedEntries(tx, claimId));
    const byDevice = new Map<string, typeof cited>();
    for (const entry of cited) byDevice.set(entry.deviceId, [...(byDevice.get(entry.deviceId) ?? []), entry]);
    const failures: Array<{ deviceId: string; reason: string }> = [];
    for (const [deviceId, entries] of byDevice) {
      for (const entry of entries) {
        const record = await this.history.entryAt(entry.lifecycleId, entry.seq);
        if (!record) failures.push({ deviceId, reason: `cited entry seq ${entry.seq} is not in the unit's trail` });
        else if (record.hash !== entry.hash || hashAuditRecord(record) !== entry.hash)
          failures.push({ deviceId, reason: `cited entry seq ${entry.seq} no longer has the cited hash` });
      }
      // From the first entry: approval pays money, so an edit before the unit's last checkpoint must show too.
      const verification = await this.history.verifyDevice(deviceId, { full: true });
      if (!verification.ok)
        failures.push({ deviceId, reason: `the unit's chain does not verify at seq ${verification.seq}: ${verification.reason}` });
    }
    return { ok: failures.length === 0, citedEntries: cited.length, units: byDevice.size, failures };
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { IdentityService } from '../identity/identity.service';
import { LifecycleCommandService } from '../lifecycle/lifecycle-command.service';
import { WarrantyExpiryRepository } from './warranty-expiry.repository';

export interface ExpiryJob {
  deviceId: string;
  lifecycleId: string;
}

export type ExpiryResult = 'expired' | 'postponed' | 'superseded';

/** A claim still under review when the warranty ends: look again later rather than cut it short. */
const UNDER_CLAIM = /^(sold|returnedToOwner)\.(claimOpen|rmaAuthorized)$/;
export const CLAIM_RECHECK_MS = 86_400_000;

/**
 * Sends EXPIRE_WARRANTY when a warranty's job comes due, as the platform's warranty scheduler (a user of its
 * own, so the trail says who acted). Safe to run twice: a unit already expired, returned under RMA or sold
 * again is left alone.
 */
@Injectable()
export class WarrantyExpiry {
  private readonly logger = new Logger(WarrantyExpiry.name);
  private scheduler?: Promise<Caller>;

  constructor(
    private readonly commands: LifecycleCommandService,
    private readonly expiries: WarrantyExpiryRepository,
    private readonly identity: IdentityService,
  ) {}

  async run(job: ExpiryJob): Promise<ExpiryResult> {
    const unit = await this.expiries.currentLifecycle(job.deviceId);
    if (!unit || unit.lifecycleId !== job.lifecycleId) return 'superseded';
    if (UNDER_CLAIM.test(unit.state)) return 'postponed';
    try {
      await this.commands.apply(
        await this.caller(),
        job.deviceId,
        { type: 'EXPIRE_WARRANTY' },
        { requestId: `warranty-expiry:${job.lifecycleId}` },
      );
      return 'expired';
    } catch (error) {
      // Already expired, or the state moved on since the read above: nothing for this job to do.
      if (error instanceof DomainError && error.code === DomainErrorCode.InvalidTransition)
        return UNDER_CLAIM.test(String(error.extensions.state)) ? 'postponed' : 'superseded';
      throw error;
    }
  }

  private caller(): Promise<Caller> {
    return (this.scheduler ??= this.identity.serviceCaller('warranty-scheduler@platform.recert.invalid', 'Warranty scheduler').then(
      (caller) => {
        this.logger.log('warranty scheduler acting as its platform user');
        return caller;
      },
      (error: unknown) => {
        this.scheduler = undefined;
        throw error;
      },
    ));
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { LifecycleCommandService } from '../lifecycle/lifecycle-command.service';

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
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async run(job: ExpiryJob): Promise<ExpiryResult> {
    const [unit]: Array<{ current: string; state: string }> = await this.dataSource.query(
      `SELECT d.current_lifecycle_id AS current, l.state FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id WHERE d.id = $1`,
      [job.deviceId],
    );
    if (!unit || unit.current !== job.lifecycleId) return 'superseded';
    if (UNDER_CLAIM.test(unit.state)) return 'postponed';
    try {
      await this.commands.apply(await this.caller(), job.deviceId, { type: 'EXPIRE_WARRANTY' }, { requestId: `warranty-expiry:${job.lifecycleId}` });
      return 'expired';
    } catch (error) {
      // Already expired, or the state moved on since the read above: nothing for this job to do.
      if (error instanceof DomainError && error.code === DomainErrorCode.InvalidTransition) return UNDER_CLAIM.test(String(error.extensions.state)) ? 'postponed' : 'superseded';
      throw error;
    }
  }

  private caller(): Promise<Caller> {
    return (this.scheduler ??= this.ensureSchedulerUser().catch((error: unknown) => {
      this.scheduler = undefined;
      throw error;
    }));
  }

  /** The platform's scheduler user (no API key): created once, found afterwards. */
  private async ensureSchedulerUser(): Promise<Caller> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('recert:warranty-scheduler-user'))`);
      let [platform] = await manager.query(`SELECT id FROM organisations WHERE kind = 'platform' ORDER BY created_at LIMIT 1`);
      platform ??= (await manager.query(`INSERT INTO organisations (name, kind) VALUES ('Platform operator', 'platform') RETURNING id`))[0];
      const email = 'warranty-scheduler@platform.recert.invalid';
      let [user] = await manager.query(`SELECT id FROM users WHERE email = $1`, [email]);
      user ??= (await manager.query(`INSERT INTO users (organisation_id, email, name, role) VALUES ($1, $2, 'Warranty scheduler', 'admin') RETURNING id`, [platform.id, email]))[0];
      this.logger.log('warranty scheduler acting as its platform user');
      return { keyId: 'scheduler', userId: user.id, organisationId: platform.id, organisationKind: 'platform', role: 'admin' };
    });
  }
}

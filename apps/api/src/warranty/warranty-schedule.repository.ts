import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/transaction';

/** graphile-worker's task that sends EXPIRE_WARRANTY. */
export const WARRANTY_EXPIRY_TASK = 'expire_warranty';

@Injectable()
export class WarrantyScheduleRepository {
  /**
   * The job that expires the warranty when it ends, added in the command's own transaction (graphile-worker's
   * add_job): a rollback removes it with the sale. One job per lifecycle; a later sale replaces it.
   */
  async scheduleExpiry(tx: Transaction, job: { deviceId: string; lifecycleId: string; endsAt: string }): Promise<void> {
    await tx.query({
      name: 'recert_schedule_expiry',
      text: `SELECT graphile_worker.add_job('${WARRANTY_EXPIRY_TASK}', json_build_object('deviceId', $1::text, 'lifecycleId', $2::text),
                                            run_at => $3::timestamptz, job_key => 'expire-warranty:' || $2::text, max_attempts => 25)`,
      values: [job.deviceId, job.lifecycleId, job.endsAt],
    });
  }
}

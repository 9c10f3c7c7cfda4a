import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { run, Runner, Task } from 'graphile-worker';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { EnvironmentVariables } from '../config/app-config';
import { WARRANTY_EXPIRY_TASK } from './warranty-schedule.repository';
import { CLAIM_RECHECK_MS, ExpiryJob, WarrantyExpiry } from './warranty-expiry';
import { quietWorkerLogger, workerPool } from './worker-logger';

/**
 * Runs the jobs that SELL and RETURN_TO_OWNER schedule, on PostgreSQL with graphile-worker (its own small
 * pool; LISTEN/NOTIFY wakes it, polling is the fallback). Several instances may run: a job is taken once.
 */
@Injectable()
export class WarrantyScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private runner?: Runner;
  private pool?: Pool;

  constructor(
    private readonly expiry: WarrantyExpiry,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('RECERT_SCHEDULER', { infer: true }) === 'off') return;
    const url = (this.dataSource.options as { url?: string }).url;
    this.pool = workerPool(url, 3, 'recert-scheduler');
    const expireWarranty: Task = async (payload, helpers) => {
      const job = payload as ExpiryJob;
      if ((await this.expiry.run(job)) === 'postponed') {
        await helpers.addJob(WARRANTY_EXPIRY_TASK, job, {
          runAt: new Date(Date.now() + CLAIM_RECHECK_MS),
          jobKey: `expire-warranty:${job.lifecycleId}`,
          maxAttempts: 25,
        });
      }
    };
    this.runner = await run({
      pgPool: this.pool,
      taskList: { [WARRANTY_EXPIRY_TASK]: expireWarranty },
      concurrency: 2,
      noHandleSignals: true,
      pollInterval: this.config.get('RECERT_SCHEDULER_POLL_MS', { infer: true }),
      logger: quietWorkerLogger,
    });
  }

  /** Before the database pool closes: the jobs in flight finish first. */
  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
    await this.pool?.end();
  }
}

import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { EnvironmentVariables } from '../config/app-config';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { NO_JIT } from './data-source-options';
import { runTransaction } from './pg-transaction';
import { Transaction } from './transaction';

/**
 * Reports and exports run on their own small pool, read-only, under their own statement timeout, and wait in a
 * bounded queue: however many slow reports are in flight, commands, point reads and readiness keep the main pool.
 */
@Injectable()
export class ReportTransactions implements OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly queueLimit: number;
  private readonly timeoutMs: number;

  constructor(@InjectDataSource() dataSource: DataSource, config: ConfigService<EnvironmentVariables, true>) {
    this.queueLimit = config.get('RECERT_REPORT_QUEUE_LIMIT', { infer: true });
    this.timeoutMs = config.get('RECERT_REPORT_TIMEOUT_MS', { infer: true });
    this.pool = new Pool({
      connectionString: (dataSource.options as { url: string }).url,
      max: config.get('RECERT_REPORT_POOL_SIZE', { infer: true }),
      connectionTimeoutMillis: 5000,
      application_name: 'recert-reports',
      options: NO_JIT,
    });
    // An idle connection the server dropped is replaced on the next checkout; nothing to do but not crash.
    this.pool.on('error', () => undefined);
  }

  /** `work` runs in one read-only transaction on a report connection; 503 at once when the queue is full. */
  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (this.pool.waitingCount >= this.queueLimit) {
      throw new DomainError(DomainErrorCode.Overloaded, 'Too many reports are running; retry after the time given in Retry-After.');
    }
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const tx = new Transaction(client);
      return await runTransaction(
        client,
        (error) => (broken = error instanceof Error ? error : new Error('connection discarded')),
        async () => {
          await tx.query(`SET TRANSACTION READ ONLY`);
          await tx.query(`SET LOCAL statement_timeout = ${Math.trunc(this.timeoutMs)}`);
          return work(tx);
        },
        () => tx.started,
      );
    } finally {
      client.release(broken);
    }
  }

  /** Connections in use and reports waiting, for the metrics and the tests. */
  get load(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

@Global()
@Module({ providers: [ReportTransactions], exports: [ReportTransactions] })
export class ReportPoolModule {}

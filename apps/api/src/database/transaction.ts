import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { isUuid } from '../common/uuid';
import { onClient, runTransaction } from './pg-transaction';

/**
 * One database transaction on one pooled connection: every feature's repository takes it as its first
 * argument, so that a command's statements, whichever features they belong to, commit or roll back together.
 * BEGIN is sent lazily with the first statement.
 */
export class Transaction {
  /** @param begun whether the caller already opened the transaction. */
  constructor(
    private readonly client: PoolClient,
    private begun = false,
  ) {}

  get started(): boolean {
    return this.begun;
  }

  /**
   * A statement whose only values are UUIDs: when it opens the transaction, BEGIN travels with it in one round
   * trip (simple protocol, two statements) instead of two. The UUIDs are checked here, so they stand as literals.
   */
  async opening<R extends QueryResultRow>(sql: string, uuids: string[]): Promise<R[]> {
    for (const id of uuids) if (!isUuid(id)) throw new Error(`not a UUID: ${id}`);
    const text = uuids.reduce((q, id, i) => q.replaceAll(`$${i + 1}`, `'${id}'`), sql);
    if (this.begun) return (await this.client.query<R>(text)).rows;
    const results = (await this.client.query(`BEGIN; ${text}`)) as unknown as Array<QueryResult<R>>;
    this.begun = true;
    return results[1].rows;
  }

  /** Any other statement (named ones are prepared once per connection: the hot path uses them). */
  async query<R extends QueryResultRow = QueryResultRow>(statement: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>> {
    if (!this.begun) {
      await this.client.query('BEGIN');
      this.begun = true;
    }
    return typeof statement === 'string' ? this.client.query<R>(statement, values) : this.client.query<R>(statement);
  }
}

/** Opens transactions on TypeORM's pool. */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `work` runs in one transaction: committed when it resolves, rolled back when it throws. */
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return onClient(this.dataSource, (client, discard) => {
      const tx = new Transaction(client);
      return runTransaction(
        client,
        discard,
        () => work(tx),
        () => tx.started,
      );
    });
  }
}

@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class DatabaseModule {}

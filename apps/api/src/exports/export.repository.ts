import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Keyset } from '../common/keyset-cursor';
import type { DeviceListFilter, ReadScope, SqlQuery } from '../devices/device-list.query';
import { certificateExportQuery, salesExportQuery, unitExportQuery } from './export.query';

export type Row = Record<string, unknown>;

/**
 * The exports' reads, in keyset batches: each batch is one short query on a pooled connection, so a long export
 * never holds a connection (or a snapshot) for its whole duration, and memory holds one batch at a time.
 */
@Injectable()
export class ExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async *units(filter: DeviceListFilter, scope: ReadScope, batch: number): AsyncGenerator<Row[]> {
    yield* this.batches<Keyset>(
      (after) => unitExportQuery(filter, scope, after, batch),
      (row) => ({ micros: String(row.created_micros), id: String(row.id) }),
      batch,
    );
  }

  async *certificates(filter: DeviceListFilter, scope: ReadScope, batch: number): AsyncGenerator<Row[]> {
    yield* this.batches<Keyset>(
      (after) => certificateExportQuery(filter, scope, after, batch),
      (row) => ({ micros: String(row.issued_micros), id: String(row.id) }),
      batch,
    );
  }

  async *sales(filter: DeviceListFilter, scope: ReadScope, batch: number): AsyncGenerator<Row[]> {
    yield* this.batches<string>(
      (after) => salesExportQuery(filter, scope, after, batch),
      (row) => String(row.entry_id),
      batch,
    );
  }

  private async *batches<K>(query: (after: K | undefined) => SqlQuery, keyOf: (row: Row) => K, batch: number): AsyncGenerator<Row[]> {
    let after: K | undefined;
    for (;;) {
      const { text, values } = query(after);
      const rows: Row[] = await this.dataSource.query(text, values);
      if (rows.length > 0) yield rows;
      if (rows.length < batch) return;
      after = keyOf(rows[rows.length - 1]);
    }
  }
}

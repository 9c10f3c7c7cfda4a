import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import type { Caller } from '../auth/caller';
import { assertKnownValues } from '../common/vocabulary';
import { deviceFilterOf } from '../devices/device-filter';
import { readScopeOf } from '../devices/device.service';
import type { DeviceListFilter, ReadScope } from '../devices/device-list.query';
import { CERTIFICATE_COLUMNS, Column, recordOf, SALE_COLUMNS, UNIT_COLUMNS } from './export-columns';
import { EXPORT_FORMATS, ExportFormat, ExportQuery } from './export.dto';
import { ExportRepository, Row } from './export.repository';
import { neutraliseCell } from './csv-injection';

/** Rows per query: small enough that memory stays flat, large enough that round trips do not dominate. */
const BATCH = 2000;

export const CONTENT_TYPES: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' };

export interface ExportStream {
  format: ExportFormat;
  body: Readable;
}

type Source = (filter: DeviceListFilter, scope: ReadScope, batch: number) => AsyncGenerator<Row[]>;

/** `format` wins; otherwise the Accept header picks JSON Lines, else CSV. Unknown format → 422. */
export function exportFormatOf(format: string | undefined, accept: string | undefined): ExportFormat {
  assertKnownValues([{ field: 'format', value: format, allowed: EXPORT_FORMATS, catalogue: 'csv, jsonl' }]);
  if (format !== undefined) return format as ExportFormat;
  return /application\/(x-)?(ndjson|jsonl)/i.test(accept ?? '') ? 'jsonl' : 'csv';
}

/** Exports stream in keyset batches with backpressure: a batch is read only when the client has taken the previous one. */
@Injectable()
export class ExportsService {
  constructor(private readonly exports: ExportRepository) {}

  units = (caller: Caller, query: ExportQuery, accept?: string) =>
    this.stream(caller, query, accept, UNIT_COLUMNS, this.exports.units.bind(this.exports));
  certificates = (caller: Caller, query: ExportQuery, accept?: string) =>
    this.stream(caller, query, accept, CERTIFICATE_COLUMNS, this.exports.certificates.bind(this.exports));
  sales = (caller: Caller, query: ExportQuery, accept?: string) =>
    this.stream(caller, query, accept, SALE_COLUMNS, this.exports.sales.bind(this.exports));

  private async stream(
    caller: Caller,
    query: ExportQuery,
    accept: string | undefined,
    columns: Column[],
    source: Source,
  ): Promise<ExportStream> {
    // Every check, and the first batch, before the first byte: a refused export (bad input, a database error)
    // answers a problem document instead of a 200 cut short.
    const format = exportFormatOf(query.format, accept);
    const filter = deviceFilterOf(query);
    const batches = source(filter, readScopeOf(caller), BATCH);
    const first = await batches.next();
    const records = Readable.from(recordsOf(first.done ? [] : [first.value], batches, columns));
    if (format === 'jsonl') return { format, body: records.map((record) => `${JSON.stringify(record)}\n`) as Readable };
    const csv = stringify({
      header: true,
      columns: columns.map(([name]) => name),
      cast: { string: neutraliseCell, boolean: (value) => String(value), date: (value) => value.toISOString() },
    });
    return { format, body: pipeline(records, csv, () => undefined) };
  }
}

async function* recordsOf(first: Row[][], rest: AsyncGenerator<Row[]>, columns: Column[]): AsyncGenerator<Record<string, unknown>> {
  for (const rows of first) for (const row of rows) yield recordOf(columns, row);
  for await (const rows of rest) for (const row of rows) yield recordOf(columns, row);
}

import { CsvError, parse } from 'csv-parse';
import { Readable, Transform } from 'node:stream';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { FieldError, invalidInput } from '../common/validation';
import { MAX_TAKEBACK_DEVICES } from './manifest-schema';

/** Columns of a manifest CSV; a unit with several media takes one line per medium. */
export const MANIFEST_COLUMNS = [
  'brand',
  'serial',
  'model',
  'deviceClass',
  'assetTag',
  'mediaSerial',
  'mediaType',
  'mediaInterface',
  'mediaCapacityGb',
] as const;
const REQUIRED_COLUMNS = ['brand', 'serial', 'model', 'deviceClass'];
const MAX_LINES = 200_000;

export interface ParsedManifest {
  devices: Array<Record<string, unknown>>;
  /** The first line of each unit, to name it in errors. */
  lineOf: number[];
}

const tooLarge = (limit: number) =>
  new DomainError(DomainErrorCode.PayloadTooLarge, `A CSV manifest may have at most ${limit} bytes.`, { limit });

/** Counts bytes as they pass and fails the stream at the limit, so an endless upload is cut off, not read to the end. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(tooLarge(limit));
      else callback(null, chunk);
    },
  });
}

/**
 * Streams a manifest CSV into plain device objects (validated afterwards like a JSON manifest). Memory stays
 * bounded: at most `limit` bytes, MAX_LINES lines and MAX_TAKEBACK_DEVICES units are read before refusing.
 */
export async function parseManifestCsv(stream: Readable, declaredLength: number | undefined, limit: number): Promise<ParsedManifest> {
  if (declaredLength !== undefined && declaredLength > limit) throw tooLarge(limit);
  const counter = byteLimit(limit);
  let streamError: unknown;
  counter.on('error', (error) => (streamError = error));
  stream.on('error', (error) => counter.destroy(error));
  const parser = stream
    .pipe(counter)
    .pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, max_record_size: 4096, info: true }));
  counter.on('error', (error) => parser.destroy(error));
  const byKey = new Map<string, number>();
  const manifest: ParsedManifest = { devices: [], lineOf: [] };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (manifest.devices.length === 0 && byKey.size === 0) checkColumns(Object.keys(record));
      if (info.lines > MAX_LINES)
        throw invalidInput(
          [{ path: `line ${info.lines}`, messages: [`a CSV manifest may have at most ${MAX_LINES} lines`] }],
          'The CSV manifest is too long.',
        );
      const key = `${record.brand?.toLowerCase()}\u0000${record.serial?.toUpperCase()}`;
      let index = byKey.get(key);
      if (index === undefined) {
        index = manifest.devices.length;
        if (index >= MAX_TAKEBACK_DEVICES) {
          throw invalidInput(
            [{ path: `line ${info.lines}`, messages: [`a takeback may have at most ${MAX_TAKEBACK_DEVICES} units`] }],
            'The CSV manifest has too many units.',
          );
        }
        byKey.set(key, index);
        manifest.lineOf.push(info.lines);
        manifest.devices.push({
          brand: record.brand,
          serial: record.serial,
          model: record.model,
          deviceClass: record.deviceClass,
          ...(record.assetTag ? { assetTag: record.assetTag } : {}),
          media: [],
        });
      }
      if (record.mediaSerial) {
        (manifest.devices[index].media as unknown[]).push({
          serial: record.mediaSerial,
          type: record.mediaType,
          interface: record.mediaInterface,
          ...(record.mediaCapacityGb ? { capacityGb: Number(record.mediaCapacityGb) } : {}),
        });
      }
    }
  } catch (error) {
    stream.unpipe(counter);
    if (streamError instanceof DomainError) throw streamError;
    if (error instanceof DomainError) throw error;
    // Every csv-parse error (their codes do not all start with CSV_: INVALID_OPENING_QUOTE does not).
    if (error instanceof CsvError || (error as { code?: string }).code?.startsWith('CSV_')) {
      const line = (error as { lines?: number }).lines;
      throw invalidInput(
        [{ path: line ? `line ${line}` : 'csv', messages: [(error as Error).message] }],
        'The CSV manifest cannot be read.',
      );
    }
    throw error;
  }
  return manifest;
}

function checkColumns(columns: string[]): void {
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !(MANIFEST_COLUMNS as readonly string[]).includes(c));
  if (missing.length || unknown.length) {
    throw invalidInput(
      [
        {
          path: 'line 1',
          messages: [
            ...(missing.length ? [`missing columns: ${missing.join(', ')}`] : []),
            ...(unknown.length ? [`unknown columns: ${unknown.join(', ')}`] : []),
            `expected columns: ${MANIFEST_COLUMNS.join(',')}`,
          ],
        },
      ],
      'The CSV manifest has the wrong columns.',
    );
  }
}

/** Renames `devices[3].model` into `line 7: model`, so a CSV author knows where to look. */
export function toCsvErrors(errors: FieldError[], lineOf: number[]): FieldError[] {
  return errors.map((e) => {
    const match = /^devices\[(\d+)\]\.?(.*)$/.exec(e.path);
    return match ? { path: `line ${lineOf[Number(match[1])]}${match[2] ? `: ${match[2]}` : ''}`, messages: e.messages } : e;
  });
}

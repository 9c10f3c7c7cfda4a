import { Injectable } from '@nestjs/common';
import type { CarbonKind } from '@recert/carbon';
import type { Transaction } from '../database/transaction';
import { ALL_YEARS } from './carbon-summaries';

/** What a report is about: the subject its summary rows are kept under. */
export type ReportSubject =
  { by: 'customer'; id: string } | { by: 'takeback'; id: string } | { by: 'partner'; id: string } | { by: 'programme'; id: string };

export interface SumRow {
  deviceClass: string;
  kind: CarbonKind;
  month: string;
  factorSet: string;
  kg: number;
  lowKg: number;
  highKg: number;
}

/** A period in whole months: [from, to). Figures are summed by the month they were recorded in (UTC). */
export type MonthRange = { from: string; to: string } | null;

const monthOf = (iso: string) => `${iso.slice(0, 7)}-01`;
const yearsOf = (range: { from: string; to: string }) => [
  Number(range.from.slice(0, 4)),
  Number(new Date(Date.parse(range.to) - 1).toISOString().slice(0, 4)),
];

type Statement = { text: string; values: unknown[] };

/**
 * The three statements of a report, as text and values (the scale benchmark explains exactly these):
 * - sums: carbon_totals, the subject's months × classes × kinds × factor sets × markets;
 * - units: the kept counters for a whole year or for all time (no period). A period spanning several years counts
 *   distinct units over those years' memberships (a unit active in two years is one unit): an indexed range of the
 *   subject's memberships, the one report read that grows with the subject's units;
 * - markets: where the subject's avoided claims were made (the neutrality label's rule depends on them).
 */
export function reportStatements(subject: ReportSubject, range: MonthRange): { sums: Statement; units: Statement; markets: Statement } {
  const months = [subject.by, subject.id, range ? monthOf(range.from) : null, range ? nextMonth(range.to) : null];
  const [first, last] = range ? yearsOf(range) : [ALL_YEARS, ALL_YEARS];
  return {
    sums: {
      text: `SELECT device_class AS "deviceClass", kind, to_char(month, 'YYYY-MM') AS month, factor_set AS "factorSet",
                    sum(kg) AS kg, sum(low_kg) AS "lowKg", sum(high_kg) AS "highKg"
               FROM carbon_totals
              WHERE subject_kind = $1 AND subject_id = $2 AND ($3::date IS NULL OR month >= $3::date) AND ($4::date IS NULL OR month < $4::date)
              GROUP BY 1, 2, 3, 4`,
      values: months,
    },
    units:
      first === last
        ? {
            text: `SELECT device_class AS "deviceClass", units FROM carbon_subject_unit_counts WHERE subject_kind = $1 AND subject_id = $2 AND year = $3`,
            values: [subject.by, subject.id, first],
          }
        : {
            text: `SELECT device_class AS "deviceClass", count(DISTINCT device_id) AS units FROM carbon_subject_units
                    WHERE subject_kind = $1 AND subject_id = $2 AND year BETWEEN $3 AND $4 GROUP BY 1`,
            values: [subject.by, subject.id, first, last],
          },
    markets: {
      text: `SELECT DISTINCT market FROM carbon_totals
              WHERE subject_kind = $1 AND subject_id = $2 AND kind = 'avoided' AND market <> '' AND ($3::date IS NULL OR month >= $3::date) AND ($4::date IS NULL OR month < $4::date)`,
      values: months,
    },
  };
}

/**
 * Report reads: summary rows (carbon_totals, carbon_subject_unit_counts) that every command adds to in its
 * transaction, so a report adds up at most months × classes × kinds rows, whatever the number of units. Never a
 * scan of the trail.
 */
@Injectable()
export class CarbonReportRepository {
  /** A report's summed rows, units per class and claim markets: the three statements of reportStatements, in order. */
  async read(
    tx: Transaction,
    subject: ReportSubject,
    range: MonthRange,
  ): Promise<{ sums: SumRow[]; units: Array<{ deviceClass: string; units: number }>; markets: string[] }> {
    // One connection: the statements run one after the other anyway.
    const { sums, units, markets } = reportStatements(subject, range);
    const summed = await tx.query<SumRow>(sums.text, sums.values);
    const counted = await tx.query<{ deviceClass: string; units: string | number }>(units.text, units.values);
    const claimed = await tx.query<{ market: string }>(markets.text, markets.values);
    return {
      sums: summed.rows,
      units: counted.rows.map((r) => ({ deviceClass: r.deviceClass, units: Number(r.units) })),
      markets: claimed.rows.map((r) => r.market),
    };
  }
}

/** The first day of the month after the one `iso` falls in (a range's end month counts when it is not its first instant). */
function nextMonth(iso: string): string {
  const d = new Date(Date.parse(iso) - 1);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

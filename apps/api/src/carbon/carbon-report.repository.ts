import { Injectable } from '@nestjs/common';
import type { CarbonKind } from '@recert/carbon';
import type { Transaction } from '../database/transaction';

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
const yearsOf = (range: MonthRange) =>
  range ? [Number(range.from.slice(0, 4)), Number(new Date(Date.parse(range.to) - 1).toISOString().slice(0, 4))] : [0, 9999];

/**
 * Report reads: summary rows (carbon_totals, carbon_subject_units) that every command adds to in its transaction, so
 * a report adds up at most months × classes × kinds rows, whatever the number of units. Never a scan of the trail.
 */
@Injectable()
export class CarbonReportRepository {
  async sums(tx: Transaction, subject: ReportSubject, range: MonthRange): Promise<SumRow[]> {
    const { rows } = await tx.query<SumRow>(
      `SELECT device_class AS "deviceClass", kind, to_char(month, 'YYYY-MM') AS month, factor_set AS "factorSet",
              sum(kg) AS kg, sum(low_kg) AS "lowKg", sum(high_kg) AS "highKg"
         FROM carbon_totals
        WHERE subject_kind = $1 AND subject_id = $2 AND ($3::date IS NULL OR month >= $3::date) AND ($4::date IS NULL OR month < $4::date)
        GROUP BY 1, 2, 3, 4`,
      [subject.by, subject.id, range ? monthOf(range.from) : null, range ? nextMonth(range.to) : null],
    );
    return rows;
  }

  async unitsByClass(tx: Transaction, subject: ReportSubject, range: MonthRange): Promise<Array<{ deviceClass: string; units: number }>> {
    const [first, last] = yearsOf(range);
    const { rows } = await tx.query<{ deviceClass: string; units: string }>(
      `SELECT device_class AS "deviceClass", count(DISTINCT device_id) AS units FROM carbon_subject_units
        WHERE subject_kind = $1 AND subject_id = $2 AND year BETWEEN $3 AND $4 GROUP BY 1`,
      [subject.by, subject.id, first, last],
    );
    return rows.map((r) => ({ deviceClass: r.deviceClass, units: Number(r.units) }));
  }

  /** The markets the subject's avoided claims were made in (the neutrality label's rule depends on them). */
  async claimMarkets(tx: Transaction, subject: ReportSubject, range: MonthRange): Promise<string[]> {
    const { rows } = await tx.query<{ market: string }>(
      `SELECT DISTINCT market FROM carbon_totals
        WHERE subject_kind = $1 AND subject_id = $2 AND kind = 'avoided' AND market <> '' AND ($3::date IS NULL OR month >= $3::date) AND ($4::date IS NULL OR month < $4::date)`,
      [subject.by, subject.id, range ? monthOf(range.from) : null, range ? nextMonth(range.to) : null],
    );
    return rows.map((r) => r.market);
  }

  async devicesOf(tx: Transaction, subject: ReportSubject): Promise<string[]> {
    const { rows } = await tx.query<{ deviceId: string }>(
      `SELECT DISTINCT device_id AS "deviceId" FROM carbon_subject_units WHERE subject_kind = $1 AND subject_id = $2`,
      [subject.by, subject.id],
    );
    return rows.map((r) => r.deviceId);
  }
}

/** The first day of the month after the one `iso` falls in (a range's end month counts when it is not its first instant). */
function nextMonth(iso: string): string {
  const d = new Date(Date.parse(iso) - 1);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

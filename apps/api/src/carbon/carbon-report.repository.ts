import { Injectable } from '@nestjs/common';
import type { CarbonKind } from '@recert/carbon';
import type { Transaction } from '../database/transaction';

/** What a report is about: one indexed column of carbon_entries, and an optional time range. */
export type ReportSubject =
  { by: 'customer'; id: string } | { by: 'takeback'; id: string } | { by: 'partner'; id: string } | { by: 'programme'; id: string };

const COLUMN: Record<ReportSubject['by'], string> = {
  customer: 'customer_organisation_id',
  takeback: 'takeback_id',
  partner: 'custodian_organisation_id',
  programme: 'programme_id',
};

export interface SumRow {
  deviceClass: string;
  kind: CarbonKind;
  month: string;
  factorSet: string;
  kg: number;
  lowKg: number;
  highKg: number;
}

/**
 * Report reads: sums over one index range of carbon_entries (subject, then time), which the covering indexes of the
 * migration answer without visiting the table. Never a scan of the audit trail.
 */
@Injectable()
export class CarbonReportRepository {
  async sums(tx: Transaction, subject: ReportSubject, range: { from: string; to: string } | null): Promise<SumRow[]> {
    const { rows } = await tx.query<SumRow>(
      `SELECT device_class AS "deviceClass", kind, to_char(date_trunc('month', recorded_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
              factor_set AS "factorSet", sum(kg) AS kg, sum(low_kg) AS "lowKg", sum(high_kg) AS "highKg"
         FROM carbon_entries
        WHERE ${COLUMN[subject.by]} = $1 AND ($2::timestamptz IS NULL OR recorded_at >= $2) AND ($3::timestamptz IS NULL OR recorded_at < $3)
        GROUP BY 1, 2, 3, 4`,
      [subject.id, range?.from ?? null, range?.to ?? null],
    );
    return rows;
  }

  async unitsByClass(
    tx: Transaction,
    subject: ReportSubject,
    range: { from: string; to: string } | null,
  ): Promise<Array<{ deviceClass: string; units: number }>> {
    const { rows } = await tx.query<{ deviceClass: string; units: string }>(
      `SELECT device_class AS "deviceClass", count(DISTINCT device_id) AS units
         FROM carbon_entries
        WHERE ${COLUMN[subject.by]} = $1 AND ($2::timestamptz IS NULL OR recorded_at >= $2) AND ($3::timestamptz IS NULL OR recorded_at < $3)
        GROUP BY 1`,
      [subject.id, range?.from ?? null, range?.to ?? null],
    );
    return rows.map((r) => ({ deviceClass: r.deviceClass, units: Number(r.units) }));
  }

  /** The markets the subject's avoided claims were made in (the neutrality label's rule depends on them). */
  async claimMarkets(tx: Transaction, subject: ReportSubject, range: { from: string; to: string } | null): Promise<string[]> {
    const { rows } = await tx.query<{ market: string | null }>(
      `SELECT DISTINCT inputs->>'market' AS market FROM carbon_entries
        WHERE ${COLUMN[subject.by]} = $1 AND kind = 'avoided' AND ($2::timestamptz IS NULL OR recorded_at >= $2) AND ($3::timestamptz IS NULL OR recorded_at < $3)`,
      [subject.id, range?.from ?? null, range?.to ?? null],
    );
    return rows.map((r) => r.market).filter((m): m is string => typeof m === 'string');
  }

  async devicesOf(tx: Transaction, subject: ReportSubject): Promise<string[]> {
    const { rows } = await tx.query<{ deviceId: string }>(
      `SELECT DISTINCT device_id AS "deviceId" FROM carbon_entries WHERE ${COLUMN[subject.by]} = $1`,
      [subject.id],
    );
    return rows.map((r) => r.deviceId);
  }
}

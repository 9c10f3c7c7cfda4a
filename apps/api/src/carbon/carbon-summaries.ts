import type { CarbonKind } from '@recert/carbon';

/** What a summary row is keyed by, from one carbon entry (the subset of CarbonRow the summaries read). */
export interface SummarisedEntry {
  deviceId: string;
  deviceClass: string;
  customerOrganisationId: string | null;
  custodianOrganisationId: string;
  takebackId: string | null;
  programmeId: string | null;
  recordedAt: string;
  figure: { kind: CarbonKind; factorSet: string; amount: { kg: number; low: number; high: number }; inputs: Record<string, unknown> };
}

export interface TotalRow {
  key: [subjectKind: string, subjectId: string, month: string, deviceClass: string, kind: string, factorSet: string, market: string];
  kg: number;
  low: number;
  high: number;
  entries: number;
}

/** One (subject, year, class, unit) membership; year 0 is the subject's all-time membership. */
export type UnitRow = [subjectKind: string, subjectId: string, year: number, deviceClass: string, deviceId: string];

/** The year a unit's all-time membership of a subject is kept under (reports without a period read it). */
export const ALL_YEARS = 0;

/**
 * The summary rows a batch of entries adds to: per subject (customer, takeback, partner, programme), month, class,
 * kind, factor set and market, plus each unit's membership of the subject per year and for all years. Totals come
 * back sorted by key, so concurrent commands lock summary rows in one order (no deadlock).
 */
export function summaryRows(entries: SummarisedEntry[]): { totals: TotalRow[]; units: UnitRow[] } {
  const totals = new Map<string, TotalRow>();
  const units = new Map<string, UnitRow>();
  for (const e of entries) {
    const month = `${e.recordedAt.slice(0, 7)}-01`;
    const market = e.figure.kind === 'avoided' && typeof e.figure.inputs.market === 'string' ? e.figure.inputs.market : '';
    const subjects: Array<[string, string | null]> = [
      ['customer', e.customerOrganisationId],
      ['takeback', e.takebackId],
      ['partner', e.custodianOrganisationId],
      ['programme', e.programmeId],
    ];
    for (const [kind, id] of subjects) {
      if (!id) continue;
      const key: TotalRow['key'] = [kind, id, month, e.deviceClass, e.figure.kind, e.figure.factorSet, market];
      const name = key.join('|');
      const sum = totals.get(name) ?? { key, kg: 0, low: 0, high: 0, entries: 0 };
      sum.kg += e.figure.amount.kg;
      sum.low += e.figure.amount.low;
      sum.high += e.figure.amount.high;
      sum.entries += 1;
      totals.set(name, sum);
      for (const year of [Number(e.recordedAt.slice(0, 4)), ALL_YEARS]) {
        const unit: UnitRow = [kind, id, year, e.deviceClass, e.deviceId];
        units.set(unit.join('|'), unit);
      }
    }
  }
  const sorted = [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return { totals: sorted, units: [...units.values()] };
}

import { addBands, AVOIDED_KINDS, Band, INVENTORY_KINDS, NeutralityLabel, ZERO } from '@recert/carbon';
import type { SumRow } from './carbon-report.repository';

/** The pure part of a report: sums grouped by class and month, three totals kept apart. */
export interface ReportFigures {
  units: number;
  totals: { inventory: Band; avoided: Band; offsetsRetired: { tCo2e: number } };
  byClass: Array<{ deviceClass: string; units: number; inventory: Band; avoided: Band }>;
  byMonth: Array<{ month: string; inventory: Band; avoided: Band }>;
  factorSets: string[];
  labels: NeutralityLabel;
}

const bandOfRow = (r: SumRow): Band => ({ kg: Number(r.kg), low: Number(r.lowKg), high: Number(r.highKg) });
const sumOf = (rows: SumRow[], kinds: readonly string[]) => addBands(ZERO, ...rows.filter((r) => kinds.includes(r.kind)).map(bandOfRow));

export function reportFigures(input: {
  sums: SumRow[];
  units: Array<{ deviceClass: string; units: number }>;
  offsetsT: number;
  label: NeutralityLabel;
  months?: string[];
}): ReportFigures {
  const classes = [...new Set([...input.units.map((u) => u.deviceClass), ...input.sums.map((s) => s.deviceClass)])].sort();
  const months = input.months ?? [...new Set(input.sums.map((s) => s.month))].sort();
  return {
    units: input.units.reduce((n, u) => n + u.units, 0),
    totals: {
      inventory: sumOf(input.sums, INVENTORY_KINDS),
      avoided: sumOf(input.sums, AVOIDED_KINDS),
      offsetsRetired: { tCo2e: Math.round(input.offsetsT * 1000) / 1000 },
    },
    byClass: classes.map((deviceClass) => {
      const own = input.sums.filter((s) => s.deviceClass === deviceClass);
      return {
        deviceClass,
        units: input.units.find((u) => u.deviceClass === deviceClass)?.units ?? 0,
        inventory: sumOf(own, INVENTORY_KINDS),
        avoided: sumOf(own, AVOIDED_KINDS),
      };
    }),
    byMonth: months.map((month) => {
      const own = input.sums.filter((s) => s.month === month);
      return { month, inventory: sumOf(own, INVENTORY_KINDS), avoided: sumOf(own, AVOIDED_KINDS) };
    }),
    factorSets: [...new Set(input.sums.map((s) => s.factorSet))].sort(),
    labels: input.label,
  };
}

/** The twelve months of a year, "YYYY-01" … "YYYY-12". */
export const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

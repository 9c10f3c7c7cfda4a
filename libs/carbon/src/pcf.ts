import { PCF_COLUMNS, PCF_CSV, PCF_SOURCE } from './pcf-rows';

/** One product carbon footprint row, with the columns the ledger uses. */
export interface PcfRow {
  /** Stable reference to the row: `manufacturer/name (report date)`. */
  row: string;
  manufacturer: string;
  name: string;
  category: string;
  subcategory: string;
  totalKg: number;
  useRatio: number | null;
  manufacturingRatio: number | null;
  transportRatio: number | null;
  endOfLifeRatio: number | null;
  errorRatio: number;
  lifetimeYears: number | null;
  useLocation: string | null;
  weightKg: number | null;
  reportDate: string;
  url: string;
}

const numberOrNull = (text: string | undefined) => {
  const value = text === undefined || text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(value) ? value : null;
};

/** The subset's rows (no field of the subset holds a comma, so a split is the whole parser). */
export function parsePcfRows(csv: string = PCF_CSV): PcfRow[] {
  const columns = PCF_COLUMNS.split(',');
  return csv
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.split(',');
      const at = (name: string) => cells[columns.indexOf(name)]?.trim() ?? '';
      return {
        row: `${at('manufacturer')}/${at('name')} (${at('report_date')})`,
        manufacturer: at('manufacturer'),
        name: at('name'),
        category: at('category'),
        subcategory: at('subcategory'),
        totalKg: Number(at('gwp_total')),
        useRatio: numberOrNull(at('gwp_use_ratio')),
        manufacturingRatio: numberOrNull(at('gwp_manufacturing_ratio')),
        transportRatio: numberOrNull(at('gwp_transport_ratio')),
        endOfLifeRatio: numberOrNull(at('gwp_eol_ratio')),
        errorRatio: numberOrNull(at('gwp_error_ratio')) ?? 0,
        lifetimeYears: numberOrNull(at('lifetime')),
        useLocation: at('use_location') || null,
        weightKg: numberOrNull(at('weight')),
        reportDate: at('report_date'),
        url: at('sources'),
      };
    });
}

export const PCF_ROWS: readonly PcfRow[] = parsePcfRows();
export { PCF_SOURCE };

/** Brand and model compared without case, spaces or punctuation ("Latitude 7420" = "latitude-7420"). */
const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

const BY_MODEL = new Map<string, PcfRow>();
for (const row of PCF_ROWS) {
  const k = `${key(row.manufacturer)}|${key(row.name)}`;
  if (!BY_MODEL.has(k)) BY_MODEL.set(k, row);
}

/** The data set's row for this brand and model, if it has one (exact model name, ignoring case and punctuation). */
export const pcfFor = (brand: string, model: string, rows: readonly PcfRow[] = PCF_ROWS): PcfRow | undefined => {
  if (rows === PCF_ROWS) return BY_MODEL.get(`${key(brand)}|${key(model)}`);
  return rows.find((r) => key(r.manufacturer) === key(brand) && key(r.name) === key(model));
};

/**
 * The share of a row's footprint that is not use: manufacturing + transport + end of life where the row gives a
 * manufacturing share (a missing transport or end-of-life share counts 0), otherwise 1 − the use share.
 */
export function embodiedShare(row: PcfRow): { share: number; basis: 'shares' | 'non-use' } {
  if (row.manufacturingRatio !== null) {
    return { share: row.manufacturingRatio + (row.transportRatio ?? 0) + (row.endOfLifeRatio ?? 0), basis: 'shares' };
  }
  return { share: 1 - (row.useRatio ?? 0), basis: 'non-use' };
}

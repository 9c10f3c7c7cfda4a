import { stringify } from 'csv-stringify/sync';
import type { CarbonReportDto, LedgerDto } from './carbon.dto';

const band = (prefix: string, b: { kg: number; low: number; high: number }) => ({
  [`${prefix}_kg`]: b.kg,
  [`${prefix}_low`]: b.low,
  [`${prefix}_high`]: b.high,
});

/** A report as CSV: one row per device class and per month, then the totals (kg CO2e; offsets in t, beside). */
export function reportCsv(report: CarbonReportDto): string {
  const rows: Array<Record<string, string | number>> = [
    ...report.byClass.map((c) => ({
      section: 'class',
      key: c.deviceClass,
      units: c.units,
      ...band('inventory', c.inventory),
      ...band('avoided', c.avoided),
    })),
    ...(report.byMonth ?? []).map((m) => ({
      section: 'month',
      key: m.month,
      units: '',
      ...band('inventory', m.inventory),
      ...band('avoided', m.avoided),
    })),
    {
      section: 'total',
      key: report.factorSets.join(' '),
      units: report.units,
      ...band('inventory', report.totals.inventory),
      ...band('avoided', report.totals.avoided),
      offsets_retired_t: report.totals.offsetsRetired.tCo2e,
    },
  ];
  const columns = [
    'section',
    'key',
    'units',
    'inventory_kg',
    'inventory_low',
    'inventory_high',
    'avoided_kg',
    'avoided_low',
    'avoided_high',
    'offsets_retired_t',
  ];
  return stringify(rows, { header: true, columns });
}

/** A unit's ledger as CSV, one row per entry. */
export function ledgerCsv(ledger: LedgerDto): string {
  return stringify(
    ledger.entries.map((e) => ({
      id: e.id,
      lifecycle: e.lifecycle,
      recorded_at: e.recordedAt,
      kind: e.kind,
      kg: e.amount.kg,
      low: e.amount.low,
      high: e.amount.high,
      factor_set: e.factorSet,
      source: e.source.row ?? (e.source.classDefault ? `class default ${e.source.classDefault}` : (e.source.note ?? '')),
      claimant: e.claimant ? `${e.claimant.role} ${e.claimant.organisationId}` : '',
      audit_entry_hash: e.auditEntryHash,
    })),
    {
      header: true,
      columns: ['id', 'lifecycle', 'recorded_at', 'kind', 'kg', 'low', 'high', 'factor_set', 'source', 'claimant', 'audit_entry_hash'],
    },
  );
}

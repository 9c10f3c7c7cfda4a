import { Injectable } from '@nestjs/common';
import type { CarbonFigure, CarbonKind } from '@recert/carbon';
import type { Transaction } from '../database/transaction';
import { summaryRows, TotalRow, UnitRow } from './carbon-summaries';

/** A carbon entry with the keys reports group by, as stored beside the trail entry that carries it. */
export interface CarbonRow {
  id: string;
  deviceId: string;
  lifecycleId: string;
  lifecycleNumber: number;
  auditSeq: number;
  auditEntryHash: string;
  figure: CarbonFigure;
  deviceClass: string;
  customerOrganisationId: string | null;
  custodianOrganisationId: string;
  oemOrganisationId: string | null;
  takebackId: string | null;
  programmeId: string | null;
  recordedAt: string;
}

export interface StoredEntry {
  id: string;
  kind: CarbonKind;
  kg: number;
  lowKg: number;
  highKg: number;
  factorSet: string;
  source: Record<string, unknown>;
  inputs: Record<string, unknown>;
  claimantOrganisationId: string | null;
  claimantRole: string | null;
  lifecycleId: string;
  lifecycleNumber: number;
  auditEntryHash: string;
  recordedAt: Date;
}

const ENTRY_COLUMNS = `id, kind, kg, low_kg AS "lowKg", high_kg AS "highKg", factor_set AS "factorSet", source, inputs,
  claimant_organisation_id AS "claimantOrganisationId", claimant_role AS "claimantRole", lifecycle_id AS "lifecycleId",
  lifecycle_number AS "lifecycleNumber", audit_entry_hash AS "auditEntryHash", recorded_at AS "recordedAt"`;

/** Adds summaryRows' totals to carbon_totals (parameters: totalsParameters); the scale benchmark runs it for its copies. */
export const ADD_TO_TOTALS_SQL = `INSERT INTO carbon_totals (subject_kind, subject_id, month, device_class, kind, factor_set, market, kg, low_kg, high_kg, entries)
  SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::date[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::float8[], $9::float8[], $10::float8[], $11::int[])
  ON CONFLICT (subject_kind, subject_id, month, device_class, kind, factor_set, market) DO UPDATE SET
    kg = carbon_totals.kg + excluded.kg, low_kg = carbon_totals.low_kg + excluded.low_kg,
    high_kg = carbon_totals.high_kg + excluded.high_kg, entries = carbon_totals.entries + excluded.entries`;

export const totalsParameters = (totals: TotalRow[]): unknown[] => [
  ...[0, 1, 2, 3, 4, 5, 6].map((i) => totals.map((t) => t.key[i])),
  totals.map((t) => t.kg),
  totals.map((t) => t.low),
  totals.map((t) => t.high),
  totals.map((t) => t.entries),
];

/** Records memberships; a statement trigger (CarbonUnitCounts migration) counts the ones that are new. */
export const ADD_UNITS_SQL = `INSERT INTO carbon_subject_units (subject_kind, subject_id, year, device_class, device_id)
  SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::int[], $4::varchar[], $5::uuid[]) ON CONFLICT DO NOTHING`;

export const unitsParameters = (units: UnitRow[]): unknown[] => [0, 1, 2, 3, 4].map((i) => units.map((u) => u[i]));

/** The carbon ledger's SQL: entries beside the trail, read per device, per lifecycle and per report key. */
@Injectable()
export class CarbonRepository {
  async insert(tx: Transaction, rows: CarbonRow[]): Promise<void> {
    if (rows.length === 0) return;
    const values: unknown[] = [];
    const tuples = rows.map((r) => {
      const f = r.figure;
      const own = [
        r.id,
        r.deviceId,
        r.lifecycleId,
        r.lifecycleNumber,
        r.auditSeq,
        r.auditEntryHash,
        f.kind,
        f.amount.kg,
        f.amount.low,
        f.amount.high,
        f.factorSet,
        JSON.stringify(f.source),
        JSON.stringify(f.inputs),
        f.claimant?.organisationId ?? null,
        f.claimant?.role ?? null,
        r.deviceClass,
        r.customerOrganisationId,
        r.custodianOrganisationId,
        r.oemOrganisationId,
        r.takebackId,
        r.programmeId,
        r.recordedAt,
      ];
      const start = values.length;
      values.push(...own);
      return `(${own.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO carbon_entries (id, device_id, lifecycle_id, lifecycle_number, audit_seq, audit_entry_hash, kind, kg, low_kg, high_kg,
         factor_set, source, inputs, claimant_organisation_id, claimant_role, device_class, customer_organisation_id,
         custodian_organisation_id, oem_organisation_id, takeback_id, programme_id, recorded_at)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  /** Adds the rows to their subjects' summaries (summaryRows) in the command's transaction. */
  async addToTotals(tx: Transaction, rows: CarbonRow[]): Promise<void> {
    const { totals, units } = summaryRows(rows);
    if (totals.length === 0) return;
    await tx.query(ADD_TO_TOTALS_SQL, totalsParameters(totals));
    await tx.query(ADD_UNITS_SQL, unitsParameters(units));
  }

  async entriesOfDevice(tx: Transaction, deviceId: string): Promise<StoredEntry[]> {
    const { rows } = await tx.query<StoredEntry>(
      `SELECT ${ENTRY_COLUMNS} FROM carbon_entries WHERE device_id = $1 ORDER BY recorded_at, audit_seq, id`,
      [deviceId],
    );
    return rows;
  }

  /** Kinds and claims of the given lifecycles (the claim-once rule). */
  async entriesOfLifecycles(tx: Transaction, lifecycleIds: string[]): Promise<StoredEntry[]> {
    const { rows } = await tx.query<StoredEntry>(
      `SELECT ${ENTRY_COLUMNS} FROM carbon_entries WHERE lifecycle_id = ANY($1::uuid[]) ORDER BY recorded_at, audit_seq, id`,
      [lifecycleIds],
    );
    return rows;
  }

  /** The device's lifecycles, oldest first (an RMA lifecycle looks back at the sale it came from). */
  async lifecyclesOfDevice(tx: Transaction, deviceId: string): Promise<string[]> {
    const { rows } = await tx.query<{ id: string }>(`SELECT id FROM lifecycles WHERE device_id = $1 ORDER BY number`, [deviceId]);
    return rows.map((r) => r.id);
  }

  /** Whether the organisation is a party to any of the device's carbon entries (customer, custodian, OEM, claimant). */
  async isParty(tx: Transaction, deviceId: string, organisationId: string): Promise<boolean> {
    const { rows } = await tx.query(
      `SELECT 1 FROM carbon_entries WHERE device_id = $1 AND $2 IN (customer_organisation_id, custodian_organisation_id, oem_organisation_id, claimant_organisation_id) LIMIT 1`,
      [deviceId, organisationId],
    );
    return rows.length > 0;
  }

  /** The takeback and customer of the device's latest entry that has them (an RMA lifecycle has no takeback of its own). */
  async latestTakebackKeys(
    tx: Transaction,
    deviceId: string,
  ): Promise<{ takebackId: string; customerOrganisationId: string | null } | undefined> {
    const { rows } = await tx.query<{ takebackId: string; customerOrganisationId: string | null }>(
      `SELECT takeback_id AS "takebackId", customer_organisation_id AS "customerOrganisationId" FROM carbon_entries
        WHERE device_id = $1 AND takeback_id IS NOT NULL ORDER BY recorded_at DESC, audit_seq DESC LIMIT 1`,
      [deviceId],
    );
    return rows[0];
  }

  /** The device's current custodian and takeback, if it exists. */
  async deviceHolder(
    tx: Transaction,
    deviceId: string,
  ): Promise<{ custodianOrganisationId: string; takebackId: string | null } | undefined> {
    const { rows } = await tx.query<{ custodianOrganisationId: string; takebackId: string | null }>(
      `SELECT l.custodian_organisation_id AS "custodianOrganisationId", l.takeback_id AS "takebackId"
         FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id WHERE d.id = $1`,
      [deviceId],
    );
    return rows[0];
  }
}

import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/transaction';

export interface RetirementRow {
  id: string;
  organisationId: string;
  registry: string;
  projectId: string;
  serialStart: string;
  serialEnd: string;
  quantityT: string;
  vintage: number;
  beneficiary: string;
  certificateUrl: string;
  retiredOn: string;
}

export interface AllocationRow {
  id: string;
  retirementId: string;
  customerOrganisationId: string | null;
  deviceId: string | null;
  quantityT: string;
  allocatedAt: Date;
}

const RETIREMENT = `id, organisation_id AS "organisationId", registry, project_id AS "projectId", serial_start AS "serialStart",
  serial_end AS "serialEnd", quantity_t AS "quantityT", vintage, beneficiary, certificate_url AS "certificateUrl", to_char(retired_on, 'YYYY-MM-DD') AS "retiredOn"`;
const ALLOCATION = `id, retirement_id AS "retirementId", customer_organisation_id AS "customerOrganisationId", device_id AS "deviceId",
  quantity_t AS "quantityT", allocated_at AS "allocatedAt"`;

/** The offsets ledger's SQL: retirements (serial blocks that never overlap, by an exclusion constraint) and allocations. */
@Injectable()
export class OffsetRepository {
  async overlapping(tx: Transaction, block: { registry: string; projectId: string; serialStart: number; serialEnd: number }) {
    const { rows } = await tx.query<{ id: string; serialStart: string; serialEnd: string }>(
      `SELECT id, serial_start AS "serialStart", serial_end AS "serialEnd" FROM offset_retirements
        WHERE registry = $1 AND project_id = $2 AND int8range(serial_start, serial_end, '[]') && int8range($3, $4, '[]') LIMIT 1`,
      [block.registry, block.projectId, block.serialStart, block.serialEnd],
    );
    return rows[0];
  }

  async insertRetirement(
    tx: Transaction,
    r: Omit<RetirementRow, 'serialStart' | 'serialEnd' | 'quantityT'> & {
      serialStart: number;
      serialEnd: number;
      quantityT: number;
      userId: string;
    },
  ) {
    await tx.query(
      `INSERT INTO offset_retirements (id, organisation_id, registry, project_id, serial_start, serial_end, quantity_t, vintage, beneficiary, certificate_url, retired_on, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        r.id,
        r.organisationId,
        r.registry,
        r.projectId,
        r.serialStart,
        r.serialEnd,
        r.quantityT,
        r.vintage,
        r.beneficiary,
        r.certificateUrl,
        r.retiredOn,
        r.userId,
      ],
    );
  }

  /** The retirement, locked until the transaction ends (allocations are counted under this lock). */
  async lockRetirement(tx: Transaction, id: string): Promise<RetirementRow | undefined> {
    const rows = await tx.opening<RetirementRow>(`SELECT ${RETIREMENT} FROM offset_retirements WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async findRetirement(tx: Transaction, id: string): Promise<RetirementRow | undefined> {
    const { rows } = await tx.query<RetirementRow>(`SELECT ${RETIREMENT} FROM offset_retirements WHERE id = $1`, [id]);
    return rows[0];
  }

  async listRetirements(tx: Transaction, organisationId: string | null, limit: number): Promise<RetirementRow[]> {
    const { rows } = await tx.query<RetirementRow>(
      `SELECT ${RETIREMENT} FROM offset_retirements WHERE ($1::uuid IS NULL OR organisation_id = $1) ORDER BY retired_on DESC, id LIMIT $2`,
      [organisationId, limit],
    );
    return rows;
  }

  async allocationsOf(tx: Transaction, retirementIds: string[]): Promise<AllocationRow[]> {
    const { rows } = await tx.query<AllocationRow>(
      `SELECT ${ALLOCATION} FROM offset_allocations WHERE retirement_id = ANY($1::uuid[]) ORDER BY allocated_at, id`,
      [retirementIds],
    );
    return rows;
  }

  async insertAllocation(
    tx: Transaction,
    a: {
      id: string;
      retirementId: string;
      customerOrganisationId: string | null;
      deviceId: string | null;
      quantityT: number;
      userId: string;
    },
  ) {
    await tx.query(
      `INSERT INTO offset_allocations (id, retirement_id, customer_organisation_id, device_id, quantity_t, created_by_user_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [a.id, a.retirementId, a.customerOrganisationId, a.deviceId, a.quantityT, a.userId],
    );
  }

  async organisationExists(tx: Transaction, id: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM organisations WHERE id = $1 AND kind = 'customer'`, [id])).rows.length > 0;
  }

  async deviceExists(tx: Transaction, id: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM devices WHERE id = $1`, [id])).rows.length > 0;
  }

  /** Tonnes allocated to a customer organisation itself (allocations to its units show in each unit's ledger). */
  async allocatedToCustomer(tx: Transaction, customerId: string, range: { from: string; to: string } | null): Promise<number> {
    const { rows } = await tx.query<{ t: string | null }>(
      `SELECT sum(quantity_t) AS t FROM offset_allocations WHERE customer_organisation_id = $1
          AND ($2::timestamptz IS NULL OR allocated_at >= $2) AND ($3::timestamptz IS NULL OR allocated_at < $3)`,
      [customerId, range?.from ?? null, range?.to ?? null],
    );
    return Number(rows[0]?.t ?? 0);
  }

  /** Tonnes allocated to units while they were the takeback's (the allocation trigger records the takeback). */
  async allocatedToTakeback(tx: Transaction, takebackId: string): Promise<number> {
    const { rows } = await tx.query<{ t: string | null }>(`SELECT sum(quantity_t) AS t FROM offset_allocations WHERE takeback_id = $1`, [
      takebackId,
    ]);
    return Number(rows[0]?.t ?? 0);
  }

  async allocatedToDevices(tx: Transaction, deviceIds: string[]): Promise<number> {
    const { rows } = await tx.query<{ t: string | null }>(
      `SELECT sum(quantity_t) AS t FROM offset_allocations WHERE device_id = ANY($1::uuid[])`,
      [deviceIds],
    );
    return Number(rows[0]?.t ?? 0);
  }
}

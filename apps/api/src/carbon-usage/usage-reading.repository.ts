import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/transaction';

export interface StoredReading {
  deviceId: string;
  periodStart: Date;
  periodEnd: Date;
  kwh: number | null;
  powerOnHours: number | null;
}

/** Usage readings' SQL: one period per row; the exclusion constraint keeps a device's periods apart. */
@Injectable()
export class UsageReadingRepository {
  async readingsOf(tx: Transaction, deviceIds: string[]): Promise<StoredReading[]> {
    const { rows } = await tx.query<StoredReading>(
      `SELECT device_id AS "deviceId", period_start AS "periodStart", period_end AS "periodEnd", kwh, power_on_hours AS "powerOnHours"
         FROM carbon_usage_readings WHERE device_id = ANY($1::uuid[]) ORDER BY device_id, period_start`,
      [deviceIds],
    );
    return rows;
  }

  async insert(
    tx: Transaction,
    readings: Array<{
      deviceId: string;
      periodStart: string;
      periodEnd: string;
      kwh: number | null;
      powerOnHours: number | null;
      country: string | null;
      auditSeq: number;
      auditEntryHash: string;
    }>,
  ): Promise<void> {
    if (readings.length === 0) return;
    await tx.query(
      `INSERT INTO carbon_usage_readings (device_id, period_start, period_end, kwh, power_on_hours, country, audit_seq, audit_entry_hash)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::float8[], $5::float8[], $6::varchar[], $7::int[], $8::varchar[])`,
      [
        readings.map((r) => r.deviceId),
        readings.map((r) => r.periodStart),
        readings.map((r) => r.periodEnd),
        readings.map((r) => r.kwh),
        readings.map((r) => r.powerOnHours),
        readings.map((r) => r.country),
        readings.map((r) => r.auditSeq),
        readings.map((r) => r.auditEntryHash),
      ],
    );
  }
}

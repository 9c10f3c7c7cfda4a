import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Transaction } from '../database/transaction';
import type { CertificateRow } from './build-certificate';

const COLUMNS = `id, device_id AS "deviceId", lifecycle_id AS "lifecycleId", medium_serial AS "mediumSerial", audit_seq AS "auditSeq", audit_hash AS "auditHash", issued_at AS "issuedAt"`;

@Injectable()
export class CertificateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The certificates of one of the unit's lifecycles (by number; the current one by default), by medium serial. */
  forLifecycle(deviceId: string, number: number | null): Promise<CertificateRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM sanitization_certificates
        WHERE lifecycle_id = CASE WHEN $2::int IS NULL THEN (SELECT current_lifecycle_id FROM devices WHERE id = $1)
                                  ELSE (SELECT id FROM lifecycles WHERE device_id = $1 AND number = $2) END
        ORDER BY medium_serial`,
      [deviceId, number],
    );
  }

  /** The certificates of these lifecycles (a takeback's), by lifecycle and medium serial. */
  forLifecycles(lifecycleIds: string[]): Promise<CertificateRow[]> {
    if (lifecycleIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM sanitization_certificates WHERE lifecycle_id = ANY($1::uuid[]) ORDER BY lifecycle_id, medium_serial`,
      [lifecycleIds],
    );
  }

  async find(id: string): Promise<CertificateRow | undefined> {
    const rows: CertificateRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM sanitization_certificates WHERE id = $1`, [id]);
    return rows[0];
  }

  /** One certificate per medium and lifecycle; a later destruction of a validated medium becomes its closing entry. */
  async issue(tx: Transaction, closing: ClosingEntry): Promise<string> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO sanitization_certificates (device_id, lifecycle_id, medium_serial, audit_seq, audit_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (lifecycle_id, medium_serial) DO UPDATE SET audit_seq = EXCLUDED.audit_seq, audit_hash = EXCLUDED.audit_hash
       RETURNING id`,
      [closing.deviceId, closing.lifecycleId, closing.mediumSerial, closing.seq, closing.hash],
    );
    return rows[0].id;
  }
}

/** The audit entry that completed a medium's sanitization (validation or destruction). */
export interface ClosingEntry {
  deviceId: string;
  lifecycleId: string;
  mediumSerial: string;
  seq: number;
  hash: string;
}

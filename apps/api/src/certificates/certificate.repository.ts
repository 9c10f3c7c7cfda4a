import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

  async find(id: string): Promise<CertificateRow | undefined> {
    const rows: CertificateRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM sanitization_certificates WHERE id = $1`, [id]);
    return rows[0];
  }
}

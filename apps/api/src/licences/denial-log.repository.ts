import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface LicenceDenial {
  organisationId: string;
  userId: string;
  keyId: string;
  deviceId: string;
  eventType: string;
  licenceId: string | null;
  licenceVersion: number | null;
  reasons: unknown;
  requestId: string | null;
}

/** Refused attempts go to the security log, on their own connection: the command's transaction is rolled back. */
@Injectable()
export class DenialLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(denial: LicenceDenial): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO security_events (kind, organisation_id, user_id, key_id, device_id, event_type, licence_id, licence_version, reasons, request_id)
       VALUES ('licence-denied', $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        denial.organisationId,
        denial.userId,
        denial.keyId,
        denial.deviceId,
        denial.eventType,
        denial.licenceId,
        denial.licenceVersion,
        JSON.stringify(denial.reasons),
        denial.requestId,
      ],
    );
  }
}

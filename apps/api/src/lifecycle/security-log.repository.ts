import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller';

/** Refused attempts go here, on their own connection: the command's transaction is rolled back. */
@Injectable()
export class SecurityLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async licenceDenied(caller: Caller, deviceId: string, eventType: string, denial: Record<string, unknown>, requestId: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO security_events (kind, organisation_id, user_id, key_id, device_id, event_type, licence_id, licence_version, reasons, request_id)
       VALUES ('licence-denied', $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [caller.organisationId, caller.userId, caller.keyId, deviceId, eventType, denial.licenceId ?? null, denial.licenceVersion ?? null, JSON.stringify(denial.reasons), requestId],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from '../auth/caller';

export interface SessionCaller {
  caller: Caller;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The portal's sessions: stored by the SHA-256 of their token, each tied to the API key it was opened with. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(session: { tokenHash: string; keyId: string; idleExpiresAt: Date; expiresAt: Date }): Promise<void> {
    await this.dataSource.query(`INSERT INTO portal_sessions (token_hash, key_id, idle_expires_at, expires_at) VALUES ($1, $2, $3, $4)`, [
      session.tokenHash,
      session.keyId,
      session.idleExpiresAt,
      session.expiresAt,
    ]);
  }

  /** The caller of a live session: not expired, its key not revoked. */
  async find(tokenHash: string): Promise<SessionCaller | undefined> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT k.id AS key_id, u.id AS user_id, o.id AS organisation_id, o.kind, u.role, s.last_seen_at, s.expires_at
         FROM portal_sessions s JOIN api_keys k ON k.id = s.key_id JOIN users u ON u.id = k.user_id JOIN organisations o ON o.id = u.organisation_id
        WHERE s.token_hash = $1 AND k.revoked_at IS NULL AND s.idle_expires_at > now() AND s.expires_at > now()`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      caller: {
        keyId: row.key_id as string,
        userId: row.user_id as string,
        organisationId: row.organisation_id as string,
        organisationKind: row.kind as Caller['organisationKind'],
        role: row.role as Caller['role'],
      },
      lastSeenAt: row.last_seen_at as Date,
      expiresAt: row.expires_at as Date,
    };
  }

  async touch(tokenHash: string, at: Date, idleExpiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE portal_sessions SET last_seen_at = $2, idle_expires_at = LEAST($3, expires_at) WHERE token_hash = $1`,
      [tokenHash, at, idleExpiresAt],
    );
  }

  /** Ends a session; expired ones go at the same time, so the table holds only live sessions and recent leftovers. */
  async delete(tokenHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM portal_sessions WHERE token_hash = $1 OR idle_expires_at < now() OR expires_at < now()`, [
      tokenHash,
    ]);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions of the customer portal: the cookie carries a random token, the table only its SHA-256, the API
 * key it was opened with (revoking the key ends its sessions) and when it expires (idle, and at the latest).
 */
export class PortalSessions1795500000000 implements MigrationInterface {
  name = 'PortalSessions1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "portal_sessions" (
      "token_hash" char(64) NOT NULL,
      "key_id" uuid NOT NULL REFERENCES "api_keys" ("id") ON DELETE CASCADE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "idle_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "portal_sessions_pkey" PRIMARY KEY ("token_hash"))`);
    await queryRunner.query(`CREATE INDEX "portal_sessions_key_idx" ON "portal_sessions" ("key_id")`);
    await queryRunner.query(`CREATE INDEX "portal_sessions_expires_idx" ON "portal_sessions" ("expires_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "portal_sessions"`);
  }
}

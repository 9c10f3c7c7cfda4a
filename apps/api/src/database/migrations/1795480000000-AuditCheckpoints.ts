import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verified checkpoints of each unit's trail (what a verification run established; later runs and public
 * verification start after it), and a partial index that finds the few entries a medium's certificate rests on
 * without reading the rest of a long trail. The service role gets its rights from ensureServiceRole (all tables).
 */
export class AuditCheckpoints1795480000000 implements MigrationInterface {
  name = 'AuditCheckpoints1795480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_checkpoints" (
      "device_id" uuid NOT NULL, "lifecycle_id" uuid NOT NULL, "lifecycle_number" integer NOT NULL, "seq" integer NOT NULL,
      "hash" character(64) NOT NULL, "entries" integer NOT NULL, "snapshot" jsonb NOT NULL,
      "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL, "digest" character(64) NOT NULL,
      CONSTRAINT "PK_04846fee3dc52c43846b243f7de" PRIMARY KEY ("device_id"))`);
    await queryRunner.query(`ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "FK_04846fee3dc52c43846b243f7de"
      FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE INDEX "audit_events_medium_idx" ON "audit_events" ("lifecycle_id", (payload->>'mediumSerial'), "seq")
      WHERE event_type IN ('SANITIZE', 'VALIDATE_SANITIZATION', 'DESTROY_MEDIA')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "audit_events_medium_idx"`);
    await queryRunner.query(`ALTER TABLE "audit_checkpoints" DROP CONSTRAINT "FK_04846fee3dc52c43846b243f7de"`);
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustodyHandoffs1795400937270 implements MigrationInterface {
  name = 'CustodyHandoffs1795400937270';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "custody_handoffs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "device_id" uuid NOT NULL, "lifecycle_id" uuid NOT NULL, "from_organisation_id" uuid NOT NULL, "to_organisation_id" uuid NOT NULL, "to_site" character varying(200) NOT NULL, "status" character varying(16) NOT NULL, "requested_by_user_id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "confirmed_by_user_id" uuid, "confirmed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "custody_handoffs_status_check" CHECK (status IN (\'requested\', \'confirmed\')), CONSTRAINT "PK_1509a59f4d7437d09d065134bdd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "custody_handoffs_device_idx" ON "custody_handoffs"  ("device_id") ');
    await queryRunner.query('CREATE INDEX "custody_handoffs_from_idx" ON "custody_handoffs"  ("from_organisation_id") ');
    await queryRunner.query('CREATE INDEX "custody_handoffs_to_idx" ON "custody_handoffs"  ("to_organisation_id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."custody_handoffs_to_idx"');
    await queryRunner.query('DROP INDEX "public"."custody_handoffs_from_idx"');
    await queryRunner.query('DROP INDEX "public"."custody_handoffs_device_idx"');
    await queryRunner.query('DROP TABLE "custody_handoffs"');
  }
}

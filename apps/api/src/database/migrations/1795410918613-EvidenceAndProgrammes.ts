import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvidenceAndProgrammes1795410918613 implements MigrationInterface {
  name = 'EvidenceAndProgrammes1795410918613';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "sanitization_certificates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "device_id" uuid NOT NULL, "lifecycle_id" uuid NOT NULL, "medium_serial" character varying(128) NOT NULL, "audit_seq" integer NOT NULL, "audit_hash" character(64) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sanitization_certificates_medium_key" UNIQUE ("lifecycle_id", "medium_serial"), CONSTRAINT "PK_583c11f95c504ae636b1ec7dbf6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "sanitization_certificates_device_idx" ON "sanitization_certificates"  ("device_id") ');
    await queryRunner.query(
      'CREATE TABLE "programmes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "oem_organisation_id" uuid NOT NULL, "code" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "programmes_oem_code_key" UNIQUE ("oem_organisation_id", "code"), CONSTRAINT "PK_116b5f8dbb9f632d76bc144404f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "programme_versions" ("programme_id" uuid NOT NULL, "version" integer NOT NULL, "terms" jsonb NOT NULL, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3e7485cfd5083e4525786c7432b" PRIMARY KEY ("programme_id", "version"))',
    );
    await queryRunner.query('ALTER TABLE "devices" ADD "donor_device_id" uuid');
    await queryRunner.query('ALTER TABLE "takebacks" ADD "programme_id" uuid');
    await queryRunner.query('ALTER TABLE "takebacks" ADD "programme_version" integer');
    await queryRunner.query('ALTER TABLE "lifecycles" ADD "programme_id" uuid');
    await queryRunner.query('ALTER TABLE "lifecycles" ADD "programme_version" integer');
    await queryRunner.query('CREATE INDEX "devices_donor_idx" ON "devices"  ("donor_device_id") ');
    await queryRunner.query(
      'ALTER TABLE "programmes" ADD CONSTRAINT "FK_42d585c6954c6c114b7f0626433" FOREIGN KEY ("oem_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "programme_versions" ADD CONSTRAINT "FK_fc6b4235a1c87254ba665735e8a" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    // A harvested part is a unit of its own (the generator does not diff CHECK bodies).
    await queryRunner.query('ALTER TABLE "devices" DROP CONSTRAINT "devices_class_check"');
    await queryRunner.query(
      "ALTER TABLE \"devices\" ADD CONSTRAINT \"devices_class_check\" CHECK (device_class IN ('notebook', 'desktop', 'workstation', 'tablet', 'server', 'monitor', 'part'))",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "devices" DROP CONSTRAINT "devices_class_check"');
    await queryRunner.query(
      "ALTER TABLE \"devices\" ADD CONSTRAINT \"devices_class_check\" CHECK (device_class IN ('notebook', 'desktop', 'workstation', 'tablet', 'server', 'monitor'))",
    );
    await queryRunner.query('ALTER TABLE "programme_versions" DROP CONSTRAINT "FK_fc6b4235a1c87254ba665735e8a"');
    await queryRunner.query('ALTER TABLE "programmes" DROP CONSTRAINT "FK_42d585c6954c6c114b7f0626433"');
    await queryRunner.query('DROP INDEX "public"."devices_donor_idx"');
    await queryRunner.query('ALTER TABLE "lifecycles" DROP COLUMN "programme_version"');
    await queryRunner.query('ALTER TABLE "lifecycles" DROP COLUMN "programme_id"');
    await queryRunner.query('ALTER TABLE "takebacks" DROP COLUMN "programme_version"');
    await queryRunner.query('ALTER TABLE "takebacks" DROP COLUMN "programme_id"');
    await queryRunner.query('ALTER TABLE "devices" DROP COLUMN "donor_device_id"');
    await queryRunner.query('DROP TABLE "programme_versions"');
    await queryRunner.query('DROP TABLE "programmes"');
    await queryRunner.query('DROP INDEX "public"."sanitization_certificates_device_idx"');
    await queryRunner.query('DROP TABLE "sanitization_certificates"');
  }
}

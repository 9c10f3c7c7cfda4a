import { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnerLicences1795400633648 implements MigrationInterface {
  name = 'PartnerLicences1795400633648';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "licences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "oem_organisation_id" uuid NOT NULL, "partner_organisation_id" uuid NOT NULL, "programme" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_78f76903a7e2d2b2ac378fca8d3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "licences_oem_idx" ON "licences"  ("oem_organisation_id") ');
    await queryRunner.query('CREATE INDEX "licences_partner_idx" ON "licences"  ("partner_organisation_id") ');
    await queryRunner.query(
      'CREATE TABLE "licence_versions" ("licence_id" uuid NOT NULL, "version" integer NOT NULL, "status" character varying(16) NOT NULL, "status_reason" character varying(500), "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE NOT NULL, "terms" jsonb NOT NULL, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "licence_versions_status_check" CHECK (status IN (\'draft\', \'active\', \'suspended\', \'terminated\')), CONSTRAINT "PK_da219c5ff3fb4aa9ec68ed5fc71" PRIMARY KEY ("licence_id", "version"))',
    );
    await queryRunner.query(
      'CREATE TABLE "licence_quota_usage" ("licence_id" uuid NOT NULL, "capability" character varying(32) NOT NULL, "brand" character varying(64) NOT NULL, "period" character(7) NOT NULL, "used" integer NOT NULL, CONSTRAINT "PK_2192a9653e8b6d289ab872e1359" PRIMARY KEY ("licence_id", "capability", "brand", "period"))',
    );
    await queryRunner.query(
      'CREATE TABLE "security_events" ("id" BIGSERIAL NOT NULL, "kind" character varying(40) NOT NULL, "organisation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "key_id" uuid NOT NULL, "device_id" uuid, "event_type" character varying(40), "licence_id" uuid, "licence_version" integer, "reasons" jsonb NOT NULL, "request_id" character varying(128), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6fc100d6700780737348df0d3ae" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "security_events_licence_idx" ON "security_events"  ("licence_id", "occurred_at") ');
    await queryRunner.query(
      'CREATE TABLE "organisation_brands" ("organisation_id" uuid NOT NULL, "brand" character varying(64) NOT NULL, CONSTRAINT "PK_6d3b7384ceb32edd75ac90cfa31" PRIMARY KEY ("organisation_id", "brand"))',
    );
    await queryRunner.query('CREATE INDEX "organisation_brands_brand_idx" ON "organisation_brands"  ("brand") ');
    await queryRunner.query('ALTER TABLE "audit_events" ADD "licence_decision" jsonb');
    await queryRunner.query(
      'ALTER TABLE "licences" ADD CONSTRAINT "FK_fa86a44705eb1bfdec04e504933" FOREIGN KEY ("oem_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "licences" ADD CONSTRAINT "FK_e93c11f59486a06bf60824e3990" FOREIGN KEY ("partner_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "licence_versions" ADD CONSTRAINT "FK_5bd085af8602b4422115ace03dd" FOREIGN KEY ("licence_id") REFERENCES "licences"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_brands" ADD CONSTRAINT "FK_a07b1ffc5aecef8964d0647a40e" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "organisation_brands" DROP CONSTRAINT "FK_a07b1ffc5aecef8964d0647a40e"');
    await queryRunner.query('ALTER TABLE "licence_versions" DROP CONSTRAINT "FK_5bd085af8602b4422115ace03dd"');
    await queryRunner.query('ALTER TABLE "licences" DROP CONSTRAINT "FK_e93c11f59486a06bf60824e3990"');
    await queryRunner.query('ALTER TABLE "licences" DROP CONSTRAINT "FK_fa86a44705eb1bfdec04e504933"');
    await queryRunner.query('ALTER TABLE "audit_events" DROP COLUMN "licence_decision"');
    await queryRunner.query('DROP INDEX "public"."organisation_brands_brand_idx"');
    await queryRunner.query('DROP TABLE "organisation_brands"');
    await queryRunner.query('DROP INDEX "public"."security_events_licence_idx"');
    await queryRunner.query('DROP TABLE "security_events"');
    await queryRunner.query('DROP TABLE "licence_quota_usage"');
    await queryRunner.query('DROP TABLE "licence_versions"');
    await queryRunner.query('DROP INDEX "public"."licences_partner_idx"');
    await queryRunner.query('DROP INDEX "public"."licences_oem_idx"');
    await queryRunner.query('DROP TABLE "licences"');
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795396807570 implements MigrationInterface {
  name = 'Foundation1795396807570';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organisations_kind_check" CHECK (kind IN (\'platform\', \'oem\', \'refurbishment_centre\', \'partner\', \'customer\')), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_role_check" CHECK (role IN (\'admin\', \'programme_manager\', \'technician\', \'warranty\', \'resale\', \'auditor\')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "users_organisation_idx" ON "users"  ("organisation_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") ');
    await queryRunner.query(
      'CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "api_keys_user_idx" ON "api_keys"  ("user_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"  ("key_hash") ');
    await queryRunner.query(
      'ALTER TABLE "users" ADD CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "api_keys" ADD CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "api_keys" DROP CONSTRAINT "FK_a3baee01d8408cd3c0f89a9a973"');
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577"');
    await queryRunner.query('DROP INDEX "public"."api_keys_hash_key"');
    await queryRunner.query('DROP INDEX "public"."api_keys_user_idx"');
    await queryRunner.query('DROP TABLE "api_keys"');
    await queryRunner.query('DROP INDEX "public"."users_email_key"');
    await queryRunner.query('DROP INDEX "public"."users_organisation_idx"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP TABLE "organisations"');
  }
}

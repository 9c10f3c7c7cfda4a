import { MigrationInterface, QueryRunner } from 'typeorm';

export class LifecycleEngine1795398053106 implements MigrationInterface {
  name = 'LifecycleEngine1795398053106';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_events" ("id" BIGSERIAL NOT NULL, "device_id" uuid NOT NULL, "lifecycle_id" uuid NOT NULL, "seq" integer NOT NULL, "event_type" character varying(40) NOT NULL, "payload" jsonb NOT NULL, "from_state" character varying(64), "to_state" character varying(64) NOT NULL, "actor" jsonb, "request_id" character varying(128), "machine_version" character varying(32) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "prev_hash" character(64), "hash" character(64) NOT NULL, CONSTRAINT "audit_events_lifecycle_seq_key" UNIQUE ("lifecycle_id", "seq"), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "audit_events_device_idx" ON "audit_events"  ("device_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "devices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "brand" character varying(64) NOT NULL, "serial" character varying(128) NOT NULL, "model" character varying(128) NOT NULL, "device_class" character varying(16) NOT NULL, "asset_tag" character varying(64), "current_lifecycle_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "devices_brand_serial_key" UNIQUE ("brand", "serial"), CONSTRAINT "devices_class_check" CHECK (device_class IN (\'notebook\', \'desktop\', \'workstation\', \'tablet\', \'server\', \'monitor\')), CONSTRAINT "PK_b1514758245c12daf43486dd1f0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "devices_serial_idx" ON "devices"  ("serial") ');
    await queryRunner.query('CREATE INDEX "devices_current_lifecycle_idx" ON "devices"  ("current_lifecycle_id") ');
    await queryRunner.query(
      'CREATE TABLE "storage_media" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "device_id" uuid NOT NULL, "serial" character varying(128) NOT NULL, "media_type" character varying(8) NOT NULL, "interface" character varying(16) NOT NULL, "capacity_gb" integer, CONSTRAINT "storage_media_device_serial_key" UNIQUE ("device_id", "serial"), CONSTRAINT "storage_media_type_check" CHECK (media_type IN (\'hdd\', \'ssd\', \'nvme\', \'emmc\', \'other\')), CONSTRAINT "PK_6c9ee9299d88e924b792e605d24" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "storage_media_device_idx" ON "storage_media"  ("device_id") ');
    await queryRunner.query(
      'CREATE TABLE "idempotency_keys" ("organisation_id" uuid NOT NULL, "key" uuid NOT NULL, "fingerprint" character(64) NOT NULL, "response_status" integer NOT NULL, "response_body" text NOT NULL, "response_etag" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_94ad185cd620ee841022da26a8b" PRIMARY KEY ("organisation_id", "key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "lifecycles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "device_id" uuid NOT NULL, "number" integer NOT NULL, "takeback_id" uuid, "state" character varying(64) NOT NULL, "snapshot" jsonb NOT NULL, "version" integer NOT NULL, "machine_version" character varying(32) NOT NULL, "custodian_organisation_id" uuid NOT NULL, "site" character varying(200) NOT NULL, "last_seq" integer NOT NULL, "last_hash" character(64) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "lifecycles_device_number_key" UNIQUE ("device_id", "number"), CONSTRAINT "PK_d9f2a226e0b8b437d978b5e4298" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "lifecycles_state_idx" ON "lifecycles"  ("state") ');
    await queryRunner.query('CREATE INDEX "lifecycles_custodian_idx" ON "lifecycles"  ("custodian_organisation_id") ');
    await queryRunner.query(
      'CREATE TABLE "takebacks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_organisation_id" uuid NOT NULL, "custodian_organisation_id" uuid NOT NULL, "site" character varying(200) NOT NULL, "market" character varying(8), "created_by_user_id" uuid NOT NULL, "expected_count" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_209508088040479fc58adf8ba2c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "takebacks_customer_idx" ON "takebacks"  ("customer_organisation_id") ');
    await queryRunner.query('CREATE INDEX "takebacks_custodian_idx" ON "takebacks"  ("custodian_organisation_id") ');
    await queryRunner.query(
      'CREATE TABLE "takeback_items" ("takeback_id" uuid NOT NULL, "device_id" uuid NOT NULL, "on_manifest" boolean NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_31f4cf73d43eaf057fb88d07ce0" PRIMARY KEY ("takeback_id", "device_id"))',
    );
    await queryRunner.query('CREATE INDEX "takeback_items_device_idx" ON "takeback_items"  ("device_id") ');
    await queryRunner.query(
      'ALTER TABLE "storage_media" ADD CONSTRAINT "FK_4b3e9b3588b934aca0cd1232620" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "lifecycles" ADD CONSTRAINT "FK_643eb79390a4a10efe8c4f3e861" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "lifecycles" ADD CONSTRAINT "FK_7d2bfc57e34531380f93e004a9b" FOREIGN KEY ("custodian_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "takebacks" ADD CONSTRAINT "FK_91192f5b2fbcd267d3104566802" FOREIGN KEY ("customer_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "takebacks" ADD CONSTRAINT "FK_98cd45258da0b38f03ac38ae80f" FOREIGN KEY ("custodian_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "takeback_items" ADD CONSTRAINT "FK_bd3de9756ca458d7a1bcca5efc7" FOREIGN KEY ("takeback_id") REFERENCES "takebacks"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "takeback_items" ADD CONSTRAINT "FK_dc9798712a354e13e84112d9fef" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    // The audit trail is append-only: the database itself refuses to change or remove an entry.
    await queryRunner.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
    await queryRunner.query(`DROP TRIGGER audit_events_no_update_delete ON audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query('ALTER TABLE "takeback_items" DROP CONSTRAINT "FK_dc9798712a354e13e84112d9fef"');
    await queryRunner.query('ALTER TABLE "takeback_items" DROP CONSTRAINT "FK_bd3de9756ca458d7a1bcca5efc7"');
    await queryRunner.query('ALTER TABLE "takebacks" DROP CONSTRAINT "FK_98cd45258da0b38f03ac38ae80f"');
    await queryRunner.query('ALTER TABLE "takebacks" DROP CONSTRAINT "FK_91192f5b2fbcd267d3104566802"');
    await queryRunner.query('ALTER TABLE "lifecycles" DROP CONSTRAINT "FK_7d2bfc57e34531380f93e004a9b"');
    await queryRunner.query('ALTER TABLE "lifecycles" DROP CONSTRAINT "FK_643eb79390a4a10efe8c4f3e861"');
    await queryRunner.query('ALTER TABLE "storage_media" DROP CONSTRAINT "FK_4b3e9b3588b934aca0cd1232620"');
    await queryRunner.query('DROP INDEX "public"."takeback_items_device_idx"');
    await queryRunner.query('DROP TABLE "takeback_items"');
    await queryRunner.query('DROP INDEX "public"."takebacks_custodian_idx"');
    await queryRunner.query('DROP INDEX "public"."takebacks_customer_idx"');
    await queryRunner.query('DROP TABLE "takebacks"');
    await queryRunner.query('DROP INDEX "public"."lifecycles_custodian_idx"');
    await queryRunner.query('DROP INDEX "public"."lifecycles_state_idx"');
    await queryRunner.query('DROP TABLE "lifecycles"');
    await queryRunner.query('DROP TABLE "idempotency_keys"');
    await queryRunner.query('DROP INDEX "public"."storage_media_device_idx"');
    await queryRunner.query('DROP TABLE "storage_media"');
    await queryRunner.query('DROP INDEX "public"."devices_current_lifecycle_idx"');
    await queryRunner.query('DROP INDEX "public"."devices_serial_idx"');
    await queryRunner.query('DROP TABLE "devices"');
    await queryRunner.query('DROP INDEX "public"."audit_events_device_idx"');
    await queryRunner.query('DROP TABLE "audit_events"');
  }
}

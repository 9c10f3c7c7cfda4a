import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner incentives (docs/incentives.md): versioned programmes, claims with their lines and review history.
 * A unit-event qualifies at most once per programme, whoever claims it: a partial unique index says so, so
 * that two claims filed at once cannot both hold it. Statements read the trail by recorder, type and time.
 * The service role gets its rights on these tables from the grants run after every migration (service-role.ts).
 */
export class PartnerIncentives1795510000000 implements MigrationInterface {
  name = 'PartnerIncentives1795510000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "incentive_programmes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "oem_organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
      "code" character varying(100) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "incentive_programmes_oem_code_key" UNIQUE ("oem_organisation_id", "code"))`);
    await queryRunner.query(`CREATE TABLE "incentive_programme_versions" (
      "programme_id" uuid NOT NULL REFERENCES "incentive_programmes" ("id") ON DELETE RESTRICT,
      "version" integer NOT NULL,
      "terms" jsonb NOT NULL,
      "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL,
      "created_by_user_id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "incentive_programme_versions_pkey" PRIMARY KEY ("programme_id", "version"))`);
    await queryRunner.query(`CREATE TABLE "incentive_claims" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      "reference" character varying(40) NOT NULL UNIQUE,
      "programme_id" uuid NOT NULL REFERENCES "incentive_programmes" ("id") ON DELETE RESTRICT,
      "programme_version" integer NOT NULL,
      "oem_organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
      "partner_organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
      "period" character varying(8) NOT NULL,
      "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
      "period_end" TIMESTAMP WITH TIME ZONE NOT NULL,
      "currency" character(3) NOT NULL,
      "status" character varying(16) NOT NULL DEFAULT 'submitted'
        CONSTRAINT "incentive_claims_status_check" CHECK ("status" IN ('submitted', 'approved', 'rejected', 'paid')),
      "qualifying_units" integer NOT NULL,
      "qualifying_minor" bigint NOT NULL,
      "clawback_minor" bigint NOT NULL,
      "total_minor" bigint NOT NULL,
      "arithmetic" text NOT NULL,
      "filed_by_user_id" uuid NOT NULL,
      "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "rejection_reason" character varying(500),
      "payment_reference" character varying(100),
      CONSTRAINT "incentive_claims_period_key" UNIQUE ("programme_id", "partner_organisation_id", "period"))`);
    await queryRunner.query(`CREATE INDEX "incentive_claims_oem_status_idx" ON "incentive_claims" ("oem_organisation_id", "status")`);
    await queryRunner.query(`CREATE INDEX "incentive_claims_partner_idx" ON "incentive_claims" ("partner_organisation_id", "period")`);
    await queryRunner.query(`CREATE TABLE "incentive_claim_lines" (
      "id" bigserial PRIMARY KEY,
      "claim_id" uuid NOT NULL REFERENCES "incentive_claims" ("id") ON DELETE RESTRICT,
      "programme_id" uuid NOT NULL,
      "kind" character varying(16) NOT NULL
        CONSTRAINT "incentive_claim_lines_kind_check" CHECK ("kind" IN ('qualifying', 'rejected', 'clawback', 'tier_adjustment')),
      "audit_event_id" bigint,
      "device_id" uuid,
      "lifecycle_id" uuid,
      "event_type" character varying(40),
      "entry_seq" integer,
      "entry_hash" character(64),
      "occurred_at" TIMESTAMP WITH TIME ZONE,
      "amount_minor" bigint NOT NULL,
      "reason" character varying(500),
      "arithmetic" text,
      "reverses_line_id" bigint REFERENCES "incentive_claim_lines" ("id") ON DELETE RESTRICT,
      "adjusts_claim_id" uuid REFERENCES "incentive_claims" ("id") ON DELETE RESTRICT)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "incentive_claim_lines_unit_event_key" ON "incentive_claim_lines" ("programme_id", "lifecycle_id", "event_type") WHERE "kind" = 'qualifying'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "incentive_claim_lines_reversal_key" ON "incentive_claim_lines" ("reverses_line_id") WHERE "kind" = 'clawback'`,
    );
    await queryRunner.query(`CREATE INDEX "incentive_claim_lines_claim_idx" ON "incentive_claim_lines" ("claim_id", "id")`);
    await queryRunner.query(`CREATE INDEX "incentive_claim_lines_device_idx" ON "incentive_claim_lines" ("device_id")`);
    await queryRunner.query(`CREATE INDEX "incentive_claim_lines_adjusts_idx" ON "incentive_claim_lines" ("adjusts_claim_id")`);
    await queryRunner.query(`CREATE TABLE "incentive_claim_transitions" (
      "id" bigserial PRIMARY KEY,
      "claim_id" uuid NOT NULL REFERENCES "incentive_claims" ("id") ON DELETE RESTRICT,
      "from_status" character varying(16),
      "to_status" character varying(16) NOT NULL,
      "actor" jsonb NOT NULL,
      "reason" character varying(500),
      "payment_reference" character varying(100),
      "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE INDEX "incentive_claim_transitions_claim_idx" ON "incentive_claim_transitions" ("claim_id", "id")`);
    // A statement reads one recorder's entries of a few types in a period: an index range, not a scan of the trail.
    await queryRunner.query(
      `CREATE INDEX "audit_events_organisation_type_time_idx" ON "audit_events" (("actor"->>'organisationId'), "event_type", "occurred_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "audit_events_organisation_type_time_idx"`);
    await queryRunner.query(`DROP TABLE "incentive_claim_transitions"`);
    await queryRunner.query(`DROP TABLE "incentive_claim_lines"`);
    await queryRunner.query(`DROP TABLE "incentive_claims"`);
    await queryRunner.query(`DROP TABLE "incentive_programme_versions"`);
    await queryRunner.query(`DROP TABLE "incentive_programmes"`);
  }
}

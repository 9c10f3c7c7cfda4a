import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The carbon ledger: one row per carbon entry of a unit's trail (the entry itself sits in audit_events, under the
 * hash chain; this row points at it and carries the keys reports group by), usage readings (one period per row, no
 * two periods of a device overlapping), and the offsets ledger (retirements whose serial blocks never overlap within
 * a registry project, and their allocations). The service role's grants come from SERVICE_GRANTS (all tables).
 */
export class CarbonLedger1795490000000 implements MigrationInterface {
  name = 'CarbonLedger1795490000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Trusted extension (PostgreSQL 13+): the schema owner may create it. Equality on uuid/text inside EXCLUDE.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`CREATE TABLE "carbon_entries" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "device_id" uuid NOT NULL REFERENCES "devices" ("id") ON DELETE RESTRICT,
      "lifecycle_id" uuid NOT NULL,
      "lifecycle_number" integer NOT NULL,
      "audit_seq" integer NOT NULL,
      "audit_entry_hash" character varying(64) NOT NULL,
      "kind" character varying(24) NOT NULL,
      "kg" double precision NOT NULL,
      "low_kg" double precision NOT NULL,
      "high_kg" double precision NOT NULL,
      "factor_set" character varying(64) NOT NULL,
      "source" jsonb NOT NULL,
      "inputs" jsonb NOT NULL,
      "claimant_organisation_id" uuid,
      "claimant_role" character varying(16),
      "device_class" character varying(16) NOT NULL,
      "customer_organisation_id" uuid,
      "custodian_organisation_id" uuid NOT NULL,
      "oem_organisation_id" uuid,
      "takeback_id" uuid,
      "programme_id" uuid,
      "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "carbon_entries_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "carbon_entries_kind_check" CHECK (kind IN ('embodied', 'refurbishment', 'logistics', 'use', 'avoided', 'avoided_reversal')),
      CONSTRAINT "carbon_entries_claimant_check" CHECK (claimant_role IS NULL OR claimant_role IN ('oem', 'partner', 'customer')),
      CONSTRAINT "carbon_entries_band_check" CHECK (kind = 'avoided_reversal' OR (low_kg <= kg AND kg <= high_kg)))`);
    // Reports read index ranges (covering: no heap visit for the totals), never the trail.
    const covering = 'INCLUDE ("kind", "kg", "low_kg", "high_kg", "device_class", "device_id", "factor_set")';
    await queryRunner.query(`CREATE INDEX "carbon_entries_device_idx" ON "carbon_entries" ("device_id", "recorded_at")`);
    await queryRunner.query(`CREATE INDEX "carbon_entries_lifecycle_idx" ON "carbon_entries" ("lifecycle_id", "kind")`);
    await queryRunner.query(
      `CREATE INDEX "carbon_entries_customer_idx" ON "carbon_entries" ("customer_organisation_id", "recorded_at") ${covering}`,
    );
    await queryRunner.query(`CREATE INDEX "carbon_entries_takeback_idx" ON "carbon_entries" ("takeback_id") ${covering}`);
    await queryRunner.query(
      `CREATE INDEX "carbon_entries_custodian_idx" ON "carbon_entries" ("custodian_organisation_id", "recorded_at") ${covering}`,
    );
    await queryRunner.query(`CREATE INDEX "carbon_entries_programme_idx" ON "carbon_entries" ("programme_id", "recorded_at") ${covering}`);

    await queryRunner.query(`CREATE TABLE "carbon_usage_readings" (
      "device_id" uuid NOT NULL REFERENCES "devices" ("id") ON DELETE RESTRICT,
      "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
      "period_end" TIMESTAMP WITH TIME ZONE NOT NULL,
      "kwh" double precision,
      "power_on_hours" double precision,
      "country" character varying(8),
      "audit_seq" integer NOT NULL,
      "audit_entry_hash" character varying(64) NOT NULL,
      "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "carbon_usage_readings_pkey" PRIMARY KEY ("device_id", "period_start"),
      CONSTRAINT "carbon_usage_readings_period_check" CHECK (period_end > period_start),
      CONSTRAINT "carbon_usage_readings_measure_check" CHECK ((kwh IS NULL) <> (power_on_hours IS NULL)),
      CONSTRAINT "carbon_usage_readings_no_overlap" EXCLUDE USING gist ("device_id" WITH =, tstzrange("period_start", "period_end") WITH &&))`);

    await queryRunner.query(`CREATE TABLE "offset_retirements" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
      "registry" character varying(32) NOT NULL,
      "project_id" character varying(100) NOT NULL,
      "serial_start" bigint NOT NULL,
      "serial_end" bigint NOT NULL,
      "quantity_t" numeric(14,3) NOT NULL,
      "vintage" integer NOT NULL,
      "beneficiary" character varying(200) NOT NULL,
      "certificate_url" character varying(500) NOT NULL,
      "retired_on" date NOT NULL,
      "created_by_user_id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "offset_retirements_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "offset_retirements_registry_check" CHECK (registry IN ('verra_vcs', 'gold_standard', 'acr', 'car', 'puro_earth', 'isometric', 'plan_vivo')),
      CONSTRAINT "offset_retirements_serials_check" CHECK (serial_start >= 0 AND serial_end >= serial_start),
      CONSTRAINT "offset_retirements_no_overlap" EXCLUDE USING gist ("registry" WITH =, "project_id" WITH =, int8range("serial_start", "serial_end", '[]') WITH &&))`);
    await queryRunner.query(`CREATE INDEX "offset_retirements_organisation_idx" ON "offset_retirements" ("organisation_id", "retired_on")`);

    await queryRunner.query(`CREATE TABLE "offset_allocations" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "retirement_id" uuid NOT NULL REFERENCES "offset_retirements" ("id") ON DELETE RESTRICT,
      "customer_organisation_id" uuid REFERENCES "organisations" ("id") ON DELETE RESTRICT,
      "device_id" uuid REFERENCES "devices" ("id") ON DELETE RESTRICT,
      "quantity_t" numeric(14,3) NOT NULL,
      "created_by_user_id" uuid NOT NULL,
      "allocated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "offset_allocations_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "offset_allocations_quantity_check" CHECK (quantity_t > 0),
      CONSTRAINT "offset_allocations_target_check" CHECK ((customer_organisation_id IS NULL) <> (device_id IS NULL)))`);
    await queryRunner.query(`CREATE INDEX "offset_allocations_retirement_idx" ON "offset_allocations" ("retirement_id")`);
    await queryRunner.query(`CREATE INDEX "offset_allocations_customer_idx" ON "offset_allocations" ("customer_organisation_id")`);
    await queryRunner.query(`CREATE INDEX "offset_allocations_device_idx" ON "offset_allocations" ("device_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "offset_allocations"`);
    await queryRunner.query(`DROP TABLE "offset_retirements"`);
    await queryRunner.query(`DROP TABLE "carbon_usage_readings"`);
    await queryRunner.query(`DROP TABLE "carbon_entries"`);
  }
}

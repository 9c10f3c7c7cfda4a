import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Plain b-tree indexes: the entities declare them too (TypeORM compares their columns). */
const BTREE: Array<[name: string, table: string, columns: string]> = [
  ['devices_created_order_idx', 'devices', '"created_at", "id"'],
  ['devices_brand_created_idx', 'devices', '"brand", "created_at", "id"'],
  ['devices_class_created_idx', 'devices', '"device_class", "created_at", "id"'],
  ['lifecycles_site_idx', 'lifecycles', '"site"'],
  ['lifecycles_programme_idx', 'lifecycles', '"programme_id"'],
  ['lifecycles_takeback_idx', 'lifecycles', '"takeback_id"'],
  ['lifecycles_updated_idx', 'lifecycles', '"updated_at"'],
  ['takebacks_market_idx', 'takebacks', '"market"'],
  ['takebacks_created_order_idx', 'takebacks', '"created_at", "id"'],
  ['takebacks_customer_created_idx', 'takebacks', '"customer_organisation_id", "created_at", "id"'],
  ['takebacks_custodian_created_idx', 'takebacks', '"custodian_organisation_id", "created_at", "id"'],
  ['custody_handoffs_status_order_idx', 'custody_handoffs', '"status", "requested_at", "id"'],
  ['sanitization_certificates_issued_order_idx', 'sanitization_certificates', '"issued_at", "id"'],
];

/**
 * Indexes TypeORM cannot describe (trigram, expression, partial): declared in the entities with
 * `synchronize: false`, so the schema check leaves them alone.
 */
const SPECIAL: Array<[name: string, definition: string]> = [
  ['devices_serial_trgm_idx', `ON "devices" USING gin ("serial" gin_trgm_ops)`],
  ['devices_asset_tag_trgm_idx', `ON "devices" USING gin ("asset_tag" gin_trgm_ops)`],
  ['storage_media_serial_trgm_idx', `ON "storage_media" USING gin ("serial" gin_trgm_ops)`],
  ['lifecycles_grade_idx', `ON "lifecycles" ((snapshot #>> '{context,grade}'))`],
  ['takeback_items_open_idx', `ON "takeback_items" ("takeback_id") WHERE on_manifest AND received_at IS NULL`],
  ['audit_events_sales_idx', `ON "audit_events" ("id") WHERE event_type = 'SELL'`],
  ['audit_events_sale_lifecycle_idx', `ON "audit_events" ("lifecycle_id", "id") WHERE event_type = 'SELL'`],
];

/**
 * Search and lists: a last-change time per lifecycle, and an index for every list filter, the sort
 * (created time, id) and the scope predicates. pg_trgm is a contrib extension shipped with PostgreSQL
 * (and with the embedded cluster); creating it needs the schema owner, which runs migrations.
 */
export class ListsAndSearch1795450000000 implements MigrationInterface {
  name = 'ListsAndSearch1795450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`ALTER TABLE "lifecycles" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    // Existing lifecycles changed last at their latest trail entry.
    await queryRunner.query(`UPDATE "lifecycles" l SET "updated_at" = COALESCE(
      (SELECT max(a.occurred_at) FROM "audit_events" a WHERE a.lifecycle_id = l.id), l.started_at)`);
    for (const [name, table, columns] of BTREE) await queryRunner.query(`CREATE INDEX "${name}" ON "${table}" (${columns})`);
    for (const [name, definition] of SPECIAL) await queryRunner.query(`CREATE INDEX "${name}" ${definition}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name] of [...SPECIAL, ...BTREE].reverse()) await queryRunner.query(`DROP INDEX "${name}"`);
    await queryRunner.query(`ALTER TABLE "lifecycles" DROP COLUMN "updated_at"`);
  }
}

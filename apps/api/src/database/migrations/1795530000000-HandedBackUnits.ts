import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A customer's units in list order. A customer sees the units it handed back; answering "its first page" from
 * takeback_items meant walking every unit in (created time, id) order and testing each, so a customer (or any
 * organisation that handed nothing back) paid for the whole table on every page. This table holds each
 * (customer, unit) once with the unit's created time, keyed in list order; a statement trigger on takeback_items
 * keeps it in the inserting transaction, on every path that adds a unit to a takeback.
 */
export class HandedBackUnits1795530000000 implements MigrationInterface {
  name = 'HandedBackUnits1795530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "handed_back_units" (
      "customer_organisation_id" uuid NOT NULL, "device_id" uuid NOT NULL, "device_created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_handed_back_units" PRIMARY KEY ("customer_organisation_id", "device_id"))`);
    await queryRunner.query(
      `CREATE INDEX "handed_back_units_list_idx" ON "handed_back_units" ("customer_organisation_id", "device_created_at", "device_id")`,
    );
    await queryRunner.query(`INSERT INTO handed_back_units (customer_organisation_id, device_id, device_created_at)
      SELECT DISTINCT t.customer_organisation_id, ti.device_id, d.created_at
        FROM takeback_items ti JOIN takebacks t ON t.id = ti.takeback_id JOIN devices d ON d.id = ti.device_id`);
    await queryRunner.query(`CREATE FUNCTION handed_back_units_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO handed_back_units (customer_organisation_id, device_id, device_created_at)
          SELECT DISTINCT t.customer_organisation_id, added.device_id, d.created_at
            FROM added JOIN takebacks t ON t.id = added.takeback_id JOIN devices d ON d.id = added.device_id
          ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER takeback_items_handed_back AFTER INSERT ON takeback_items
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION handed_back_units_add()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER takeback_items_handed_back ON takeback_items`);
    await queryRunner.query(`DROP FUNCTION handed_back_units_add()`);
    await queryRunner.query(`DROP TABLE "handed_back_units"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The handed_back_units trigger looks each added unit up by key. A transition table has no statistics, so the
 * join of a 10,000-row statement to `devices` was planned as a hash join over the whole table: at 1,000,000 units
 * the insert of a takeback's items took 1.2 s instead of 0.25 s, and intake slowed as the table grew. A scalar
 * subquery runs once per added row through the primary key, whatever the table holds.
 */
export class HandedBackUnitsByIndex1795570000000 implements MigrationInterface {
  name = 'HandedBackUnitsByIndex1795570000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION handed_back_units_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO handed_back_units (customer_organisation_id, device_id, device_created_at)
          SELECT DISTINCT
                 (SELECT t.customer_organisation_id FROM takebacks t WHERE t.id = added.takeback_id),
                 added.device_id,
                 (SELECT d.created_at FROM devices d WHERE d.id = added.device_id)
            FROM added
          ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION handed_back_units_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO handed_back_units (customer_organisation_id, device_id, device_created_at)
          SELECT DISTINCT t.customer_organisation_id, added.device_id, d.created_at
            FROM added JOIN takebacks t ON t.id = added.takeback_id JOIN devices d ON d.id = added.device_id
          ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
  }
}

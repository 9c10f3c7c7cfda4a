import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The units an organisation holds, in list order. The custodian's branch of a scoped list walked every unit in
 * (created time, id) order and tested each one's custodian, or read all the custodian's units and sorted them:
 * whichever the planner guessed, a partner whose units are the newest (or the oldest) of the table paid for the
 * whole table (64 ms a page at 1,090,000 units for a partner holding 1,000). Each lifecycle now carries its unit's
 * created time (set by a row trigger on insert, on every path; a unit's created time never changes), and
 * (custodian, unit created time, unit id) is one index walk in list order. It replaces the custodian index.
 */
export class HeldUnitsListOrder1795580000000 implements MigrationInterface {
  name = 'HeldUnitsListOrder1795580000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // No lifecycle may be added between the backfill and the trigger (a service still running during the migration).
    await queryRunner.query(`LOCK TABLE lifecycles IN SHARE ROW EXCLUSIVE MODE`);
    await queryRunner.query(`ALTER TABLE "lifecycles" ADD "device_created_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE lifecycles l SET device_created_at = d.created_at FROM devices d WHERE d.id = l.device_id`);
    await queryRunner.query(`ALTER TABLE "lifecycles" ALTER COLUMN "device_created_at" SET NOT NULL`);
    await queryRunner.query(`CREATE FUNCTION lifecycles_device_created_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.device_created_at := (SELECT d.created_at FROM devices d WHERE d.id = NEW.device_id);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER lifecycles_device_created_at BEFORE INSERT ON lifecycles
      FOR EACH ROW EXECUTE FUNCTION lifecycles_device_created_at()`);
    await queryRunner.query(
      `CREATE INDEX "lifecycles_custodian_list_idx" ON "lifecycles" ("custodian_organisation_id", "device_created_at", "device_id")`,
    );
    await queryRunner.query(`DROP INDEX "lifecycles_custodian_idx"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "lifecycles_custodian_idx" ON "lifecycles" ("custodian_organisation_id")`);
    await queryRunner.query(`DROP INDEX "lifecycles_custodian_list_idx"`);
    await queryRunner.query(`DROP TRIGGER lifecycles_device_created_at ON lifecycles`);
    await queryRunner.query(`DROP FUNCTION lifecycles_device_created_at()`);
    await queryRunner.query(`ALTER TABLE "lifecycles" DROP COLUMN "device_created_at"`);
  }
}

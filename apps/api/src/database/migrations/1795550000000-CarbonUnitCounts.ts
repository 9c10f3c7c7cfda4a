import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Carbon reports without per-unit reads. A report counted its units with count(DISTINCT device_id) over the
 * subject's memberships (every unit a customer ever handed back), and a takeback's report summed the offsets of
 * each of its units by id. Now:
 * - carbon_subject_unit_counts holds the number of units per (subject, year, class), added to by a statement
 *   trigger on carbon_subject_units for the memberships that are new, in the inserting transaction; year 0 rows
 *   (added here for what exists) are the all-time memberships, for a report without a period;
 * - an allocation to a unit records the takeback of the unit's latest carbon entry (a row trigger, on every path),
 *   so a takeback's offsets are one indexed range of offset_allocations.
 */
export class CarbonUnitCounts1795550000000 implements MigrationInterface {
  name = 'CarbonUnitCounts1795550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // No write may fall between a backfill and its trigger (a service still running during the migration).
    await queryRunner.query(`LOCK TABLE carbon_subject_units, offset_allocations IN SHARE ROW EXCLUSIVE MODE`);
    await queryRunner.query(`CREATE TABLE "carbon_subject_unit_counts" (
      "subject_kind" character varying(12) NOT NULL,
      "subject_id" uuid NOT NULL,
      "year" integer NOT NULL,
      "device_class" character varying(16) NOT NULL,
      "units" integer NOT NULL,
      CONSTRAINT "carbon_subject_unit_counts_pkey" PRIMARY KEY ("subject_kind", "subject_id", "year", "device_class"))`);
    await queryRunner.query(`INSERT INTO carbon_subject_units (subject_kind, subject_id, year, device_class, device_id)
      SELECT DISTINCT subject_kind, subject_id, 0, device_class, device_id FROM carbon_subject_units ON CONFLICT DO NOTHING`);
    await queryRunner.query(`INSERT INTO carbon_subject_unit_counts (subject_kind, subject_id, year, device_class, units)
      SELECT subject_kind, subject_id, year, device_class, count(*) FROM carbon_subject_units GROUP BY 1, 2, 3, 4`);
    // Sorted, so two transactions adding to the same counters lock them in one order.
    await queryRunner.query(`CREATE FUNCTION carbon_subject_units_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO carbon_subject_unit_counts (subject_kind, subject_id, year, device_class, units)
          SELECT subject_kind, subject_id, year, device_class, count(*) FROM added GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
          ON CONFLICT (subject_kind, subject_id, year, device_class) DO UPDATE SET units = carbon_subject_unit_counts.units + excluded.units;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER carbon_subject_units_counted AFTER INSERT ON carbon_subject_units
      REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION carbon_subject_units_count()`);

    await queryRunner.query(`ALTER TABLE "offset_allocations" ADD "takeback_id" uuid`);
    // An existing allocation goes to the takeback the unit was in when it was made, as the trigger will do.
    await queryRunner.query(`UPDATE offset_allocations a SET takeback_id = (
      SELECT c.takeback_id FROM carbon_entries c
       WHERE c.device_id = a.device_id AND c.takeback_id IS NOT NULL AND c.recorded_at <= a.allocated_at
       ORDER BY c.recorded_at DESC, c.audit_seq DESC LIMIT 1) WHERE a.device_id IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "offset_allocations_takeback_idx" ON "offset_allocations" ("takeback_id") WHERE takeback_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE FUNCTION offset_allocations_takeback() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.device_id IS NOT NULL THEN
          NEW.takeback_id := (SELECT c.takeback_id FROM carbon_entries c WHERE c.device_id = NEW.device_id AND c.takeback_id IS NOT NULL
                               ORDER BY c.recorded_at DESC, c.audit_seq DESC LIMIT 1);
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER offset_allocations_takeback BEFORE INSERT ON offset_allocations
      FOR EACH ROW EXECUTE FUNCTION offset_allocations_takeback()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER offset_allocations_takeback ON offset_allocations`);
    await queryRunner.query(`DROP FUNCTION offset_allocations_takeback()`);
    await queryRunner.query(`DROP INDEX "offset_allocations_takeback_idx"`);
    await queryRunner.query(`ALTER TABLE "offset_allocations" DROP COLUMN "takeback_id"`);
    await queryRunner.query(`DROP TRIGGER carbon_subject_units_counted ON carbon_subject_units`);
    await queryRunner.query(`DROP FUNCTION carbon_subject_units_count()`);
    await queryRunner.query(`DELETE FROM carbon_subject_units WHERE year = 0`);
    await queryRunner.query(`DROP TABLE "carbon_subject_unit_counts"`);
  }
}

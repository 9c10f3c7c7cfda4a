import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A takeback's received count, kept on the takeback. `GET /takebacks` counted each listed takeback's received
 * items (10,000 each for a fleet's takeback: half a million rows for one page). Statement triggers on
 * takeback_items add what each statement received (an insert of a unit received off the manifest, the update
 * that ticks a manifest item, a delete) to `takebacks.received_count`, in the same transaction, on every path.
 */
export class TakebackReceivedCounts1795560000000 implements MigrationInterface {
  name = 'TakebackReceivedCounts1795560000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // No receipt may fall between the backfill and the triggers (a service still running during the migration).
    await queryRunner.query(`LOCK TABLE takeback_items IN SHARE ROW EXCLUSIVE MODE`);
    await queryRunner.query(`ALTER TABLE "takebacks" ADD "received_count" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`UPDATE takebacks t SET received_count = c.n
      FROM (SELECT takeback_id, count(received_at)::int AS n FROM takeback_items GROUP BY 1) c WHERE t.id = c.takeback_id AND c.n > 0`);
    // after_rows / before_rows are the statement's transition tables; an insert has no before_rows, a delete no after_rows.
    await queryRunner.query(`CREATE FUNCTION takeback_items_count_received() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE takebacks t SET received_count = t.received_count + c.n
            FROM (SELECT takeback_id, count(*)::int AS n FROM after_rows WHERE received_at IS NOT NULL GROUP BY 1) c
           WHERE t.id = c.takeback_id;
        ELSIF TG_OP = 'UPDATE' THEN
          UPDATE takebacks t SET received_count = t.received_count + c.n
            FROM (SELECT takeback_id, sum(delta)::int AS n FROM (
                    SELECT takeback_id, 1 AS delta FROM after_rows WHERE received_at IS NOT NULL
                    UNION ALL SELECT takeback_id, -1 FROM before_rows WHERE received_at IS NOT NULL) changed
                  GROUP BY 1 HAVING sum(delta) <> 0) c
           WHERE t.id = c.takeback_id;
        ELSE
          UPDATE takebacks t SET received_count = t.received_count - c.n
            FROM (SELECT takeback_id, count(*)::int AS n FROM before_rows WHERE received_at IS NOT NULL GROUP BY 1) c
           WHERE t.id = c.takeback_id;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER takeback_items_received_inserted AFTER INSERT ON takeback_items
      REFERENCING NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION takeback_items_count_received()`);
    await queryRunner.query(`CREATE TRIGGER takeback_items_received_updated AFTER UPDATE ON takeback_items
      REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION takeback_items_count_received()`);
    await queryRunner.query(`CREATE TRIGGER takeback_items_received_deleted AFTER DELETE ON takeback_items
      REFERENCING OLD TABLE AS before_rows FOR EACH STATEMENT EXECUTE FUNCTION takeback_items_count_received()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of ['inserted', 'updated', 'deleted'])
      await queryRunner.query(`DROP TRIGGER takeback_items_received_${name} ON takeback_items`);
    await queryRunner.query(`DROP FUNCTION takeback_items_count_received()`);
    await queryRunner.query(`ALTER TABLE "takebacks" DROP COLUMN "received_count"`);
  }
}

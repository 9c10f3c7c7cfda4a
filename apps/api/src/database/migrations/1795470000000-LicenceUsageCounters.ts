import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The licence usage report without a scan of the trail: hourly counters kept by a trigger in the inserting
 * transaction (every path that appends a partner's entry is covered), filled once from the existing trail, and an
 * index over partner entries by licence and time for the partial hours at the ends of a period.
 */
export class LicenceUsageCounters1795470000000 implements MigrationInterface {
  name = 'LicenceUsageCounters1795470000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "licence_usage_hourly" (
      "licence_id" uuid NOT NULL, "capability" character varying(32) NOT NULL, "hour" TIMESTAMP WITH TIME ZONE NOT NULL,
      "handled" integer NOT NULL,
      CONSTRAINT "PK_licence_usage_hourly" PRIMARY KEY ("licence_id", "capability", "hour"))`);
    await queryRunner.query(`INSERT INTO licence_usage_hourly (licence_id, capability, hour, handled)
      SELECT (licence_decision->>'licenceId')::uuid, licence_decision->>'capability', date_trunc('hour', occurred_at, 'UTC'), count(*)
        FROM audit_events WHERE licence_decision IS NOT NULL GROUP BY 1, 2, 3`);
    await queryRunner.query(`CREATE FUNCTION licence_usage_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO licence_usage_hourly (licence_id, capability, hour, handled)
          VALUES ((NEW.licence_decision->>'licenceId')::uuid, NEW.licence_decision->>'capability', date_trunc('hour', NEW.occurred_at, 'UTC'), 1)
          ON CONFLICT (licence_id, capability, hour) DO UPDATE SET handled = licence_usage_hourly.handled + 1;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_events_licence_usage AFTER INSERT ON audit_events FOR EACH ROW
      WHEN (NEW.licence_decision IS NOT NULL) EXECUTE FUNCTION licence_usage_count()`);
    await queryRunner.query(`CREATE INDEX "audit_events_licence_time_idx" ON "audit_events" ((licence_decision->>'licenceId'), "occurred_at")
      WHERE licence_decision IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "audit_events_licence_time_idx"`);
    await queryRunner.query(`DROP TRIGGER audit_events_licence_usage ON audit_events`);
    await queryRunner.query(`DROP FUNCTION licence_usage_count()`);
    await queryRunner.query(`DROP TABLE "licence_usage_hourly"`);
  }
}

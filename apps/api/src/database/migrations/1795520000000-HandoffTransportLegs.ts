import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hand-off may name the transport leg that moves the unit (mode, km, weight as sent); its logistics figure is
 * computed and appended to the unit's trail when the receiver confirms.
 */
export class HandoffTransportLegs1795520000000 implements MigrationInterface {
  name = 'HandoffTransportLegs1795520000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "custody_handoffs" ADD "transport_leg" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "custody_handoffs" DROP COLUMN "transport_leg"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An e-mail address is unique within an organisation, not across the platform: a global index made
 * POST /users an oracle for whether another organisation has a user with that address.
 */
export class UserEmailPerOrganisation1795420000000 implements MigrationInterface {
  name = 'UserEmailPerOrganisation1795420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_organisation_email_key" ON "users" ("organisation_id", "email") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."users_organisation_email_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email") `);
  }
}

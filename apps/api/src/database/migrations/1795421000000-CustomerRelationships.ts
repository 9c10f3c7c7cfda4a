import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which customers a centre works for, recorded by the platform operator (from the contract): a takeback may
 * name only such a customer, so that a centre cannot attach units to any organisation it likes.
 */
export class CustomerRelationships1795421000000 implements MigrationInterface {
  name = 'CustomerRelationships1795421000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customer_relationships" (
      "centre_organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
      "customer_organisation_id" uuid NOT NULL REFERENCES "organisations" ("id") ON DELETE RESTRICT,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "created_by_user_id" uuid NOT NULL,
      CONSTRAINT "customer_relationships_pkey" PRIMARY KEY ("centre_organisation_id", "customer_organisation_id"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "customer_relationships"`);
  }
}

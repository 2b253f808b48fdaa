import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom field values on the survivor (issue 18; docs/custom-fields.md, "On the survivor"): a `custom`
 * JSONB column with a GIN index (jsonb_path_ops), as on the case and the other records
 * (CustomFields1797010000000); PII values in it are ciphertext only. A merge records which of the
 * survivor's custom fields it filled from the merged-away record, so an undo removes exactly those. An
 * intake custom field may name the stepper's step it shows in (`custom_field.step`).
 */
export class SurvivorCustomValues1797050000000 implements MigrationInterface {
  name = 'SurvivorCustomValues1797050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survivor" ADD "custom" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "ix_survivor_custom" ON "survivor" USING gin ("custom" jsonb_path_ops)`);
    await queryRunner.query(`ALTER TABLE "survivor_merge" ADD "custom_filled" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "custom_field" ADD "step" character varying(30)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "custom_field" DROP COLUMN "step"`);
    await queryRunner.query(`ALTER TABLE "survivor_merge" DROP COLUMN "custom_filled"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_custom"`);
    await queryRunner.query(`ALTER TABLE "survivor" DROP COLUMN "custom"`);
  }
}

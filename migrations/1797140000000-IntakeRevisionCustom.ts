import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: an amendment of a submitted intake may change its custom values, so the revision that keeps
 * the intake as it was before the amendment keeps its custom values too (docs/custom-fields.md, "Amending
 * a submitted intake"): keyed by field id, PII values ciphertext only, re-encrypted for the revision's row.
 * Revisions written before this hold none (`{}`): custom values could not be amended then.
 */
export class IntakeRevisionCustom1797140000000 implements MigrationInterface {
  name = 'IntakeRevisionCustom1797140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intake_revision" ADD "custom" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intake_revision" DROP COLUMN "custom"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: an intake's risk level is "not assessed" (null) until its answers settle it: every one of
 * the eight questions answered, or already `high` (no later answer lowers it). Drafts saved before
 * stored `low` for a screening with no answer (or a provisional level for some answers): they become
 * null. Submitted intakes have every answer, so they keep their level. Not reversible in detail: the
 * provisional levels were never meaningful, and `down` leaves them null.
 */
export class IntakeRiskNotAssessed1796730000000 implements MigrationInterface {
  name = 'IntakeRiskNotAssessed1796730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "intake" SET "risk_level" = NULL
        WHERE "risk_level" IS NOT NULL AND "risk_level" <> 'high'
          AND (SELECT count(*) FROM jsonb_object_keys(COALESCE("risk_screening", '{}'::jsonb))) < 8`,
    );
  }

  async down(): Promise<void> {
    // Nothing to restore: see above.
  }
}

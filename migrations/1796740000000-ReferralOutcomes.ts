import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, partner portal: a completed referral records what became of it (housed, enrolled, services
 * given, not served) and, when not served, why, both from closed vocabularies (REFERRAL_OUTCOMES,
 * REFERRAL_NOT_SERVED_REASONS), beside the free-text outcome note. Existing referrals have none.
 * A handled referral's unread calls to act are marked read: they are found by referral.
 */
export class ReferralOutcomes1796740000000 implements MigrationInterface {
  name = 'ReferralOutcomes1796740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral" ADD "outcome" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "referral" ADD "outcome_reason" character varying(30)`);
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "ck_referral_outcome" CHECK (outcome IS NULL OR outcome IN ('housed', 'enrolled', 'services_given', 'not_served'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "ck_referral_outcome_reason" CHECK (outcome_reason IS NULL OR (outcome = 'not_served' AND outcome_reason IN ('no_capacity', 'not_eligible', 'survivor_declined', 'unreachable', 'other')))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_notification_referral_unread" ON "notification" ("referral_id") WHERE read_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_referral_unread"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "ck_referral_outcome_reason"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "ck_referral_outcome"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "outcome_reason"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "outcome"`);
  }
}

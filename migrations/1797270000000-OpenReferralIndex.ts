import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9, the coordinator's referral board (docs/benchmarks.md, "The board's open referrals and the
 * proof's priority"): the open referrals of the organization, oldest first. No index gave that order for
 * the four open statuses together, so PostgreSQL read every open referral (7,800 at 10,000 cases, 1,532
 * heap pages) and sorted them for a page of 25. This partial index holds the open ones only, in the
 * board's order. Its predicate is the list the board's filter writes as literals (`oneOf`,
 * apps/api/src/kernel/http/list-query.ts, with OPEN_REFERRAL_STATUSES of libs/contracts), so it serves the
 * prepared statement's generic plan too. A referral leaves the index when it closes.
 */
export class OpenReferralIndex1797270000000 implements MigrationInterface {
  name = 'OpenReferralIndex1797270000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_referral_open_created" ON "referral" ("organization_id", "created_at", "id") WHERE status IN ('draft', 'sent', 'accepted', 'in_progress')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referral_open_created"`);
  }
}

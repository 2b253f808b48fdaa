import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9, from EXPLAIN (ANALYZE, BUFFERS) at 100,000 cases (docs/benchmarks.md):
 * - a partner's inbox (referrals sent to their partner org, newest first) read and sorted every one of
 *   the org's referrals (123,000 at Safe Homes) for a page of 25 and its count; this index gives the
 *   page in order and the count from the index alone;
 * - goals had no index by case: a caseworker's goal list (scoped through the goal's case) and a case's
 *   history read the whole goal table.
 */
export class AccessPathIndexes1796601600000 implements MigrationInterface {
  name = 'AccessPathIndexes1796601600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_goal_case" ON "goal" ("case_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_referral_partner_inbox" ON "referral" ("partner_org_id", "sent_at", "organization_id") WHERE sent_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referral_partner_inbox"`);
    await queryRunner.query(`DROP INDEX "public"."ix_goal_case"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9, the partner's inbox (docs/benchmarks.md, "The office's tail and the partner inbox's consent
 * grounds"): a partner's rows stand on its grounds (libs/permissions/src/ability.ts), and each consent ground is a
 * membership test over the partner's share_with_partner consents (access/authz/rules-to-sql.ts). With
 * only `ix_consent_partner_grounds`, every one of those subplans read all of the partner's consents
 * (16,830 index entries at 20,000 cases) and filtered them, five times per page and five per count. Two
 * partial indexes give each ground only the entries it asks for:
 * - the refusals (a revoked consent ends an override's grounds): `revoked_at IS NOT NULL`, a few hundred;
 * - the live consents: not revoked, ordered by expiry, so "expires after now" and "never expires" are
 *   ranges of the index instead of filters (the granted-at test is answered from the INCLUDEd column).
 * The rows a partner sees are unchanged: these are access paths, not rules. The count of Safe Homes'
 * inbox reads 198 buffers instead of 1,192.
 *
 * And the program overview's overdue tasks (workflows/caseload/caseload.service.ts, `attention`): the
 * organization's open tasks due before today, with their plan and case, read from the index alone
 * instead of from 3,747 heap pages (20,000 cases: 4,331 buffers → 517).
 */
export class GroundAndOverdueIndexes1797240000000 implements MigrationInterface {
  name = 'GroundAndOverdueIndexes1797240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_consent_partner_refused" ON "consent" ("partner_org_id", "purpose", "survivor_id") WHERE revoked_at IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_consent_partner_live" ON "consent" ("partner_org_id", "purpose", "expires_at") INCLUDE ("survivor_id", "granted_at") WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_task_org_open_due" ON "task" ("organization_id", "due_date") INCLUDE ("plan_id", "case_id") WHERE done_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_task_org_open_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consent_partner_live"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consent_partner_refused"`);
  }
}

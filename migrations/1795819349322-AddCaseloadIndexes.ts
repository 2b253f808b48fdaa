import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the caseworker's caseload and the coordinator's overview at 100k cases (issue 5 bench):
 * - open tasks by plan and due date: the caseload counts each active plan's overdue tasks per row, and
 *   without it each count scanned the whole task table;
 * - a caseworker's open cases in the caseload's order (risk, then longest without contact): the first
 *   page is read from the index instead of joining and sorting every open case. Its expression must stay
 *   the ORDER BY of CaseloadService.caseload(), or PostgreSQL stops using it. TypeORM cannot declare an
 *   expression index, so the entity marks it `synchronize: false` and it is written here by hand.
 */
export class AddCaseloadIndexes1795819349322 implements MigrationInterface {
  name = 'AddCaseloadIndexes1795819349322';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_task_plan_open_due" ON "task"  ("plan_id", "due_date") WHERE done_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_survivor_case_caseload" ON "survivor_case" ("assigned_caseworker_id", (CASE risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END), "last_contact_at" NULLS FIRST) WHERE status <> 'closed'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_case_caseload"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_plan_open_due"`);
  }
}

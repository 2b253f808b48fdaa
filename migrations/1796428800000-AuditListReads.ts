import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9: list reads of survivor-file content are audited, one row per request naming every record it
 * returned (`subject_ids`), so the audit grows with requests, not rows. A GIN index lets a case's
 * history find the list reads that included it. The caseworker's list gets an index in its own order
 * that also carries the organization, so its count is answered from the index alone.
 */
export class AuditListReads1796428800000 implements MigrationInterface {
  name = 'AuditListReads1796428800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "subject_ids" uuid array`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_subject_ids" ON "audit_event" USING gin ("subject_ids")`);
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_case_caseworker"`);
    await queryRunner.query(
      `CREATE INDEX "ix_survivor_case_caseworker_list" ON "survivor_case" ("assigned_caseworker_id", "status", "opened_at", "id", "organization_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_case_caseworker_list"`);
    await queryRunner.query(`CREATE INDEX "ix_survivor_case_caseworker" ON "survivor_case" ("assigned_caseworker_id", "status") `);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_subject_ids"`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "subject_ids"`);
  }
}

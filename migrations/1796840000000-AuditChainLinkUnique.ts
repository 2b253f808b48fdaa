import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9: a chain link is taken once. Each row of a chain names the hash of the row before it, so no two
 * rows of one chain may name the same one. The advisory lock has kept that true so far; this index lets
 * the audit writer append a list read in one statement against the chain head it remembers, and learn
 * from a refusal (23505) that another writer moved the head, instead of locking and re-reading the head
 * in a transaction of five round trips (access/audit/audit.service.ts).
 */
export class AuditChainLinkUnique1796840000000 implements MigrationInterface {
  name = 'AuditChainLinkUnique1796840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_audit_event_chain_link" ON "audit_event" ("chain_id", "prev_hash") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_audit_event_chain_link"`);
  }
}

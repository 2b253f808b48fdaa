import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: an Idempotency-Key is written in the same transaction as the record it guards, and names
 * that record (`subject_type`, `subject_id`), so a retry can answer with it after a crash; `claimed_at`
 * starts the lease after which a retry may take a `pending` key over. Rows of the old design (a
 * `pending` row written before the request ran) name no record: a retry after the lease finds none and
 * runs the request afresh.
 */
export class IdempotencyInTransaction1796720000000 implements MigrationInterface {
  name = 'IdempotencyInTransaction1796720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_key" ADD "subject_type" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "idempotency_key" ADD "subject_id" uuid`);
    await queryRunner.query(`ALTER TABLE "idempotency_key" ADD "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_key" DROP COLUMN "claimed_at"`);
    await queryRunner.query(`ALTER TABLE "idempotency_key" DROP COLUMN "subject_id"`);
    await queryRunner.query(`ALTER TABLE "idempotency_key" DROP COLUMN "subject_type"`);
  }
}

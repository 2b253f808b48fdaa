import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issues 11 and 12: the audit anchor and the key fingerprint.
 * - `audit_chain`: the fingerprint (HMAC-SHA256 of a fixed label under the audit key) of the key each
 *   chain is built with, so `audit:verify` tells a wrong key from tampering. Not backfilled here: a
 *   migration does not hold the audit key and could not check that the key at hand is the one the rows
 *   were written with. New chains record it with their first row; an existing chain gets it from the
 *   first verification whose key makes its rows hold (docs/security-model.md).
 * - `audit_verification`: each verification's result (the daily job and `audit:verify`), the chain heads
 *   it verified and whether they reached the external anchor, shown to admins on the audit page.
 */
export class AuditAnchor1796700000000 implements MigrationInterface {
  name = 'AuditAnchor1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_chain" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "chain_id" uuid NOT NULL, "key_fingerprint" character varying(64) NOT NULL, CONSTRAINT "PK_b8d1381b52157dc73c080e39f09" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_audit_chain_chain" ON "audit_chain"  ("chain_id") `);
    await queryRunner.query(`CREATE TABLE "audit_verification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL, "outcome" character varying(12) NOT NULL, "rows_checked" integer NOT NULL, "chains" integer NOT NULL, "key_fingerprint" character varying(64) NOT NULL, "expected_fingerprint" character varying(64), "broken_chain_id" uuid, "broken_row_id" uuid, "broken_seq" bigint, "problem" character varying(100), "heads" jsonb NOT NULL DEFAULT '[]', "anchor" character varying(8) NOT NULL DEFAULT 'off', CONSTRAINT "ck_audit_verification_outcome" CHECK (outcome IN ('ok', 'broken', 'wrong_key')), CONSTRAINT "PK_d17f5b225f8a5a7cf37d803198a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_verification_time" ON "audit_verification"  ("verified_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_verification_time"`);
    await queryRunner.query(`DROP TABLE "audit_verification"`);
    await queryRunner.query(`DROP INDEX "public"."ux_audit_chain_chain"`);
    await queryRunner.query(`DROP TABLE "audit_chain"`);
  }
}

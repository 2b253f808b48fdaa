import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: one throttle for every check of a secret (sign-in, step-up, break-glass, the password
 * change, second factors, name search), its counters keyed by keyed hashes (HMAC with the blind-index
 * key). It replaces `login_attempt`, whose rows were keyed by unkeyed SHA-256 of the login name and
 * address; they are dropped, which forgets at most the last hour of failed sign-ins.
 */
export class SecretThrottle1796710000000 implements MigrationInterface {
  name = 'SecretThrottle1796710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "throttle_bucket" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "bucket_key" character varying(64) NOT NULL, "rule" character varying(32) NOT NULL, "hits" integer NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_hit_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, "alerted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d5f664d0e6169bdc490d40dbeb8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_throttle_bucket_last_hit" ON "throttle_bucket"  ("last_hit_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_throttle_bucket_key" ON "throttle_bucket"  ("bucket_key") `);
    await queryRunner.query(`DROP INDEX "public"."ix_login_attempt_account"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_attempt_ip"`);
    await queryRunner.query(`DROP TABLE "login_attempt"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "login_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "account_key" character varying(64) NOT NULL, "ip_key" character varying(64) NOT NULL, "kind" character varying(10) NOT NULL, "success" boolean NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_login_attempt_kind" CHECK (kind IN ('password', 'totp')), CONSTRAINT "PK_72829cd4f7424e3cdfd46c476c0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_login_attempt_ip" ON "login_attempt"  ("ip_key", "attempted_at") `);
    await queryRunner.query(`CREATE INDEX "ix_login_attempt_account" ON "login_attempt"  ("account_key", "attempted_at") `);
    await queryRunner.query(`DROP INDEX "public"."ux_throttle_bucket_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_throttle_bucket_last_hit"`);
    await queryRunner.query(`DROP TABLE "throttle_bucket"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys of create requests, kept 24 hours (DESIGN.md §4). */
export class AddIdempotencyKeys1795807106042 implements MigrationInterface {
  name = 'AddIdempotencyKeys1795807106042';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idempotency_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "user_id" uuid NOT NULL, "key" character varying(128) NOT NULL, "request_hash" character varying(64) NOT NULL, "state" character varying(10) NOT NULL, "response_status" integer, "response_body" text, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_idempotency_key_state" CHECK (state IN ('pending', 'done')), CONSTRAINT "PK_213f125e14469be304f9ff1d452" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_idempotency_key_expires" ON "idempotency_key"  ("expires_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_idempotency_key_user_key" ON "idempotency_key"  ("user_id", "key") `);
    await queryRunner.query(`ALTER TABLE "idempotency_key" ADD CONSTRAINT "fk_idempotency_key_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_key" DROP CONSTRAINT "fk_idempotency_key_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_idempotency_key_user_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_key_expires"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}

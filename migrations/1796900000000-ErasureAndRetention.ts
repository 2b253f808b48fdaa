import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, parts 4 and 5: erasure on request and retention (docs/retention.md). `survivor.anonymized_at`
 * marks a survivor whose PII and narratives were destroyed; `erasure_request` holds the two-admin
 * request and its decision (one pending request per survivor); `legal_hold` keeps a case from any
 * anonymization while it is not lifted (one active hold per case); `retention_policy` is an
 * organization's period (no row: the default of 7 years); `purge_run` is the purge report (counts and
 * case numbers only).
 */
export class ErasureAndRetention1796900000000 implements MigrationInterface {
  name = 'ErasureAndRetention1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survivor" ADD "anonymized_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE TABLE "erasure_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "requested_by" uuid NOT NULL, "reason" character varying(500) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'pending', "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" character varying(500), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_erasure_request_status" CHECK (status IN ('pending', 'completed', 'rejected')), CONSTRAINT "PK_erasure_request_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_erasure_request_org_status" ON "erasure_request" ("organization_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_erasure_request_pending" ON "erasure_request" ("survivor_id") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE TABLE "legal_hold" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "reason" character varying(500) NOT NULL, "placed_by" uuid NOT NULL, "placed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "lifted_by" uuid, "lifted_at" TIMESTAMP WITH TIME ZONE, "lift_reason" character varying(500), CONSTRAINT "PK_legal_hold_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_legal_hold_organization" ON "legal_hold" ("organization_id", "lifted_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_legal_hold_active" ON "legal_hold" ("case_id") WHERE lifted_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "retention_policy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "closed_case_years" smallint NOT NULL DEFAULT '7', CONSTRAINT "ck_retention_policy_years" CHECK (closed_case_years BETWEEN 1 AND 50), CONSTRAINT "PK_retention_policy_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_retention_policy_organization" ON "retention_policy" ("organization_id") `);
    await queryRunner.query(`CREATE TABLE "purge_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL, "survivors" integer NOT NULL, "cases" integer NOT NULL, "case_numbers" character varying(20) array NOT NULL DEFAULT '{}', CONSTRAINT "ck_purge_run_kind" CHECK (kind IN ('retention', 'request')), CONSTRAINT "PK_purge_run_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_purge_run_organization" ON "purge_run" ("organization_id", "ran_at") `);
    await queryRunner.query(`ALTER TABLE "erasure_request" ADD CONSTRAINT "fk_erasure_request_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "erasure_request" ADD CONSTRAINT "fk_erasure_request_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "erasure_request" ADD CONSTRAINT "fk_erasure_request_requester" FOREIGN KEY ("requested_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "erasure_request" ADD CONSTRAINT "fk_erasure_request_decider" FOREIGN KEY ("decided_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legal_hold" ADD CONSTRAINT "fk_legal_hold_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legal_hold" ADD CONSTRAINT "fk_legal_hold_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legal_hold" ADD CONSTRAINT "fk_legal_hold_placed_by" FOREIGN KEY ("placed_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "legal_hold" ADD CONSTRAINT "fk_legal_hold_lifted_by" FOREIGN KEY ("lifted_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "retention_policy" ADD CONSTRAINT "fk_retention_policy_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "purge_run" ADD CONSTRAINT "fk_purge_run_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "purge_run"`);
    await queryRunner.query(`DROP TABLE "retention_policy"`);
    await queryRunner.query(`DROP TABLE "legal_hold"`);
    await queryRunner.query(`DROP TABLE "erasure_request"`);
    await queryRunner.query(`ALTER TABLE "survivor" DROP COLUMN "anonymized_at"`);
  }
}

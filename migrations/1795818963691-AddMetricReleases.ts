import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Anonymized metric releases (computed once per period and mode, stored with their zip) and the noise mode's privacy-budget ledger. */
export class AddMetricReleases1795818963691 implements MigrationInterface {
  name = 'AddMetricReleases1795818963691';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "metric_release" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "period" character varying(7) NOT NULL, "mode" character varying(5) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'queued', "progress" smallint NOT NULL DEFAULT '0', "table_ids" character varying(60) array NOT NULL, "tables" jsonb, "metadata" jsonb, "archive" bytea, "sha256" character varying(64), "epsilon_millis" integer NOT NULL DEFAULT '0', "failure" character varying(200), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_metric_release_mode" CHECK (mode IN ('k', 'noise')), CONSTRAINT "ck_metric_release_status" CHECK (status IN ('queued', 'running', 'done', 'failed')), CONSTRAINT "PK_8a53d087d34f8cf3e2dd2fecd72" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_metric_release_period" ON "metric_release"  ("organization_id", "period", "mode") WHERE status <> 'failed'`);
    await queryRunner.query(`CREATE TABLE "metric_budget_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "release_id" uuid NOT NULL, "year" smallint NOT NULL, "epsilon_millis" integer NOT NULL, CONSTRAINT "PK_ecd5af729df8d3e2dd47b988dbf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_metric_budget_entry_release" ON "metric_budget_entry"  ("release_id") `);
    await queryRunner.query(`CREATE INDEX "ix_metric_budget_entry_year" ON "metric_budget_entry"  ("organization_id", "year") `);
    await queryRunner.query(`ALTER TABLE "metric_release" ADD CONSTRAINT "fk_metric_release_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "metric_budget_entry" ADD CONSTRAINT "fk_metric_budget_entry_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "metric_budget_entry" ADD CONSTRAINT "fk_metric_budget_entry_release" FOREIGN KEY ("release_id") REFERENCES "metric_release"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "metric_budget_entry" DROP CONSTRAINT "fk_metric_budget_entry_release"`);
    await queryRunner.query(`ALTER TABLE "metric_budget_entry" DROP CONSTRAINT "fk_metric_budget_entry_organization"`);
    await queryRunner.query(`ALTER TABLE "metric_release" DROP CONSTRAINT "fk_metric_release_organization"`);
    await queryRunner.query(`DROP INDEX "public"."ix_metric_budget_entry_year"`);
    await queryRunner.query(`DROP INDEX "public"."uq_metric_budget_entry_release"`);
    await queryRunner.query(`DROP TABLE "metric_budget_entry"`);
    await queryRunner.query(`DROP INDEX "public"."uq_metric_release_period"`);
    await queryRunner.query(`DROP TABLE "metric_release"`);
  }
}

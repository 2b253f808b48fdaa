import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Service plans (one active per case), agreed versions, goals, tasks, and outcome assessments per stage. */
export class AddServicePlansAndOutcomes1795815557052 implements MigrationInterface {
  name = 'AddServicePlansAndOutcomes1795815557052';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "outcome_assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "stage" character varying(10) NOT NULL, "assessed_on" date NOT NULL, "housing_situation" smallint, "employment" character varying(30), "education" character varying(30), "monthly_income" integer, "income_change" character varying(10), "safety_rating" smallint, "returned_to_trafficker" boolean, CONSTRAINT "ck_outcome_assessment_safety" CHECK (safety_rating IS NULL OR safety_rating BETWEEN 1 AND 5), CONSTRAINT "ck_outcome_assessment_stage" CHECK (stage IN ('intake', '90_days', '180_days', '365_days', 'exit')), CONSTRAINT "PK_08cc03cea31cdc5daafd3c4234f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_outcome_assessment_org_stage" ON "outcome_assessment"  ("organization_id", "stage", "assessed_on") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_outcome_assessment_stage" ON "outcome_assessment"  ("case_id", "stage") `);
    await queryRunner.query(`CREATE TABLE "service_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "plan_number" integer NOT NULL, "plan_type" character varying(40) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'active', "starts_on" date NOT NULL, "review_date" date NOT NULL, "revision" integer NOT NULL DEFAULT '1', "agreed_revision" integer, "agreed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_service_plan_status" CHECK (status IN ('active', 'superseded', 'closed')), CONSTRAINT "PK_c81b2c6d2a331f869e9c2aeee08" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_service_plan_org_review" ON "service_plan"  ("organization_id", "status", "review_date") `);
    await queryRunner.query(`CREATE INDEX "ix_service_plan_case" ON "service_plan"  ("case_id", "plan_number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_service_plan_active" ON "service_plan"  ("case_id") WHERE status = 'active'`);
    await queryRunner.query(`CREATE TABLE "service_plan_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "revision" integer NOT NULL, "agreed_on" date NOT NULL, "method" character varying(30) NOT NULL, "witnessed_by" uuid NOT NULL, "content" text NOT NULL, CONSTRAINT "PK_bb03bb3014a5252d48113d4402a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_service_plan_version" ON "service_plan_version"  ("plan_id", "revision") `);
    await queryRunner.query(`CREATE TABLE "goal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "case_id" uuid NOT NULL, "domain" character varying(20) NOT NULL, "description" text NOT NULL, "target_date" date, "status" character varying(20) NOT NULL DEFAULT 'not_started', "reached_on" date, "referral_ids" uuid array NOT NULL DEFAULT '{}', CONSTRAINT "ck_goal_domain" CHECK (domain IN ('housing', 'employment', 'education', 'health', 'mental_health', 'legal', 'safety', 'financial', 'family', 'other')), CONSTRAINT "ck_goal_status" CHECK (status IN ('not_started', 'in_progress', 'achieved', 'partially_achieved', 'discontinued')), CONSTRAINT "PK_88c8e2b461b711336c836b1e130" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_goal_plan" ON "goal"  ("plan_id") `);
    await queryRunner.query(`CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "goal_id" uuid NOT NULL, "case_id" uuid NOT NULL, "description" text NOT NULL, "owner" character varying(12) NOT NULL, "referral_id" uuid, "partner_org_id" uuid, "due_date" date, "done_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_task_partner_referral" CHECK ((owner = 'partner') = (referral_id IS NOT NULL)), CONSTRAINT "ck_task_owner" CHECK (owner IN ('survivor', 'caseworker', 'partner')), CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_task_partner" ON "task"  ("partner_org_id") `);
    await queryRunner.query(`CREATE INDEX "ix_task_referral" ON "task"  ("referral_id") `);
    await queryRunner.query(`CREATE INDEX "ix_task_case_due" ON "task"  ("case_id", "due_date") `);
    await queryRunner.query(`CREATE INDEX "ix_task_goal" ON "task"  ("goal_id") `);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" ADD CONSTRAINT "fk_outcome_assessment_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_plan" ADD CONSTRAINT "fk_service_plan_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_plan_version" ADD CONSTRAINT "fk_service_plan_version_plan" FOREIGN KEY ("plan_id") REFERENCES "service_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_plan_version" ADD CONSTRAINT "fk_service_plan_version_witness" FOREIGN KEY ("witnessed_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "goal" ADD CONSTRAINT "fk_goal_plan" FOREIGN KEY ("plan_id") REFERENCES "service_plan"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "task" ADD CONSTRAINT "fk_task_goal" FOREIGN KEY ("goal_id") REFERENCES "goal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "task" ADD CONSTRAINT "fk_task_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "fk_task_referral"`);
    await queryRunner.query(`ALTER TABLE "task" DROP CONSTRAINT "fk_task_goal"`);
    await queryRunner.query(`ALTER TABLE "goal" DROP CONSTRAINT "fk_goal_plan"`);
    await queryRunner.query(`ALTER TABLE "service_plan_version" DROP CONSTRAINT "fk_service_plan_version_witness"`);
    await queryRunner.query(`ALTER TABLE "service_plan_version" DROP CONSTRAINT "fk_service_plan_version_plan"`);
    await queryRunner.query(`ALTER TABLE "service_plan" DROP CONSTRAINT "fk_service_plan_case"`);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" DROP CONSTRAINT "fk_outcome_assessment_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_goal"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_case_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_referral"`);
    await queryRunner.query(`DROP INDEX "public"."ix_task_partner"`);
    await queryRunner.query(`DROP TABLE "task"`);
    await queryRunner.query(`DROP INDEX "public"."ix_goal_plan"`);
    await queryRunner.query(`DROP TABLE "goal"`);
    await queryRunner.query(`DROP INDEX "public"."uq_service_plan_version"`);
    await queryRunner.query(`DROP TABLE "service_plan_version"`);
    await queryRunner.query(`DROP INDEX "public"."uq_service_plan_active"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_plan_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_plan_org_review"`);
    await queryRunner.query(`DROP TABLE "service_plan"`);
    await queryRunner.query(`DROP INDEX "public"."uq_outcome_assessment_stage"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outcome_assessment_org_stage"`);
    await queryRunner.query(`DROP TABLE "outcome_assessment"`);
  }
}

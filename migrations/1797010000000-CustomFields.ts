import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom fields (issue 18; docs/custom-fields.md): the definitions and their versions, and the values in a
 * `custom` JSONB column on the case, intake, contact, goal, outcome
 * assessment and referral with a GIN index (jsonb_path_ops), chosen by
 * measurement (docs/architecture.md, "Custom field storage"). PII values in it are ciphertext only.
 */
export class CustomFields1797010000000 implements MigrationInterface {
  name = 'CustomFields1797010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "custom_field" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "entity" character varying(30) NOT NULL, "key" character varying(60) NOT NULL, "type" character varying(20) NOT NULL, "label" jsonb NOT NULL, "help" jsonb, "options" jsonb NOT NULL DEFAULT '[]', "required" boolean NOT NULL DEFAULT false, "apply_to" character varying(10), "pii" boolean NOT NULL DEFAULT false, "read_roles" character varying(20) array NOT NULL DEFAULT '{}', "write_roles" character varying(20) array NOT NULL DEFAULT '{}', "shareable" boolean NOT NULL DEFAULT false, "metrics" boolean NOT NULL DEFAULT false, "min" numeric, "max" numeric, "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_custom_field_min_max" CHECK (min IS NULL OR max IS NULL OR min <= max), CONSTRAINT "PK_custom_field_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_field_key" ON "custom_field"  ("organization_id", "entity", "key") `);
    await queryRunner.query(`CREATE TABLE "custom_field_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "field_id" uuid NOT NULL, "field_version" integer NOT NULL, "definition" jsonb NOT NULL, CONSTRAINT "PK_custom_field_version_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_custom_field_version" ON "custom_field_version"  ("field_id", "field_version") `);
    await queryRunner.query(`ALTER TABLE "survivor_case" ADD "custom" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "intake" ADD "custom" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "ix_survivor_case_custom" ON "survivor_case" USING gin ("custom" jsonb_path_ops)`);
    await queryRunner.query(`CREATE INDEX "ix_intake_custom" ON "intake" USING gin ("custom" jsonb_path_ops)`);
    await queryRunner.query(`ALTER TABLE "contact" ADD "custom" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "ix_contact_custom" ON "contact" USING gin ("custom" jsonb_path_ops)`);
    await queryRunner.query(`ALTER TABLE "goal" ADD "custom" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "ix_goal_custom" ON "goal" USING gin ("custom" jsonb_path_ops)`);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" ADD "custom" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "ix_outcome_assessment_custom" ON "outcome_assessment" USING gin ("custom" jsonb_path_ops)`);
    await queryRunner.query(`ALTER TABLE "referral" ADD "custom" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX "ix_referral_custom" ON "referral" USING gin ("custom" jsonb_path_ops)`);
    await queryRunner.query(`ALTER TABLE "custom_field" ADD CONSTRAINT "fk_custom_field_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "custom_field_version" ADD CONSTRAINT "fk_custom_field_version_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "custom_field_version" ADD CONSTRAINT "fk_custom_field_version_field" FOREIGN KEY ("field_id") REFERENCES "custom_field"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "custom_field_version" DROP CONSTRAINT "fk_custom_field_version_field"`);
    await queryRunner.query(`ALTER TABLE "custom_field_version" DROP CONSTRAINT "fk_custom_field_version_organization"`);
    await queryRunner.query(`ALTER TABLE "custom_field" DROP CONSTRAINT "fk_custom_field_organization"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_custom"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "custom"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outcome_assessment_custom"`);
    await queryRunner.query(`ALTER TABLE "outcome_assessment" DROP COLUMN "custom"`);
    await queryRunner.query(`DROP INDEX "public"."ix_goal_custom"`);
    await queryRunner.query(`ALTER TABLE "goal" DROP COLUMN "custom"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_custom"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP COLUMN "custom"`);
    await queryRunner.query(`DROP INDEX "public"."ix_intake_custom"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_case_custom"`);
    await queryRunner.query(`ALTER TABLE "intake" DROP COLUMN "custom"`);
    await queryRunner.query(`ALTER TABLE "survivor_case" DROP COLUMN "custom"`);
    await queryRunner.query(`DROP INDEX "public"."uq_custom_field_version"`);
    await queryRunner.query(`DROP TABLE "custom_field_version"`);
    await queryRunner.query(`DROP INDEX "public"."uq_custom_field_key"`);
    await queryRunner.query(`DROP TABLE "custom_field"`);
  }
}

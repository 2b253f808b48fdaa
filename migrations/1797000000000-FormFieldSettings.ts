import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, first slice: each organization's settings of the built-in fields of its forms (hidden,
 * required from a stage, labels and help per language, order in the step; apps/api/src/features/forms,
 * docs/forms.md). One row per organization, form and field; the rows of a form share its version.
 */
export class FormFieldSettings1797000000000 implements MigrationInterface {
  name = 'FormFieldSettings1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "form_field_setting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "form" character varying(20) NOT NULL, "field_key" character varying(60) NOT NULL, "hidden" boolean NOT NULL DEFAULT false, "required" character varying(20) NOT NULL DEFAULT 'none', "labels" jsonb NOT NULL DEFAULT '{}', "help" jsonb NOT NULL DEFAULT '{}', "position" smallint, "updated_by" uuid, CONSTRAINT "ck_form_field_setting_position" CHECK (position IS NULL OR position BETWEEN 1 AND 200), CONSTRAINT "ck_form_field_setting_required" CHECK (required IN ('none', 'intake_draft', 'intake_submit', 'case_close')), CONSTRAINT "ck_form_field_setting_form" CHECK (form IN ('intake', 'survivor', 'case')), CONSTRAINT "PK_form_field_setting_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_form_field_setting_org_form_field" ON "form_field_setting" ("organization_id", "form", "field_key") `);
    await queryRunner.query(`ALTER TABLE "form_field_setting" ADD CONSTRAINT "fk_form_field_setting_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "form_field_setting" DROP CONSTRAINT "fk_form_field_setting_organization"`);
    await queryRunner.query(`DROP INDEX "public"."ux_form_field_setting_org_form_field"`);
    await queryRunner.query(`DROP TABLE "form_field_setting"`);
  }
}

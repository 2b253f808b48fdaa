import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: a case's immigration relief, one record per case: the T visa (applied, approved, denied),
 * Continued Presence (requested, granted, denied, and when it ends) and the HHS Certification or
 * Eligibility letter (requested, issued), each with its dates, and a note encrypted like every narrative
 * field. The service checks the states and dates together; the database keeps the vocabularies and the
 * one record per case.
 */
export class ImmigrationRelief1796860000000 implements MigrationInterface {
  name = 'ImmigrationRelief1796860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "immigration_relief" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "t_visa_status" character varying(12) NOT NULL DEFAULT 'not_applied', "t_visa_applied_on" date, "t_visa_decided_on" date, "continued_presence_status" character varying(14) NOT NULL DEFAULT 'not_requested', "continued_presence_requested_on" date, "continued_presence_decided_on" date, "continued_presence_expires_on" date, "hhs_letter" character varying(14), "hhs_letter_requested_on" date, "hhs_letter_issued_on" date, "note" text, CONSTRAINT "ck_immigration_relief_hhs_letter" CHECK (hhs_letter IS NULL OR hhs_letter IN ('certification', 'eligibility')), CONSTRAINT "ck_immigration_relief_continued_presence" CHECK (continued_presence_status IN ('not_requested', 'requested', 'granted', 'denied')), CONSTRAINT "ck_immigration_relief_t_visa" CHECK (t_visa_status IN ('not_applied', 'applied', 'approved', 'denied')), CONSTRAINT "PK_952ba992d2263b90589ceb1df6b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_immigration_relief_case" ON "immigration_relief"  ("case_id") `);
    await queryRunner.query(`ALTER TABLE "immigration_relief" ADD CONSTRAINT "fk_immigration_relief_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "immigration_relief" ADD CONSTRAINT "fk_immigration_relief_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "immigration_relief" ADD CONSTRAINT "fk_immigration_relief_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "immigration_relief" DROP CONSTRAINT "fk_immigration_relief_survivor"`);
    await queryRunner.query(`ALTER TABLE "immigration_relief" DROP CONSTRAINT "fk_immigration_relief_case"`);
    await queryRunner.query(`ALTER TABLE "immigration_relief" DROP CONSTRAINT "fk_immigration_relief_organization"`);
    await queryRunner.query(`DROP INDEX "public"."uq_immigration_relief_case"`);
    await queryRunner.query(`DROP TABLE "immigration_relief"`);
  }
}

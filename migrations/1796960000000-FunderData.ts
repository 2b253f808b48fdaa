import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: a case's funder data (HMIS), one record per case: the HUD HMIS FY2024 elements a comparable
 * database keeps that Lantern did not collect elsewhere (race and ethnicity, veteran status, disabling
 * condition and disabilities, relationship to the head of household and household size, income and
 * non-cash benefits with their information date, domestic violence) and law-enforcement involvement.
 * Codes and amounts only, nothing encrypted. The service checks the fields together; the database keeps
 * the code lists and the one record per case.
 */
export class FunderData1796960000000 implements MigrationInterface {
  name = 'FunderData1796960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "funder_data" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "information_date" date, "race_ethnicity" character varying(20) array NOT NULL DEFAULT '{}', "race_none" smallint, "veteran_status" smallint, "disabling_condition" smallint, "physical_disability" smallint, "developmental_disability" smallint, "chronic_health_condition" smallint, "hiv_aids" smallint, "mental_health_disorder" smallint, "substance_use_disorder" smallint, "relationship_to_hoh" smallint, "household_size" smallint, "income_from_any_source" smallint, "total_monthly_income" numeric(10,2), "income_sources" jsonb NOT NULL, "benefits_from_any_source" smallint, "benefits" character varying(20) array NOT NULL DEFAULT '{}', "domestic_violence_survivor" smallint, "dv_when_occurred" smallint, "dv_currently_fleeing" smallint, "law_enforcement_reported" character varying(10), "law_enforcement_cooperating" boolean, "law_enforcement_reported_on" date, CONSTRAINT "ck_funder_data_household" CHECK (household_size IS NULL OR household_size BETWEEN 1 AND 30), CONSTRAINT "ck_funder_data_law_enforcement" CHECK (law_enforcement_reported IS NULL OR law_enforcement_reported IN ('yes', 'no', 'declined')), CONSTRAINT "ck_funder_data_codes" CHECK (COALESCE(veteran_status, 0) IN (0, 1, 8, 9, 99) AND COALESCE(disabling_condition, 0) IN (0, 1, 8, 9, 99) AND COALESCE(physical_disability, 0) IN (0, 1, 8, 9, 99) AND COALESCE(developmental_disability, 0) IN (0, 1, 8, 9, 99) AND COALESCE(chronic_health_condition, 0) IN (0, 1, 8, 9, 99) AND COALESCE(hiv_aids, 0) IN (0, 1, 8, 9, 99) AND COALESCE(mental_health_disorder, 0) IN (0, 1, 8, 9, 99) AND COALESCE(substance_use_disorder, 0) IN (0, 1, 2, 3, 8, 9, 99) AND COALESCE(relationship_to_hoh, 1) IN (1, 2, 3, 4, 5, 99) AND COALESCE(race_none, 8) IN (8, 9, 99) AND COALESCE(income_from_any_source, 0) IN (0, 1, 8, 9, 99) AND COALESCE(benefits_from_any_source, 0) IN (0, 1, 8, 9, 99) AND COALESCE(domestic_violence_survivor, 0) IN (0, 1, 8, 9, 99) AND COALESCE(dv_when_occurred, 1) IN (1, 2, 3, 4, 8, 9, 99) AND COALESCE(dv_currently_fleeing, 0) IN (0, 1, 8, 9, 99)), CONSTRAINT "PK_funder_data" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_funder_data_case" ON "funder_data" ("case_id") `);
    await queryRunner.query(`CREATE INDEX "ix_funder_data_survivor" ON "funder_data" ("survivor_id") `);
    await queryRunner.query(`ALTER TABLE "funder_data" ADD CONSTRAINT "fk_funder_data_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funder_data" ADD CONSTRAINT "fk_funder_data_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "funder_data" ADD CONSTRAINT "fk_funder_data_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "funder_data"`);
  }
}

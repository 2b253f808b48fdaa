import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: the funder data (HMIS) also keeps 4.04 health insurance (whether she has any, and which) and
 * the 3.12.A rental subsidy type of her living situation at entry and of her destination at exit, both
 * asked with code 435. Codes only, nothing encrypted; the database keeps the code lists.
 */
export class FunderDataInsuranceSubsidy1797030000000 implements MigrationInterface {
  name = 'FunderDataInsuranceSubsidy1797030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "funder_data" ADD "insurance_from_any_source" smallint`);
    await queryRunner.query(`ALTER TABLE "funder_data" ADD "insurance_types" character varying(30) array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "funder_data" ADD "rental_subsidy_type" smallint`);
    await queryRunner.query(`ALTER TABLE "funder_data" ADD "destination_subsidy_type" smallint`);
    await queryRunner.query(
      `ALTER TABLE "funder_data" ADD CONSTRAINT "ck_funder_data_insurance_subsidy" CHECK (COALESCE(insurance_from_any_source, 0) IN (0, 1, 8, 9, 99) AND COALESCE(rental_subsidy_type, 419) IN (419, 420, 428, 431, 433, 434, 436, 437, 438, 439, 440) AND COALESCE(destination_subsidy_type, 419) IN (419, 420, 428, 431, 433, 434, 436, 437, 438, 439, 440))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "funder_data" DROP CONSTRAINT "ck_funder_data_insurance_subsidy"`);
    await queryRunner.query(`ALTER TABLE "funder_data" DROP COLUMN "destination_subsidy_type"`);
    await queryRunner.query(`ALTER TABLE "funder_data" DROP COLUMN "rental_subsidy_type"`);
    await queryRunner.query(`ALTER TABLE "funder_data" DROP COLUMN "insurance_types"`);
    await queryRunner.query(`ALTER TABLE "funder_data" DROP COLUMN "insurance_from_any_source"`);
  }
}

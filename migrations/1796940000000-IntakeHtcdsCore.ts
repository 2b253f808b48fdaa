import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, part 2: the HTCDS 2.0 core of the intake (docs/data-dictionary.md): trafficking status,
 * locations of recruitment and exploitation (a country code and an encrypted free-text region each),
 * forced-labour industry, types of sexual exploitation, relationship to the trafficker and age when the
 * trafficking began. Earlier revisions keep their region texts encrypted beside the snapshot.
 */
export class IntakeHtcdsCore1796940000000 implements MigrationInterface {
  name = 'IntakeHtcdsCore1796940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intake" ADD "trafficking_status" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "intake" ADD "recruitment_country" character varying(2)`);
    await queryRunner.query(`ALTER TABLE "intake" ADD "recruitment_region" text`);
    await queryRunner.query(`ALTER TABLE "intake" ADD "exploitation_country" character varying(2)`);
    await queryRunner.query(`ALTER TABLE "intake" ADD "exploitation_region" text`);
    await queryRunner.query(`ALTER TABLE "intake" ADD "forced_labour_industry" character varying(60)`);
    await queryRunner.query(`ALTER TABLE "intake" ADD "sexual_exploitation_types" character varying(40) array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "intake" ADD "relationship_to_trafficker" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "intake" ADD "age_when_trafficked" smallint`);
    await queryRunner.query(`ALTER TABLE "intake" ADD CONSTRAINT "ck_intake_age_when_trafficked" CHECK (age_when_trafficked BETWEEN 0 AND 120)`);
    await queryRunner.query(`ALTER TABLE "intake_revision" ADD "recruitment_region" text`);
    await queryRunner.query(`ALTER TABLE "intake_revision" ADD "exploitation_region" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "intake_revision" DROP COLUMN "exploitation_region"`);
    await queryRunner.query(`ALTER TABLE "intake_revision" DROP COLUMN "recruitment_region"`);
    await queryRunner.query(`ALTER TABLE "intake" DROP CONSTRAINT "ck_intake_age_when_trafficked"`);
    for (const column of [
      'age_when_trafficked',
      'relationship_to_trafficker',
      'sexual_exploitation_types',
      'forced_labour_industry',
      'exploitation_region',
      'exploitation_country',
      'recruitment_region',
      'recruitment_country',
      'trafficking_status',
    ]) {
      await queryRunner.query(`ALTER TABLE "intake" DROP COLUMN "${column}"`);
    }
  }
}

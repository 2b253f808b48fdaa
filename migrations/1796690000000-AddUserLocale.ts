import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: the interface language each person chose (English or Spanish), stored on the user. */
export class AddUserLocale1796690000000 implements MigrationInterface {
  name = 'AddUserLocale1796690000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "locale" character varying(5) NOT NULL DEFAULT 'en'`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "ck_app_user_locale" CHECK (locale IN ('en', 'es'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "ck_app_user_locale"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "locale"`);
  }
}

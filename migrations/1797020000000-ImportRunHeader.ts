import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The header row of an import run in a small encrypted column of its own (apps/api/src/workflows/imports,
 * docs/imports.md), so following a run does not decrypt its whole sheet. Existing runs keep a null header:
 * the migration has no key to fill it, and the service reads their header from the sheet.
 */
export class ImportRunHeader1797020000000 implements MigrationInterface {
  name = 'ImportRunHeader1797020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_run" ADD "header" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_run" DROP COLUMN "header"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, part 4: spreadsheet import (apps/api/src/workflows/imports, docs/imports.md). A run keeps its
 * parsed sheet, its dry run and its failed rows encrypted; a row imported is remembered by a keyed hash
 * (import_record), so importing the same sheet again never makes a second survivor.
 */
export class SpreadsheetImports1796980000000 implements MigrationInterface {
  name = 'SpreadsheetImports1796980000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "import_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'uploaded', "format" character varying(4) NOT NULL, "row_count" integer NOT NULL, "content" text NOT NULL, "mapping" jsonb, "dry_run" text, "processed" integer NOT NULL DEFAULT '0', "imported" integer NOT NULL DEFAULT '0', "skipped" integer NOT NULL DEFAULT '0', "failed" integer NOT NULL DEFAULT '0', "failures" text, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_import_run_format" CHECK (format IN ('csv', 'xlsx')), CONSTRAINT "ck_import_run_status" CHECK (status IN ('uploaded', 'checking', 'checked', 'queued', 'running', 'done', 'failed')), CONSTRAINT "PK_import_run_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_import_run_org_created" ON "import_run"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "import_record" ("organization_id" uuid NOT NULL, "import_key" character varying(64) NOT NULL, "import_run_id" uuid NOT NULL, "row_number" integer NOT NULL, "survivor_id" uuid NOT NULL, "case_id" uuid NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_import_record" PRIMARY KEY ("organization_id", "import_key"))`);
    await queryRunner.query(`CREATE INDEX "ix_import_record_survivor" ON "import_record"  ("survivor_id") `);
    await queryRunner.query(`CREATE INDEX "ix_import_record_run" ON "import_record"  ("import_run_id") `);
    await queryRunner.query(`CREATE TABLE "import_mapping" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "name" character varying(80) NOT NULL, "mapping" jsonb NOT NULL, CONSTRAINT "PK_import_mapping_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_import_mapping_org_name" ON "import_mapping"  ("organization_id", "name") `);
    await queryRunner.query(`ALTER TABLE "import_run" ADD CONSTRAINT "fk_import_run_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "import_record" ADD CONSTRAINT "fk_import_record_run" FOREIGN KEY ("import_run_id") REFERENCES "import_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "import_record" ADD CONSTRAINT "fk_import_record_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "import_record" ADD CONSTRAINT "fk_import_record_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "import_mapping" ADD CONSTRAINT "fk_import_mapping_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_mapping" DROP CONSTRAINT "fk_import_mapping_organization"`);
    await queryRunner.query(`ALTER TABLE "import_record" DROP CONSTRAINT "fk_import_record_case"`);
    await queryRunner.query(`ALTER TABLE "import_record" DROP CONSTRAINT "fk_import_record_survivor"`);
    await queryRunner.query(`ALTER TABLE "import_record" DROP CONSTRAINT "fk_import_record_run"`);
    await queryRunner.query(`ALTER TABLE "import_run" DROP CONSTRAINT "fk_import_run_organization"`);
    await queryRunner.query(`DROP INDEX "public"."ux_import_mapping_org_name"`);
    await queryRunner.query(`DROP TABLE "import_mapping"`);
    await queryRunner.query(`DROP INDEX "public"."ix_import_record_run"`);
    await queryRunner.query(`DROP INDEX "public"."ix_import_record_survivor"`);
    await queryRunner.query(`DROP TABLE "import_record"`);
    await queryRunner.query(`DROP INDEX "public"."ix_import_run_org_created"`);
    await queryRunner.query(`DROP TABLE "import_run"`);
  }
}

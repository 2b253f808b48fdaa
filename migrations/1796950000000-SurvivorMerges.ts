import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, merge: a coordinator merges a duplicate survivor record into the one that stays; the
 * merged-away record is kept and marked (`survivor.merged_into_id`), the merge is recorded with the ids
 * of every row it moved, so it can be undone (apps/api/src/workflows/survivor-merge, docs/duplicates.md).
 */
export class SurvivorMerges1796950000000 implements MigrationInterface {
  name = 'SurvivorMerges1796950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survivor" ADD "merged_into_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "survivor" ADD CONSTRAINT "fk_survivor_merged_into" FOREIGN KEY ("merged_into_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "survivor_merge" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "merged_survivor_id" uuid NOT NULL, "reason" character varying(500) NOT NULL, "merged_by" uuid NOT NULL, "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL, "counts" jsonb NOT NULL, "undone_at" TIMESTAMP WITH TIME ZONE, "undone_by" uuid, "undo_reason" character varying(500), CONSTRAINT "PK_survivor_merge_id" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_survivor_merge_survivor" ON "survivor_merge" ("survivor_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survivor_merge_standing" ON "survivor_merge" ("merged_survivor_id") WHERE undone_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "survivor_merge_row" ("merge_id" uuid NOT NULL, "table_name" character varying(63) NOT NULL, "row_id" uuid NOT NULL, CONSTRAINT "pk_survivor_merge_row" PRIMARY KEY ("merge_id", "table_name", "row_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "survivor_merge" ADD CONSTRAINT "fk_survivor_merge_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survivor_merge" ADD CONSTRAINT "fk_survivor_merge_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survivor_merge" ADD CONSTRAINT "fk_survivor_merge_merged" FOREIGN KEY ("merged_survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survivor_merge" ADD CONSTRAINT "fk_survivor_merge_merged_by" FOREIGN KEY ("merged_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survivor_merge" ADD CONSTRAINT "fk_survivor_merge_undone_by" FOREIGN KEY ("undone_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survivor_merge_row" ADD CONSTRAINT "fk_survivor_merge_row_merge" FOREIGN KEY ("merge_id") REFERENCES "survivor_merge"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "survivor_merge_row"`);
    await queryRunner.query(`DROP TABLE "survivor_merge"`);
    await queryRunner.query(`ALTER TABLE "survivor" DROP CONSTRAINT "fk_survivor_merged_into"`);
    await queryRunner.query(`ALTER TABLE "survivor" DROP COLUMN "merged_into_id"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, search: keyed tokens of survivors' names (words, prefixes, phonetic keys) for tolerant
 * search and duplicate checks, names staying encrypted (apps/api/src/case-file/survivor-name-index.ts).
 * The tokens need the blind-index key, which SQL does not have: the API fills the table for existing
 * survivors when it starts (and `keys:rotate` rebuilds it under a new key).
 */
export class SurvivorNameTokens1796790000000 implements MigrationInterface {
  name = 'SurvivorNameTokens1796790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "survivor_name_token" ("survivor_id" uuid NOT NULL, "token" character varying(4) NOT NULL, "organization_id" uuid NOT NULL, "key_id" character varying(8) NOT NULL, CONSTRAINT "pk_survivor_name_token" PRIMARY KEY ("survivor_id", "token"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_survivor_name_token_lookup" ON "survivor_name_token" ("organization_id", "token", "survivor_id") `);
    await queryRunner.query(
      `ALTER TABLE "survivor_name_token" ADD CONSTRAINT "fk_survivor_name_token_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survivor_name_token" DROP CONSTRAINT "fk_survivor_name_token_survivor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_name_token_lookup"`);
    await queryRunner.query(`DROP TABLE "survivor_name_token"`);
  }
}

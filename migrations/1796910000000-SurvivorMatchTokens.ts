import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, part 3, duplicates: keyed tokens of what a duplicate check compares (the sound keys of name
 * words, the date of birth, the birth year, the phone, the e-mail), every value encrypted elsewhere
 * (apps/api/src/case-file/survivor-match-index.ts, docs/duplicates.md). SQL has no blind-index key: the
 * API fills the table for existing survivors when it starts, and `keys:rotate` rebuilds it.
 */
export class SurvivorMatchTokens1796910000000 implements MigrationInterface {
  name = 'SurvivorMatchTokens1796910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "survivor_match_token" ("survivor_id" uuid NOT NULL, "token" character varying(4) NOT NULL, "organization_id" uuid NOT NULL, "key_id" character varying(8) NOT NULL, CONSTRAINT "pk_survivor_match_token" PRIMARY KEY ("survivor_id", "token"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_survivor_match_token_lookup" ON "survivor_match_token" ("organization_id", "token", "survivor_id") `);
    await queryRunner.query(
      `ALTER TABLE "survivor_match_token" ADD CONSTRAINT "fk_survivor_match_token_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "survivor_match_token" DROP CONSTRAINT "fk_survivor_match_token_survivor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_match_token_lookup"`);
    await queryRunner.query(`DROP TABLE "survivor_match_token"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, optional S3 storage of case documents (docs/documents.md): each document records the store
 * that holds its sealed chunks, `database` (rows of document_chunk, every document so far) or `s3`
 * (objects of the bucket of LANTERN_FILES_S3_URL), so that setting or removing that variable later
 * never strands a document that is already stored.
 */
export class DocumentContentStore1796830000000 implements MigrationInterface {
  name = 'DocumentContentStore1796830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document" ADD "content_store" character varying(8) NOT NULL DEFAULT 'database'`);
    await queryRunner.query(`ALTER TABLE "document" ADD CONSTRAINT "ck_document_content_store" CHECK (content_store IN ('database', 's3'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "ck_document_content_store"`);
    await queryRunner.query(`ALTER TABLE "document" DROP COLUMN "content_store"`);
  }
}

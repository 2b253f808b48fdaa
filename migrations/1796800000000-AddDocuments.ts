import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, case documents: a document of a case (title and file name encrypted, its data key wrapped by
 * the field-encryption key ring), its content as encrypted chunks, and the view `consent_share_item`, one
 * row per `documents:<kind>` item a consent shares, which the partner rules of libs/permissions follow
 * as a relation (apps/api/src/features/documents/document.entity.ts).
 */
export class AddDocuments1796800000000 implements MigrationInterface {
  name = 'AddDocuments1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "title" text NOT NULL, "filename" text NOT NULL, "expires_on" date, "consent_id" uuid, "goal_id" uuid, "referral_id" uuid, "uploaded_by" uuid NOT NULL, "size_bytes" integer NOT NULL DEFAULT '0', "detected_type" character varying(100), "sha256" character varying(64), "chunk_count" integer NOT NULL DEFAULT '0', "wrapped_key" text, "scan_status" character varying(12) NOT NULL DEFAULT 'uploading', "scanned_at" TIMESTAMP WITH TIME ZONE, "scan_finding" character varying(200), "deleted_at" TIMESTAMP WITH TIME ZONE, "deleted_by" uuid, "deletion_reason" character varying(500), "purged_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_document_deletion" CHECK ((deleted_at IS NULL) = (deletion_reason IS NULL)), CONSTRAINT "ck_document_scan_status" CHECK (scan_status IN ('uploading', 'pending', 'clean', 'quarantined', 'unscanned')), CONSTRAINT "ck_document_kind" CHECK (kind IN ('identity', 'consent_form', 'legal', 'housing', 'medical', 'education_training', 'other')), CONSTRAINT "PK_e57d3357f83f3cdc0acffc3d777" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_document_scan_status" ON "document"  ("scan_status") `);
    await queryRunner.query(`CREATE INDEX "ix_document_survivor" ON "document"  ("survivor_id") `);
    await queryRunner.query(`CREATE INDEX "ix_document_case" ON "document"  ("case_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "document_chunk" ("document_id" uuid NOT NULL, "idx" integer NOT NULL, "nonce" bytea NOT NULL, "sealed" bytea NOT NULL, CONSTRAINT "pk_document_chunk" PRIMARY KEY ("document_id", "idx"))`);
    await queryRunner.query(`ALTER TABLE "document" ADD CONSTRAINT "fk_document_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document" ADD CONSTRAINT "fk_document_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document" ADD CONSTRAINT "fk_document_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document" ADD CONSTRAINT "fk_document_consent" FOREIGN KEY ("consent_id") REFERENCES "consent"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document" ADD CONSTRAINT "fk_document_goal" FOREIGN KEY ("goal_id") REFERENCES "goal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document" ADD CONSTRAINT "fk_document_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document" ADD CONSTRAINT "fk_document_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "document_chunk" ADD CONSTRAINT "fk_document_chunk_document" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Not managed by TypeORM's schema comparison (its entity is `synchronize: false`): written by hand.
    await queryRunner.query(`CREATE VIEW "consent_share_item" AS SELECT c.id, item::character varying(40) AS item, c.organization_id, c.survivor_id, c.partner_org_id, c.purpose, c.granted_at, c.expires_at, c.revoked_at FROM "consent" c CROSS JOIN LATERAL unnest(c.shared_fields) AS item WHERE item LIKE 'documents:%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "consent_share_item"`);
    await queryRunner.query(`ALTER TABLE "document_chunk" DROP CONSTRAINT "fk_document_chunk_document"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_uploaded_by"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_referral"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_goal"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_consent"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_survivor"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_case"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "fk_document_organization"`);
    await queryRunner.query(`DROP TABLE "document_chunk"`);
    await queryRunner.query(`DROP INDEX "public"."ix_document_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_document_survivor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_document_scan_status"`);
    await queryRunner.query(`DROP TABLE "document"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, "drafts of notes autosave": a note being written, kept on the server instead of in the
 * browser (nothing a person types is stored there: docs/security-model.md). One draft per case and
 * author; the body is encrypted like case_note.body, under its own AAD (case_note_draft|body|id). The
 * unique (case_id, author_id) also serves the one lookup (the author's draft on a case). Drafts are
 * disposable: deleted with the note saved from them, on discard, and with their case or author.
 */
export class CaseNoteDrafts1796890000000 implements MigrationInterface {
  name = 'CaseNoteDrafts1796890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_note_draft" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "author_id" uuid NOT NULL, "note_type" character varying(20) NOT NULL, "contact_method" character varying(20) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE, "restricted" boolean NOT NULL DEFAULT false, "body" text NOT NULL, CONSTRAINT "uq_case_note_draft_case_author" UNIQUE ("case_id", "author_id"), CONSTRAINT "ck_case_note_draft_contact" CHECK (contact_method IN ('in_person', 'phone', 'video', 'text_message', 'email', 'none')), CONSTRAINT "ck_case_note_draft_type" CHECK (note_type IN ('contact', 'session', 'safety_planning', 'case_review', 'advocacy', 'other')), CONSTRAINT "PK_case_note_draft_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "case_note_draft" ADD CONSTRAINT "fk_case_note_draft_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_note_draft" ADD CONSTRAINT "fk_case_note_draft_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_note_draft" ADD CONSTRAINT "fk_case_note_draft_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_note_draft" DROP CONSTRAINT "fk_case_note_draft_author"`);
    await queryRunner.query(`ALTER TABLE "case_note_draft" DROP CONSTRAINT "fk_case_note_draft_case"`);
    await queryRunner.query(`ALTER TABLE "case_note_draft" DROP CONSTRAINT "fk_case_note_draft_organization"`);
    await queryRunner.query(`DROP TABLE "case_note_draft"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Survivors, cases (numbering, assignment and status history), intakes and their revisions, consents, case notes, break-glass grants. */
export class AddSurvivorRecords1795808711729 implements MigrationInterface {
  name = 'AddSurvivorRecords1795808711729';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "break_glass_grant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "reason" character varying(500) NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_cf1c0db121085bb49f92ef295dc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_break_glass_grant_survivor" ON "break_glass_grant"  ("survivor_id") `);
    await queryRunner.query(`CREATE INDEX "ix_break_glass_grant_user" ON "break_glass_grant"  ("user_id", "expires_at") `);
    await queryRunner.query(`CREATE TABLE "case_note" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "note_type" character varying(20) NOT NULL, "contact_method" character varying(20) NOT NULL, "body" text NOT NULL, "restricted" boolean NOT NULL DEFAULT false, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "author_id" uuid NOT NULL, "corrects_note_id" uuid, CONSTRAINT "ck_case_note_contact" CHECK (contact_method IN ('in_person', 'phone', 'video', 'text_message', 'email', 'none')), CONSTRAINT "ck_case_note_type" CHECK (note_type IN ('contact', 'session', 'safety_planning', 'case_review', 'advocacy', 'other')), CONSTRAINT "PK_7b0442af3f3d9273fb63d2799a2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_case_note_corrects" ON "case_note"  ("corrects_note_id") `);
    await queryRunner.query(`CREATE INDEX "ix_case_note_case" ON "case_note"  ("case_id", "occurred_at") `);
    await queryRunner.query(`CREATE TABLE "case_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "from_user_id" uuid, "to_user_id" uuid NOT NULL, "assigned_by" uuid NOT NULL, "reason" character varying(500), "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_23dbc3b5ef530451316d063247b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_case_assignment_case" ON "case_assignment"  ("case_id", "assigned_at") `);
    await queryRunner.query(`CREATE TABLE "case_status_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "from_status" character varying(10) NOT NULL, "to_status" character varying(10) NOT NULL, "reason" character varying(500), "changed_by" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8a2ab5b6c9091e1686e0f309e5b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_case_status_change_case" ON "case_status_change"  ("case_id", "changed_at") `);
    await queryRunner.query(`CREATE TABLE "case_number_counter" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "year" smallint NOT NULL, "last_value" integer NOT NULL, CONSTRAINT "PK_bbbe953c6ec09a6f907a9e07f43" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_number_counter" ON "case_number_counter"  ("organization_id", "year") `);
    await queryRunner.query(`CREATE TABLE "survivor_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_number" character varying(20) NOT NULL, "survivor_id" uuid NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'intake', "assigned_caseworker_id" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE, "risk_level" character varying(10), "referral_source" character varying(40), "exploitation_types" character varying(40) array NOT NULL DEFAULT '{}', "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "exit_destination" smallint, "closure_reason" character varying(40), "last_contact_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_survivor_case_risk" CHECK (risk_level IS NULL OR risk_level IN ('low', 'medium', 'high')), CONSTRAINT "ck_survivor_case_status" CHECK (status IN ('intake', 'active', 'on_hold', 'closed')), CONSTRAINT "PK_035161d6f7c218c175a5b8f075f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_survivor_case_survivor" ON "survivor_case"  ("survivor_id") `);
    await queryRunner.query(`CREATE INDEX "ix_survivor_case_org_status" ON "survivor_case"  ("organization_id", "status", "opened_at") `);
    await queryRunner.query(`CREATE INDEX "ix_survivor_case_caseworker" ON "survivor_case"  ("assigned_caseworker_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_survivor_case_number" ON "survivor_case"  ("organization_id", "case_number") `);
    await queryRunner.query(`CREATE TABLE "consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "case_id" uuid, "purpose" character varying(30) NOT NULL, "partner_org_id" uuid, "shared_fields" character varying(40) array NOT NULL DEFAULT '{}', "method" character varying(12) NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "revocation_reason" character varying(500), CONSTRAINT "ck_consent_partner" CHECK ((purpose = 'share_with_partner') = (partner_org_id IS NOT NULL)), CONSTRAINT "ck_consent_method" CHECK (method IN ('verbal', 'written', 'electronic')), CONSTRAINT "ck_consent_purpose" CHECK (purpose IN ('services', 'referral', 'share_with_partner', 'anonymized_reporting')), CONSTRAINT "PK_9115e8d6b082d4fc46d56134d29" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_consent_partner" ON "consent"  ("partner_org_id", "survivor_id") `);
    await queryRunner.query(`CREATE INDEX "ix_consent_survivor" ON "consent"  ("survivor_id", "purpose") `);
    await queryRunner.query(`CREATE TABLE "intake" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "intake_date" date, "identified_by" character varying(40), "exploitation_types" character varying(40) array NOT NULL DEFAULT '{}', "control_methods" character varying(40) array NOT NULL DEFAULT '{}', "recruitment_methods" character varying(40) array NOT NULL DEFAULT '{}', "immediate_needs" character varying(20) array NOT NULL DEFAULT '{}', "risk_screening" jsonb, "risk_level" character varying(10), "narrative" text, "status" character varying(10) NOT NULL DEFAULT 'draft', "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by" uuid, "amendment_count" integer NOT NULL DEFAULT '0', CONSTRAINT "ck_intake_status" CHECK (status IN ('draft', 'submitted')), CONSTRAINT "PK_ca09c74600819624d88bf60b6fe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_intake_org_status" ON "intake"  ("organization_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_intake_case" ON "intake"  ("case_id") `);
    await queryRunner.query(`CREATE TABLE "intake_revision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "intake_id" uuid NOT NULL, "revision" integer NOT NULL, "snapshot" jsonb NOT NULL, "narrative" text, "reason" character varying(500) NOT NULL, CONSTRAINT "PK_75164c547f5c88060880b1c259b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_intake_revision" ON "intake_revision"  ("intake_id", "revision") `);
    await queryRunner.query(`CREATE TABLE "survivor" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "alias" character varying(80) NOT NULL, "legal_name" text, "preferred_name" text, "date_of_birth" text, "birth_year" smallint, "gender" character varying(30), "pronouns" character varying(40), "citizenship" character varying(2) array NOT NULL DEFAULT '{}', "languages" character varying(8) array NOT NULL DEFAULT '{}', "phone" text, "email" text, "address" text, "safe_contact_instructions" text, "name_index" character varying(8) array NOT NULL DEFAULT '{}', CONSTRAINT "PK_ffa771de757d3d5f796b079f515" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_survivor_organization" ON "survivor"  ("organization_id") `);
    await queryRunner.query(`ALTER TABLE "break_glass_grant" ADD CONSTRAINT "fk_break_glass_grant_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "break_glass_grant" ADD CONSTRAINT "fk_break_glass_grant_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_note" ADD CONSTRAINT "fk_case_note_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_note" ADD CONSTRAINT "fk_case_note_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_note" ADD CONSTRAINT "fk_case_note_corrects" FOREIGN KEY ("corrects_note_id") REFERENCES "case_note"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_assignment" ADD CONSTRAINT "fk_case_assignment_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_assignment" ADD CONSTRAINT "fk_case_assignment_to_user" FOREIGN KEY ("to_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_status_change" ADD CONSTRAINT "fk_case_status_change_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survivor_case" ADD CONSTRAINT "fk_survivor_case_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survivor_case" ADD CONSTRAINT "fk_survivor_case_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survivor_case" ADD CONSTRAINT "fk_survivor_case_caseworker" FOREIGN KEY ("assigned_caseworker_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consent" ADD CONSTRAINT "fk_consent_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consent" ADD CONSTRAINT "fk_consent_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consent" ADD CONSTRAINT "fk_consent_partner_org" FOREIGN KEY ("partner_org_id") REFERENCES "partner_org"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "intake" ADD CONSTRAINT "fk_intake_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "intake_revision" ADD CONSTRAINT "fk_intake_revision_intake" FOREIGN KEY ("intake_id") REFERENCES "intake"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "survivor" ADD CONSTRAINT "fk_survivor_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Blind-index search (name token + birth year) looks up array membership: a GIN index.
    await queryRunner.query(`CREATE INDEX "ix_survivor_name_index" ON "survivor" USING gin ("name_index")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_name_index"`);
    await queryRunner.query(`ALTER TABLE "survivor" DROP CONSTRAINT "fk_survivor_organization"`);
    await queryRunner.query(`ALTER TABLE "intake_revision" DROP CONSTRAINT "fk_intake_revision_intake"`);
    await queryRunner.query(`ALTER TABLE "intake" DROP CONSTRAINT "fk_intake_case"`);
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "fk_consent_partner_org"`);
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "fk_consent_case"`);
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "fk_consent_survivor"`);
    await queryRunner.query(`ALTER TABLE "survivor_case" DROP CONSTRAINT "fk_survivor_case_caseworker"`);
    await queryRunner.query(`ALTER TABLE "survivor_case" DROP CONSTRAINT "fk_survivor_case_survivor"`);
    await queryRunner.query(`ALTER TABLE "survivor_case" DROP CONSTRAINT "fk_survivor_case_organization"`);
    await queryRunner.query(`ALTER TABLE "case_status_change" DROP CONSTRAINT "fk_case_status_change_case"`);
    await queryRunner.query(`ALTER TABLE "case_assignment" DROP CONSTRAINT "fk_case_assignment_to_user"`);
    await queryRunner.query(`ALTER TABLE "case_assignment" DROP CONSTRAINT "fk_case_assignment_case"`);
    await queryRunner.query(`ALTER TABLE "case_note" DROP CONSTRAINT "fk_case_note_corrects"`);
    await queryRunner.query(`ALTER TABLE "case_note" DROP CONSTRAINT "fk_case_note_author"`);
    await queryRunner.query(`ALTER TABLE "case_note" DROP CONSTRAINT "fk_case_note_case"`);
    await queryRunner.query(`ALTER TABLE "break_glass_grant" DROP CONSTRAINT "fk_break_glass_grant_survivor"`);
    await queryRunner.query(`ALTER TABLE "break_glass_grant" DROP CONSTRAINT "fk_break_glass_grant_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_organization"`);
    await queryRunner.query(`DROP TABLE "survivor"`);
    await queryRunner.query(`DROP INDEX "public"."uq_intake_revision"`);
    await queryRunner.query(`DROP TABLE "intake_revision"`);
    await queryRunner.query(`DROP INDEX "public"."uq_intake_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_intake_org_status"`);
    await queryRunner.query(`DROP TABLE "intake"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consent_survivor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consent_partner"`);
    await queryRunner.query(`DROP TABLE "consent"`);
    await queryRunner.query(`DROP INDEX "public"."uq_survivor_case_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_case_caseworker"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_case_org_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_survivor_case_survivor"`);
    await queryRunner.query(`DROP TABLE "survivor_case"`);
    await queryRunner.query(`DROP INDEX "public"."uq_case_number_counter"`);
    await queryRunner.query(`DROP TABLE "case_number_counter"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_status_change_case"`);
    await queryRunner.query(`DROP TABLE "case_status_change"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_assignment_case"`);
    await queryRunner.query(`DROP TABLE "case_assignment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_note_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_case_note_corrects"`);
    await queryRunner.query(`DROP TABLE "case_note"`);
    await queryRunner.query(`DROP INDEX "public"."ix_break_glass_grant_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_break_glass_grant_survivor"`);
    await queryRunner.query(`DROP TABLE "break_glass_grant"`);
  }
}

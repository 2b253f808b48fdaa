import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, part 1, contacts before a case: one row per hotline call, text, walk-in or outreach
 * encounter, anonymous by default. Named details (name, phone, e-mail), the coarse area and the note are
 * encrypted like every PII field; the rest (channel, needs, indicators, danger, actions, follow-up) is
 * plain so the weekly summary and funder reports count it. A contact may be linked to a survivor or
 * converted into a new case; it is never deleted (voided with a reason). Indexed for an organization's
 * period (the list and the weekly summary) and for a survivor's or a case's file.
 */
export class Contacts1796880000000 implements MigrationInterface {
  name = 'Contacts1796880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "channel" character varying(12) NOT NULL, "staff_user_id" uuid NOT NULL, "anonymous" boolean NOT NULL DEFAULT true, "name" text, "phone" text, "email" text, "country_code" character varying(2), "area" text, "needs" character varying(20) array NOT NULL DEFAULT '{}', "indicators" character varying(40) array NOT NULL DEFAULT '{}', "immediate_danger" character varying(8) NOT NULL DEFAULT 'unknown', "actions" character varying(30) array NOT NULL DEFAULT '{}', "follow_up_needed" boolean NOT NULL DEFAULT false, "follow_up_on" date, "note" text, "outcome" character varying(12) NOT NULL DEFAULT 'contact_only', "survivor_id" uuid, "case_id" uuid, "linked_at" TIMESTAMP WITH TIME ZONE, "voided_at" TIMESTAMP WITH TIME ZONE, "void_reason" character varying(500), CONSTRAINT "ck_contact_void" CHECK ((voided_at IS NULL) = (void_reason IS NULL)), CONSTRAINT "ck_contact_link" CHECK ((outcome = 'contact_only' AND survivor_id IS NULL AND case_id IS NULL) OR (outcome = 'linked' AND survivor_id IS NOT NULL) OR (outcome = 'converted' AND survivor_id IS NOT NULL AND case_id IS NOT NULL)), CONSTRAINT "ck_contact_follow_up" CHECK (follow_up_needed OR follow_up_on IS NULL), CONSTRAINT "ck_contact_anonymous" CHECK (NOT anonymous OR (name IS NULL AND phone IS NULL AND email IS NULL)), CONSTRAINT "ck_contact_country" CHECK (country_code IS NULL OR country_code ~ '^[A-Z]{2}$'), CONSTRAINT "ck_contact_actions" CHECK (actions <@ ARRAY['information_given', 'referral_made', 'emergency_service_called']::varchar[]), CONSTRAINT "ck_contact_outcome" CHECK (outcome IN ('contact_only', 'linked', 'converted')), CONSTRAINT "ck_contact_danger" CHECK (immediate_danger IN ('yes', 'no', 'unknown')), CONSTRAINT "ck_contact_channel" CHECK (channel IN ('call', 'text', 'walk_in', 'outreach', 'other')), CONSTRAINT "PK_contact_id" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_contact_case" ON "contact"  ("case_id") WHERE case_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_contact_survivor" ON "contact"  ("survivor_id") WHERE survivor_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_contact_org_occurred" ON "contact"  ("organization_id", "occurred_at") `);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_staff_user" FOREIGN KEY ("staff_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_case"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_survivor"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_staff_user"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_organization"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_org_occurred"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_survivor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_case"`);
    await queryRunner.query(`DROP TABLE "contact"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, appointments: an appointment of a case (its note encrypted like every narrative field), the
 * staff who attend it (with the appointment's time copied, for "my week" and the overlap warning by
 * user and time), and each user's private calendar feed (only the SHA-256 of its token).
 */
export class AddAppointments1796770000000 implements MigrationInterface {
  name = 'AddAppointments1796770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "appointment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" character varying(20) NOT NULL, "partner_org_id" uuid, "note" text, "status" character varying(12) NOT NULL DEFAULT 'scheduled', "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_appointment_ends" CHECK (ends_at > starts_at), CONSTRAINT "ck_appointment_duration" CHECK (duration_minutes BETWEEN 1 AND 1440), CONSTRAINT "ck_appointment_status" CHECK (status IN ('scheduled', 'cancelled')), CONSTRAINT "ck_appointment_kind" CHECK (kind IN ('meeting', 'court', 'medical', 'housing_viewing', 'other')), CONSTRAINT "PK_e8be1a53027415e709ce8a2db74" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_appointment_org_starts" ON "appointment"  ("organization_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "ix_appointment_case_starts" ON "appointment"  ("case_id", "starts_at") `);
    await queryRunner.query(`CREATE TABLE "appointment_attendee" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "appointment_id" uuid NOT NULL, "user_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(12) NOT NULL, CONSTRAINT "uq_appointment_attendee" UNIQUE ("appointment_id", "user_id"), CONSTRAINT "PK_e1b4aab92a0a8a50ee2f9ce54da" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_appointment_attendee_user_starts" ON "appointment_attendee"  ("user_id", "starts_at") `);
    await queryRunner.query(`CREATE TABLE "calendar_feed" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_24c0b9c80e4a4ac8752d854bc2e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_feed_user_live" ON "calendar_feed"  ("user_id") WHERE revoked_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_feed_token" ON "calendar_feed"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "appointment" ADD CONSTRAINT "fk_appointment_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointment" ADD CONSTRAINT "fk_appointment_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointment" ADD CONSTRAINT "fk_appointment_partner_org" FOREIGN KEY ("partner_org_id") REFERENCES "partner_org"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointment_attendee" ADD CONSTRAINT "fk_appointment_attendee_appointment" FOREIGN KEY ("appointment_id") REFERENCES "appointment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointment_attendee" ADD CONSTRAINT "fk_appointment_attendee_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "calendar_feed" ADD CONSTRAINT "fk_calendar_feed_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "calendar_feed" DROP CONSTRAINT "fk_calendar_feed_user"`);
    await queryRunner.query(`ALTER TABLE "appointment_attendee" DROP CONSTRAINT "fk_appointment_attendee_user"`);
    await queryRunner.query(`ALTER TABLE "appointment_attendee" DROP CONSTRAINT "fk_appointment_attendee_appointment"`);
    await queryRunner.query(`ALTER TABLE "appointment" DROP CONSTRAINT "fk_appointment_partner_org"`);
    await queryRunner.query(`ALTER TABLE "appointment" DROP CONSTRAINT "fk_appointment_case"`);
    await queryRunner.query(`ALTER TABLE "appointment" DROP CONSTRAINT "fk_appointment_organization"`);
    await queryRunner.query(`DROP INDEX "public"."uq_calendar_feed_token"`);
    await queryRunner.query(`DROP INDEX "public"."uq_calendar_feed_user_live"`);
    await queryRunner.query(`DROP TABLE "calendar_feed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_appointment_attendee_user_starts"`);
    await queryRunner.query(`DROP TABLE "appointment_attendee"`);
    await queryRunner.query(`DROP INDEX "public"."ix_appointment_case_starts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_appointment_org_starts"`);
    await queryRunner.query(`DROP TABLE "appointment"`);
  }
}

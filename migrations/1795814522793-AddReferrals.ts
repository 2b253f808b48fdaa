import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Referrals and their transitions, in-app notifications and an e-mail outbox; partner languages for matching. */
export class AddReferrals1795814522793 implements MigrationInterface {
  name = 'AddReferrals1795814522793';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "title" character varying(200) NOT NULL, "referral_id" uuid, "case_id" uuid, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_notification_user_unread" ON "notification"  ("user_id", "read_at", "created_at") `);
    await queryRunner.query(`CREATE TABLE "notification_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "notification_id" uuid NOT NULL, "user_id" uuid NOT NULL, "channel" character varying(10) NOT NULL DEFAULT 'email', "subject" character varying(200) NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_notification_outbox_status" CHECK (status IN ('pending', 'sent', 'failed')), CONSTRAINT "PK_83d47c7dba1da2d038749fe757e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_notification_outbox_pending" ON "notification_outbox"  ("status", "created_at") `);
    await queryRunner.query(`CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "partner_org_id" uuid NOT NULL, "service_type" character varying(30) NOT NULL, "urgency" character varying(12) NOT NULL DEFAULT 'routine', "reason" text, "shared_fields" character varying(40) array NOT NULL DEFAULT '{}', "status" character varying(12) NOT NULL DEFAULT 'draft', "sent_at" TIMESTAMP WITH TIME ZONE, "responded_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "decline_reason" character varying(500), "suggested_partner_org_id" uuid, "consent_id" uuid, "consent_override_reason" character varying(500), "outcome_note" text, "overdue_notified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_referral_urgency" CHECK (urgency IN ('routine', 'urgent', 'emergency')), CONSTRAINT "ck_referral_status" CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'in_progress', 'completed', 'cancelled')), CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_referral_case" ON "referral"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "ix_referral_partner_status" ON "referral"  ("partner_org_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_referral_org_status" ON "referral"  ("organization_id", "status", "created_at") `);
    await queryRunner.query(`CREATE TABLE "referral_transition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "referral_id" uuid NOT NULL, "from_status" character varying(12), "to_status" character varying(12) NOT NULL, "reason" character varying(500), "actor_id" uuid NOT NULL, "actor_role" character varying(20) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8d97262518aa045748622135c57" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_referral_transition_referral" ON "referral_transition"  ("referral_id", "occurred_at") `);
    await queryRunner.query(`ALTER TABLE "partner_org" ADD "languages" character varying(8) array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "fk_notification_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD CONSTRAINT "fk_notification_outbox_notification" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral" ADD CONSTRAINT "fk_referral_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral" ADD CONSTRAINT "fk_referral_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral" ADD CONSTRAINT "fk_referral_partner_org" FOREIGN KEY ("partner_org_id") REFERENCES "partner_org"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral" ADD CONSTRAINT "fk_referral_suggested_partner" FOREIGN KEY ("suggested_partner_org_id") REFERENCES "partner_org"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral" ADD CONSTRAINT "fk_referral_consent" FOREIGN KEY ("consent_id") REFERENCES "consent"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral_transition" ADD CONSTRAINT "fk_referral_transition_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral_transition" DROP CONSTRAINT "fk_referral_transition_referral"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_consent"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_suggested_partner"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_partner_org"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_survivor"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_case"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "fk_notification_outbox_notification"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "fk_notification_user"`);
    await queryRunner.query(`ALTER TABLE "partner_org" DROP COLUMN "languages"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_transition_referral"`);
    await queryRunner.query(`DROP TABLE "referral_transition"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_org_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_partner_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_case"`);
    await queryRunner.query(`DROP TABLE "referral"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_pending"`);
    await queryRunner.query(`DROP TABLE "notification_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_user_unread"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}

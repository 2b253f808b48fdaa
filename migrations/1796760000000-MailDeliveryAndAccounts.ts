import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, e-mail and accounts. The outbox is delivered (features/notifications/mail-delivery.service.ts):
 * it takes mails that are not notifications (an invitation goes to an address with no user yet), keeps
 * their rendered body encrypted until it is sent, and each attempt is recorded without the body.
 * Invitations and password resets store only a SHA-256 of their single-use tokens.
 */
export class MailDeliveryAndAccounts1796760000000 implements MigrationInterface {
  name = 'MailDeliveryAndAccounts1796760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "ck_notification_outbox_status"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ALTER COLUMN "notification_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ALTER COLUMN "user_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "organization_id" uuid`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "recipient" character varying(254)`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "template" character varying(30) NOT NULL DEFAULT 'notification'`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "reference_id" uuid`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "body" text`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "lease_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "last_response_code" integer`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "last_error" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD "transport" character varying(10)`);
    // The rows written before: their organization is their notification's, and they are due now.
    await queryRunner.query(`UPDATE "notification_outbox" o SET "organization_id" = n."organization_id", "next_attempt_at" = o."created_at" FROM "notification" n WHERE n."id" = o."notification_id"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD CONSTRAINT "ck_notification_outbox_status" CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'expired'))`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD CONSTRAINT "ck_notification_outbox_recipient" CHECK (user_id IS NOT NULL OR recipient IS NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "ix_notification_outbox_due" ON "notification_outbox"  ("status", "next_attempt_at") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_outbox_org" ON "notification_outbox"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_outbox_reference" ON "notification_outbox"  ("reference_id") `);

    await queryRunner.query(`CREATE TABLE "mail_delivery_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "outbox_id" uuid NOT NULL, "organization_id" uuid, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "outcome" character varying(10) NOT NULL, "transport" character varying(10) NOT NULL, "response_code" integer, "error" character varying(200), CONSTRAINT "ck_mail_delivery_attempt_outcome" CHECK (outcome IN ('sent', 'retry', 'failed')), CONSTRAINT "PK_mail_delivery_attempt" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_mail_delivery_attempt_outbox" ON "mail_delivery_attempt"  ("outbox_id", "attempted_at") `);
    await queryRunner.query(`CREATE INDEX "ix_mail_delivery_attempt_org" ON "mail_delivery_attempt"  ("organization_id", "attempted_at") `);
    await queryRunner.query(`ALTER TABLE "mail_delivery_attempt" ADD CONSTRAINT "fk_mail_delivery_attempt_outbox" FOREIGN KEY ("outbox_id") REFERENCES "notification_outbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await queryRunner.query(`CREATE TABLE "invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "display_name" character varying(120) NOT NULL, "role" character varying(20) NOT NULL, "partner_org_id" uuid, "locale" character varying(5) NOT NULL DEFAULT 'en', "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_count" integer NOT NULL DEFAULT '1', "accepted_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "user_id" uuid, CONSTRAINT "ck_invitation_role" CHECK (role IN ('admin', 'coordinator', 'caseworker', 'partner', 'analyst')), CONSTRAINT "ck_invitation_partner_org" CHECK ((role = 'partner') = (partner_org_id IS NOT NULL)), CONSTRAINT "ck_invitation_locale" CHECK (locale IN ('en', 'es')), CONSTRAINT "PK_invitation" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_invitation_token" ON "invitation"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_invitation_org" ON "invitation"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_invitation_email" ON "invitation"  ("email") `);
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "fk_invitation_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "fk_invitation_partner_org" FOREIGN KEY ("partner_org_id") REFERENCES "partner_org"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invitation" ADD CONSTRAINT "fk_invitation_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await queryRunner.query(`CREATE TABLE "password_reset" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_password_reset" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_password_reset_token" ON "password_reset"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_password_reset_user" ON "password_reset"  ("user_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "password_reset" ADD CONSTRAINT "fk_password_reset_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "password_reset"`);
    await queryRunner.query(`DROP TABLE "invitation"`);
    await queryRunner.query(`DROP TABLE "mail_delivery_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_reference"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_org"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_outbox_due"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "ck_notification_outbox_recipient"`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" DROP CONSTRAINT "ck_notification_outbox_status"`);
    await queryRunner.query(`DELETE FROM "notification_outbox" WHERE "notification_id" IS NULL`);
    await queryRunner.query(`UPDATE "notification_outbox" SET "status" = 'pending' WHERE "status" IN ('sending', 'expired')`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ADD CONSTRAINT "ck_notification_outbox_status" CHECK (status IN ('pending', 'sent', 'failed'))`);
    for (const column of ['transport', 'last_error', 'last_response_code', 'expires_at', 'lease_until', 'next_attempt_at', 'body', 'reference_id', 'template', 'recipient', 'organization_id']) {
      await queryRunner.query(`ALTER TABLE "notification_outbox" DROP COLUMN "${column}"`);
    }
    await queryRunner.query(`ALTER TABLE "notification_outbox" ALTER COLUMN "user_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "notification_outbox" ALTER COLUMN "notification_id" SET NOT NULL`);
  }
}

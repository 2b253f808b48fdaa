import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, users, sessions, sign-in throttling, MFA recovery codes, partner orgs and the audit trail. */
export class CreateFoundation1795805337191 implements MigrationInterface {
  name = 'CreateFoundation1795805337191';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "seq" BIGSERIAL NOT NULL, "chain_id" uuid NOT NULL, "organization_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_role" character varying(20), "action" character varying(32) NOT NULL, "subject_type" character varying(40), "subject_id" uuid, "fields" character varying(64) array NOT NULL DEFAULT '{}', "outcome" character varying(10) NOT NULL, "request_id" character varying(64), "ip" character varying(64), "reason" character varying(500), "prev_hash" character varying(64) NOT NULL, "row_hash" character varying(64) NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event"  ("actor_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_subject" ON "audit_event"  ("subject_type", "subject_id") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_org_time" ON "audit_event"  ("organization_id", "occurred_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_audit_event_chain_seq" ON "audit_event"  ("chain_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "login_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "account_key" character varying(64) NOT NULL, "ip_key" character varying(64) NOT NULL, "kind" character varying(10) NOT NULL, "success" boolean NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_login_attempt_kind" CHECK (kind IN ('password', 'totp')), CONSTRAINT "PK_72829cd4f7424e3cdfd46c476c0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_login_attempt_ip" ON "login_attempt"  ("ip_key", "attempted_at") `);
    await queryRunner.query(`CREATE INDEX "ix_login_attempt_account" ON "login_attempt"  ("account_key", "attempted_at") `);
    await queryRunner.query(`CREATE TABLE "recovery_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "user_id" uuid NOT NULL, "code_hash" character varying(128) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b7f1e23329e93a80e25fd281922" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_recovery_code_user" ON "recovery_code"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "token_hash" character varying(64) NOT NULL, "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "step_up_at" TIMESTAMP WITH TIME ZONE, "mfa_enrolment_required" boolean NOT NULL DEFAULT false, "ip" character varying(64), "user_agent" character varying(200), CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_session_token_hash" ON "session"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_session_user" ON "session"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "name" character varying(200) NOT NULL, "slug" character varying(63) NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organization_slug" ON "organization"  ("slug") `);
    await queryRunner.query(`CREATE TABLE "partner_org" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "service_types" character varying(30) array NOT NULL DEFAULT '{}', "service_area" character varying(500), "capacity" integer NOT NULL DEFAULT '0', "accepting_referrals" boolean NOT NULL DEFAULT true, "contact_name" character varying(120), "contact_email" character varying(254), "phone" character varying(32), "active" boolean NOT NULL DEFAULT true, CONSTRAINT "ck_partner_org_capacity" CHECK (capacity >= 0), CONSTRAINT "PK_e375caa605dcf87c25d5dfd5ebf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_partner_org_name" ON "partner_org"  ("organization_id", "name") `);
    await queryRunner.query(`CREATE INDEX "ix_partner_org_organization" ON "partner_org"  ("organization_id") `);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "display_name" character varying(120) NOT NULL, "role" character varying(20) NOT NULL, "partner_org_id" uuid, "password_hash" character varying(255) NOT NULL, "password_changed_at" TIMESTAMP WITH TIME ZONE, "active" boolean NOT NULL DEFAULT true, "mfa_enabled" boolean NOT NULL DEFAULT false, "totp_secret" text, "totp_last_step" bigint, "last_login_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_app_user_partner_org" CHECK ((role = 'partner') = (partner_org_id IS NOT NULL)), CONSTRAINT "ck_app_user_role" CHECK (role IN ('admin', 'coordinator', 'caseworker', 'partner', 'analyst')), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user"  ("email") `);
    await queryRunner.query(`CREATE INDEX "ix_app_user_organization" ON "app_user"  ("organization_id") `);
    await queryRunner.query(`ALTER TABLE "recovery_code" ADD CONSTRAINT "fk_recovery_code_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session" ADD CONSTRAINT "fk_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "partner_org" ADD CONSTRAINT "fk_partner_org_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD CONSTRAINT "fk_app_user_partner_org" FOREIGN KEY ("partner_org_id") REFERENCES "partner_org"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // The audit trail is append-only (SECURITY.md): the database itself refuses to change or remove a row.
    await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER trg_audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER trg_audit_event_no_truncate ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER trg_audit_event_no_update_delete ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_partner_org"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_organization"`);
    await queryRunner.query(`ALTER TABLE "partner_org" DROP CONSTRAINT "fk_partner_org_organization"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "fk_session_user"`);
    await queryRunner.query(`ALTER TABLE "recovery_code" DROP CONSTRAINT "fk_recovery_code_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_app_user_organization"`);
    await queryRunner.query(`DROP INDEX "public"."uq_app_user_email"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_partner_org_organization"`);
    await queryRunner.query(`DROP INDEX "public"."uq_partner_org_name"`);
    await queryRunner.query(`DROP TABLE "partner_org"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organization_slug"`);
    await queryRunner.query(`DROP TABLE "organization"`);
    await queryRunner.query(`DROP INDEX "public"."ix_session_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_session_token_hash"`);
    await queryRunner.query(`DROP TABLE "session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recovery_code_user"`);
    await queryRunner.query(`DROP TABLE "recovery_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_attempt_account"`);
    await queryRunner.query(`DROP INDEX "public"."ix_login_attempt_ip"`);
    await queryRunner.query(`DROP TABLE "login_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_chain_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_org_time"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_actor"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: reminders (apps/api/src/workflows/reminders). `reminder_given` remembers each reminder given
 * (user, kind, item, due date; unique, so a job retried or run on several processes never reminds
 * twice); `reminder_preference` holds each user's muted kinds and daily-digest choice. Ids and dates only.
 */
export class Reminders1796780000000 implements MigrationInterface {
  name = 'Reminders1796780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reminder_given" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "subject_id" uuid NOT NULL, "case_id" uuid NOT NULL, "due_on" date NOT NULL, CONSTRAINT "uq_reminder_given" UNIQUE ("user_id", "kind", "subject_id", "due_on"), CONSTRAINT "PK_2180dba07a5cd4773cf8037b275" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_reminder_given_created" ON "reminder_given"  ("created_at") `);
    await queryRunner.query(`CREATE TABLE "reminder_preference" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "user_id" uuid NOT NULL, "muted_kinds" character varying(30) array NOT NULL DEFAULT '{}', "daily_digest" boolean NOT NULL DEFAULT false, CONSTRAINT "uq_reminder_preference_user" UNIQUE ("user_id"), CONSTRAINT "PK_db0546bf671c7857cf3bd585f6a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "reminder_given" ADD CONSTRAINT "fk_reminder_given_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_preference" ADD CONSTRAINT "fk_reminder_preference_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminder_preference" DROP CONSTRAINT "fk_reminder_preference_user"`);
    await queryRunner.query(`ALTER TABLE "reminder_given" DROP CONSTRAINT "fk_reminder_given_user"`);
    await queryRunner.query(`DROP TABLE "reminder_preference"`);
    await queryRunner.query(`DROP INDEX "public"."ix_reminder_given_created"`);
    await queryRunner.query(`DROP TABLE "reminder_given"`);
  }
}

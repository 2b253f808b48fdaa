import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, part 1, services given: one row per service actually given to a survivor, on a case (and,
 * for a partner's, the referral it was given under), with its OVC PMT category, its provider (a staff
 * member or a partner organization: exactly one), units and/or minutes, and a short note encrypted like
 * every narrative field. Never deleted: corrections are edits, and an entry logged in error is voided
 * with a reason. Indexed for a case's tab, for an organization's period (funder reports) and for a
 * partner's referrals.
 */
export class ServiceDeliveries1796850000000 implements MigrationInterface {
  name = 'ServiceDeliveries1796850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "service_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "organization_id" uuid NOT NULL, "case_id" uuid NOT NULL, "survivor_id" uuid NOT NULL, "delivered_on" date NOT NULL, "category" character varying(40) NOT NULL, "provider_kind" character varying(12) NOT NULL, "provider_user_id" uuid, "partner_org_id" uuid, "referral_id" uuid, "units" integer, "duration_minutes" integer, "note" text, "voided_at" TIMESTAMP WITH TIME ZONE, "void_reason" character varying(500), CONSTRAINT "ck_service_delivery_void" CHECK ((voided_at IS NULL) = (void_reason IS NULL)), CONSTRAINT "ck_service_delivery_duration" CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440), CONSTRAINT "ck_service_delivery_units" CHECK (units IS NULL OR units BETWEEN 1 AND 10000), CONSTRAINT "ck_service_delivery_amount" CHECK (units IS NOT NULL OR duration_minutes IS NOT NULL), CONSTRAINT "ck_service_delivery_provider" CHECK ((provider_kind = 'staff' AND provider_user_id IS NOT NULL AND partner_org_id IS NULL) OR (provider_kind = 'partner_org' AND partner_org_id IS NOT NULL AND provider_user_id IS NULL)), CONSTRAINT "ck_service_delivery_category" CHECK (category IN ('criminal_justice_information', 'victim_rights_information', 'referral_victim_services', 'referral_other_services', 'medical_care_accompaniment', 'forensic_exam_accompaniment', 'law_enforcement_interview_accompaniment', 'individual_advocacy', 'forensic_exam', 'immigration_assistance', 'employer_landlord_intervention', 'dependent_care_assistance', 'transportation_assistance', 'interpreter_services', 'crisis_intervention', 'hotline_counseling', 'on_scene_crisis_response', 'individual_counseling', 'support_group', 'other_therapy', 'emergency_financial_assistance', 'emergency_shelter', 'transitional_housing', 'relocation_assistance', 'criminal_justice_notification', 'victim_impact_statement', 'restitution_assistance', 'protection_order_assistance', 'family_law_assistance', 'other_emergency_justice_assistance', 'immigration_legal_assistance', 'prosecution_interview_accompaniment', 'law_enforcement_interview_justice', 'criminal_advocacy_accompaniment', 'other_legal_advice')), CONSTRAINT "PK_5b250b1bb19fe5c54cdb34435f6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_service_delivery_referral" ON "service_delivery"  ("referral_id") WHERE referral_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_service_delivery_org_delivered" ON "service_delivery"  ("organization_id", "delivered_on") `);
    await queryRunner.query(`CREATE INDEX "ix_service_delivery_case" ON "service_delivery"  ("case_id", "delivered_on") `);
    await queryRunner.query(`ALTER TABLE "service_delivery" ADD CONSTRAINT "fk_service_delivery_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_delivery" ADD CONSTRAINT "fk_service_delivery_case" FOREIGN KEY ("case_id") REFERENCES "survivor_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_delivery" ADD CONSTRAINT "fk_service_delivery_survivor" FOREIGN KEY ("survivor_id") REFERENCES "survivor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_delivery" ADD CONSTRAINT "fk_service_delivery_provider_user" FOREIGN KEY ("provider_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_delivery" ADD CONSTRAINT "fk_service_delivery_partner_org" FOREIGN KEY ("partner_org_id") REFERENCES "partner_org"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_delivery" ADD CONSTRAINT "fk_service_delivery_referral" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_delivery" DROP CONSTRAINT "fk_service_delivery_referral"`);
    await queryRunner.query(`ALTER TABLE "service_delivery" DROP CONSTRAINT "fk_service_delivery_partner_org"`);
    await queryRunner.query(`ALTER TABLE "service_delivery" DROP CONSTRAINT "fk_service_delivery_provider_user"`);
    await queryRunner.query(`ALTER TABLE "service_delivery" DROP CONSTRAINT "fk_service_delivery_survivor"`);
    await queryRunner.query(`ALTER TABLE "service_delivery" DROP CONSTRAINT "fk_service_delivery_case"`);
    await queryRunner.query(`ALTER TABLE "service_delivery" DROP CONSTRAINT "fk_service_delivery_organization"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_delivery_case"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_delivery_org_delivered"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_delivery_referral"`);
    await queryRunner.query(`DROP TABLE "service_delivery"`);
  }
}

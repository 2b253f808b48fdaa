import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: re-routing is one move. The referral re-routed (cancelled, or left declined) and the new
 * one to another partner are linked both ways.
 */
export class LinkReroutedReferrals1796515200000 implements MigrationInterface {
  name = 'LinkReroutedReferrals1796515200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral" ADD "rerouted_from_id" uuid`);
    await queryRunner.query(`ALTER TABLE "referral" ADD "rerouted_to_id" uuid`);
    await queryRunner.query(`ALTER TABLE "referral" ADD CONSTRAINT "fk_referral_rerouted_from" FOREIGN KEY ("rerouted_from_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referral" ADD CONSTRAINT "fk_referral_rerouted_to" FOREIGN KEY ("rerouted_to_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_rerouted_to"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "fk_referral_rerouted_from"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "rerouted_to_id"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "rerouted_from_id"`);
  }
}

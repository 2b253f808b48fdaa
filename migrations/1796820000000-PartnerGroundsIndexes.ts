import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9, a partner's inbox at 100,000 cases (docs/benchmarks.md): its rows are those that stand on a
 * partner's grounds (a live consent for the partner, an active partner org, or a coordinator's override
 * the survivor has not refused: libs/permissions/src/ability.ts). Written as membership tests
 * (access/authz/rules-to-sql.ts), each consent ground reads the partner's share_with_partner consents
 * once; these two covering indexes let PostgreSQL answer both the consents and the inbox's count from
 * the indexes alone (2 s → 0.2 s for Safe Homes' 23,658 open referrals, warm). PostgreSQL's INCLUDE is
 * not something TypeORM's @Index can say: the entities declare them with `synchronize: false`.
 */
export class PartnerGroundsIndexes1796820000000 implements MigrationInterface {
  name = 'PartnerGroundsIndexes1796820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_consent_partner_grounds" ON "consent" ("partner_org_id", "purpose", "survivor_id") INCLUDE ("revoked_at", "granted_at", "expires_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referral_partner_open" ON "referral" ("partner_org_id", "status") INCLUDE ("sent_at", "organization_id", "survivor_id", "consent_override_reason") WHERE sent_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_referral_partner_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consent_partner_grounds"`);
  }
}

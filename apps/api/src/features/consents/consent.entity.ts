import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { ConsentMethod, ConsentPurpose, ConsentSharedItem } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * What a survivor agreed to, for one purpose (and one partner org where it applies). A consent is a
 * record of a decision: it is never edited, only revoked (and a new one recorded).
 */
@Entity('consent')
@Index('ix_consent_survivor', ['survivorId', 'purpose'])
@Index('ix_consent_partner', ['partnerOrgId', 'survivorId'])
// A partner's consent grounds, index-only (INCLUDE, written by hand in PartnerGroundsIndexes).
@Index('ix_consent_partner_grounds', { synchronize: false })
// Its refusals and its live consents by expiry, partial (written by hand in GroundAndOverdueIndexes).
@Index('ix_consent_partner_refused', { synchronize: false })
@Index('ix_consent_partner_live', { synchronize: false })
@Check('ck_consent_purpose', `purpose IN ('services', 'referral', 'share_with_partner', 'anonymized_reporting')`)
@Check('ck_consent_method', `method IN ('verbal', 'written', 'electronic')`)
@Check('ck_consent_partner', `(purpose = 'share_with_partner') = (partner_org_id IS NOT NULL)`)
export class Consent extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Survivor', { name: 'fk_consent_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  @ForeignKey('Case', { name: 'fk_consent_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'varchar', length: 30 })
  purpose!: ConsentPurpose;

  @ForeignKey('PartnerOrg', { name: 'fk_consent_partner_org', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  partnerOrgId!: string | null;

  @Column({ type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  /** Survivor fields and kinds of documents (`documents:<kind>`, issue 15; the view consent_share_item lists those). */
  sharedFields!: ConsentSharedItem[];

  @Column({ type: 'varchar', length: 12 })
  method!: ConsentMethod;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revocationReason!: string | null;
}

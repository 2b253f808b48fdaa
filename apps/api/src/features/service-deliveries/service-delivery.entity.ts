import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { SERVICE_CATEGORIES, SERVICE_MAX_MINUTES, SERVICE_MAX_UNITS, type ServiceCategory, type ServiceProviderKind } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * A service actually given to a survivor (issue 16, part 1): on a case, on a day, of an OVC PMT
 * category, by a staff member or a partner organization, in units and/or minutes, with a short
 * encrypted note. Never deleted: a correction is an edit, and an entry logged in error is voided (kept,
 * with its reason, and left out of reports). A partner's entry names the referral it was given under.
 */
@Entity('service_delivery')
// The case's Services tab, newest first.
@Index('ix_service_delivery_case', ['caseId', 'deliveredOn'])
// Funder reports: an organization's services over a period.
@Index('ix_service_delivery_org_delivered', ['organizationId', 'deliveredOn'])
// A partner's scope: the entries of the referrals it accepted.
@Index('ix_service_delivery_referral', ['referralId'], { where: 'referral_id IS NOT NULL' })
@Check('ck_service_delivery_category', `category IN (${SERVICE_CATEGORIES.map((c) => `'${c}'`).join(', ')})`)
@Check(
  'ck_service_delivery_provider',
  `(provider_kind = 'staff' AND provider_user_id IS NOT NULL AND partner_org_id IS NULL) OR (provider_kind = 'partner_org' AND partner_org_id IS NOT NULL AND provider_user_id IS NULL)`,
)
@Check('ck_service_delivery_amount', 'units IS NOT NULL OR duration_minutes IS NOT NULL')
@Check('ck_service_delivery_units', `units IS NULL OR units BETWEEN 1 AND ${SERVICE_MAX_UNITS}`)
@Check('ck_service_delivery_duration', `duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND ${SERVICE_MAX_MINUTES}`)
@Check('ck_service_delivery_void', '(voided_at IS NULL) = (void_reason IS NULL)')
export class ServiceDelivery extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_service_delivery_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_service_delivery_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  /** The case's survivor, kept here so a report counts the people served without a join. */
  @ForeignKey('Survivor', { name: 'fk_service_delivery_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  @Column({ type: 'date' })
  deliveredOn!: string;

  /** An OVC PMT service (SERVICE_CATEGORIES in libs/contracts). */
  @Column({ type: 'varchar', length: 40 })
  category!: ServiceCategory;

  @Column({ type: 'varchar', length: 12 })
  providerKind!: ServiceProviderKind;

  /** For `staff`: who gave it. */
  @ForeignKey('User', { name: 'fk_service_delivery_provider_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  providerUserId!: string | null;

  /** For `partner_org`: which partner organization gave it. */
  @ForeignKey('PartnerOrg', { name: 'fk_service_delivery_partner_org', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  partnerOrgId!: string | null;

  /** The referral it was given under; required when partner staff log it. */
  @ForeignKey('Referral', { name: 'fk_service_delivery_referral', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  referralId!: string | null;

  /** Nights, sessions, rides…: how many. */
  @Column({ type: 'integer', nullable: true })
  units!: number | null;

  @Column({ type: 'integer', nullable: true })
  durationMinutes!: number | null;

  /** Encrypted (AAD service_delivery|note|id), like every narrative field. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  voidedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  voidReason!: string | null;
}

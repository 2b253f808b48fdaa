import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { ReferralNotServedReason, ReferralOutcome, ReferralStatus, ReferralUrgency, ServiceType, ShareableSurvivorField } from '@lantern/contracts';
import type { StoredCustomValues } from '../../case-file/custom-values.js';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** A case referred to a partner organization for one service. */
@Entity('referral')
@Index('ix_referral_org_status', ['organizationId', 'status', 'createdAt'])
@Index('ix_referral_partner_status', ['partnerOrgId', 'status'])
@Index('ix_referral_case', ['caseId'])
// A partner's inbox, newest sent first, with the organization so its count is an index-only scan.
@Index('ix_referral_partner_inbox', ['partnerOrgId', 'sentAt', 'organizationId'], { where: 'sent_at IS NOT NULL' })
// The count of a partner's open inbox, index-only (INCLUDE, written by hand in PartnerGroundsIndexes).
@Index('ix_referral_partner_open', { synchronize: false })
// The coordinator's board, open referrals oldest first (partial, written by hand in OpenReferralIndex).
@Index('ix_referral_open_created', { synchronize: false })
@Check('ck_referral_status', `status IN ('draft', 'sent', 'accepted', 'declined', 'in_progress', 'completed', 'cancelled')`)
@Check('ck_referral_urgency', `urgency IN ('routine', 'urgent', 'emergency')`)
@Check('ck_referral_outcome', `outcome IS NULL OR outcome IN ('housed', 'enrolled', 'services_given', 'not_served')`)
@Check(
  'ck_referral_outcome_reason',
  `outcome_reason IS NULL OR (outcome = 'not_served' AND outcome_reason IN ('no_capacity', 'not_eligible', 'survivor_declined', 'unreachable', 'other'))`,
)
// Custom field values (issue 18): GIN, written by hand in CustomFields (see case-file/case.entity.ts).
@Index('ix_referral_custom', { synchronize: false })
export class Referral extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_referral_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  @ForeignKey('Survivor', { name: 'fk_referral_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  @ForeignKey('PartnerOrg', { name: 'fk_referral_partner_org', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  partnerOrgId!: string;

  @Column({ type: 'varchar', length: 30 })
  serviceType!: ServiceType;

  @Column({ type: 'varchar', length: 12, default: 'routine' })
  urgency!: ReferralUrgency;

  /** Why the survivor is referred; staff-only, encrypted (AAD referral|reason|id). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  sharedFields!: ShareableSurvivorField[];

  @Column({ type: 'varchar', length: 12, default: 'draft' })
  status!: ReferralStatus;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  declineReason!: string | null;

  @ForeignKey('PartnerOrg', { name: 'fk_referral_suggested_partner', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  suggestedPartnerOrgId!: string | null;

  /** The consent the referral was sent under, if any. */
  @ForeignKey('Consent', { name: 'fk_referral_consent', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  consentId!: string | null;

  /** A coordinator's written reason for sending without a covering consent. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  consentOverrideReason!: string | null;

  /** The partner's short outcome note, encrypted (AAD referral|outcome_note|id). */
  @Column({ type: 'text', nullable: true })
  outcomeNote!: string | null;

  /** What became of it (REFERRAL_OUTCOMES), recorded by the partner on completion (issue 13). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome!: ReferralOutcome | null;

  /** Why it was not served (REFERRAL_NOT_SERVED_REASONS), only with the outcome `not_served`. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  outcomeReason!: ReferralNotServedReason | null;

  /** When the overdue notice went out, so it goes out once. */
  @Column({ type: 'timestamptz', nullable: true })
  overdueNotifiedAt!: Date | null;

  /** Re-routing (issue 10): the referral this one replaced, cancelled or declined before it. */
  @ForeignKey('Referral', { name: 'fk_referral_rerouted_from', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  reroutedFromId!: string | null;

  /** Re-routing: the referral that replaced this one. */
  @ForeignKey('Referral', { name: 'fk_referral_rerouted_to', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  reroutedToId!: string | null;

  /**
   * Custom field values (issue 18; docs/custom-fields.md), keyed by field id; a PII field's value is
   * `{ "c": ciphertext }` (AAD referral|custom.<field id>|id). Not a field of the subject: it reaches a
   * reader only through features/custom-fields.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  custom!: StoredCustomValues;
}

/** Every move of a referral: who, when, from what to what, and why. */
@Entity('referral_transition')
@Index('ix_referral_transition_referral', ['referralId', 'occurredAt'])
export class ReferralTransition extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Referral', { name: 'fk_referral_transition_referral', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  referralId!: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus!: ReferralStatus | null;

  @Column({ type: 'varchar', length: 12 })
  toStatus!: ReferralStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'uuid' })
  actorId!: string;

  @Column({ type: 'varchar', length: 20 })
  actorRole!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;
}

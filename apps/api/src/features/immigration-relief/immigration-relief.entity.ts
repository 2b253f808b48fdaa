import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { ContinuedPresenceStatus, HhsLetterKind, TVisaStatus } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * A case's immigration relief (issue 16): the T visa, Continued Presence and the HHS letter, each with
 * its state and dates. One per case; never deleted (a correction is an edit). The states and their
 * dates are checked together by the service (immigration-relief-rules.ts); the database keeps the
 * vocabularies and the one-per-case rule.
 */
@Entity('immigration_relief')
@Index('uq_immigration_relief_case', ['caseId'], { unique: true })
@Check('ck_immigration_relief_t_visa', `t_visa_status IN ('not_applied', 'applied', 'approved', 'denied')`)
@Check('ck_immigration_relief_continued_presence', `continued_presence_status IN ('not_requested', 'requested', 'granted', 'denied')`)
@Check('ck_immigration_relief_hhs_letter', `hhs_letter IS NULL OR hhs_letter IN ('certification', 'eligibility')`)
export class ImmigrationRelief extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_immigration_relief_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_immigration_relief_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  /** The case's survivor, kept so a report counts people without a join. */
  @ForeignKey('Survivor', { name: 'fk_immigration_relief_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  @Column({ type: 'varchar', length: 12, default: 'not_applied' })
  tVisaStatus!: TVisaStatus;

  @Column({ type: 'date', nullable: true })
  tVisaAppliedOn!: string | null;

  /** When USCIS approved or denied it. */
  @Column({ type: 'date', nullable: true })
  tVisaDecidedOn!: string | null;

  @Column({ type: 'varchar', length: 14, default: 'not_requested' })
  continuedPresenceStatus!: ContinuedPresenceStatus;

  @Column({ type: 'date', nullable: true })
  continuedPresenceRequestedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  continuedPresenceDecidedOn!: string | null;

  /** Continued Presence is granted for a period (two years, renewable). */
  @Column({ type: 'date', nullable: true })
  continuedPresenceExpiresOn!: string | null;

  @Column({ type: 'varchar', length: 14, nullable: true })
  hhsLetter!: HhsLetterKind | null;

  @Column({ type: 'date', nullable: true })
  hhsLetterRequestedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  hhsLetterIssuedOn!: string | null;

  /** Encrypted (AAD immigration_relief|note|id), like every narrative field. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import {
  CONTACT_ACTIONS,
  CONTACT_CHANNELS,
  CONTACT_DANGER,
  CONTACT_OUTCOMES,
  type ContactAction,
  type ContactChannel,
  type ContactDanger,
  type ContactOutcome,
  type ControlMethod,
  type ImmediateNeed,
} from '@lantern/contracts';
import type { StoredCustomValues } from '../../case-file/custom-values.js';
import { BaseRecord } from '../../kernel/database/base.entity.js';

const within = (column: string, values: readonly string[]) => `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;

/**
 * A contact before a case (issue 17, part 1): a hotline call, a text, a walk-in or an outreach
 * encounter, logged while it happens, anonymous unless the person gives a name. Named details, the
 * coarse area and the note are encrypted (AAD contact|<column>|id), like every PII field. A contact may
 * be linked to a survivor the program knows, or converted into a new case (then `caseId` names it).
 * Never deleted: a correction is an edit, and a contact logged in error is voided with a reason.
 */
@Entity('contact')
// The list and the weekly summary: an organization's contacts over a period.
@Index('ix_contact_org_occurred', ['organizationId', 'occurredAt'])
// A survivor's file: the contacts linked to it.
@Index('ix_contact_survivor', ['survivorId'], { where: 'survivor_id IS NOT NULL' })
@Index('ix_contact_case', ['caseId'], { where: 'case_id IS NOT NULL' })
@Check('ck_contact_channel', within('channel', CONTACT_CHANNELS))
@Check('ck_contact_danger', within('immediate_danger', CONTACT_DANGER))
@Check('ck_contact_outcome', within('outcome', CONTACT_OUTCOMES))
@Check('ck_contact_actions', `actions <@ ARRAY[${CONTACT_ACTIONS.map((a) => `'${a}'`).join(', ')}]::varchar[]`)
@Check('ck_contact_country', `country_code IS NULL OR country_code ~ '^[A-Z]{2}$'`)
@Check('ck_contact_anonymous', 'NOT anonymous OR (name IS NULL AND phone IS NULL AND email IS NULL)')
@Check('ck_contact_follow_up', 'follow_up_needed OR follow_up_on IS NULL')
@Check('ck_contact_link', `(outcome = 'contact_only' AND survivor_id IS NULL AND case_id IS NULL) OR (outcome = 'linked' AND survivor_id IS NOT NULL) OR (outcome = 'converted' AND survivor_id IS NOT NULL AND case_id IS NOT NULL)`)
@Check('ck_contact_void', '(voided_at IS NULL) = (void_reason IS NULL)')
// Custom field values (issue 18): GIN, written by hand in CustomFields (see case-file/case.entity.ts).
@Index('ix_contact_custom', { synchronize: false })
export class Contact extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_contact_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 12 })
  channel!: ContactChannel;

  /** The staff member who handled it (a caseworker or coordinator of the organization). */
  @ForeignKey('User', { name: 'fk_contact_staff_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  staffUserId!: string;

  @Column({ type: 'boolean', default: true })
  anonymous!: boolean;

  /** Encrypted. */
  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** Encrypted. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /** Encrypted. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  countryCode!: string | null;

  /** A coarse area (city, district, county), encrypted: free text may say more than it should. */
  @Column({ type: 'text', nullable: true })
  area!: string | null;

  /** IMMEDIATE_NEEDS (the intake's vocabulary). */
  @Column({ type: 'varchar', length: 20, array: true, default: () => "'{}'" })
  needs!: ImmediateNeed[];

  /** Indicators of trafficking: HTCDS MethodsOfControl (CONTROL_METHODS). */
  @Column({ type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  indicators!: ControlMethod[];

  @Column({ type: 'varchar', length: 8, default: 'unknown' })
  immediateDanger!: ContactDanger;

  @Column({ type: 'varchar', length: 30, array: true, default: () => "'{}'" })
  actions!: ContactAction[];

  @Column({ type: 'boolean', default: false })
  followUpNeeded!: boolean;

  @Column({ type: 'date', nullable: true })
  followUpOn!: string | null;

  /** Encrypted, like every narrative field. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'contact_only' })
  outcome!: ContactOutcome;

  @ForeignKey('Survivor', { name: 'fk_contact_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  survivorId!: string | null;

  /** The case the contact was converted into. */
  @ForeignKey('Case', { name: 'fk_contact_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  linkedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  voidedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  voidReason!: string | null;

  /**
   * Custom field values (issue 18; docs/custom-fields.md), keyed by field id; a PII field's value is
   * `{ "c": ciphertext }` (AAD contact|custom.<field id>|id). Not a field of the subject: it reaches a
   * reader only through features/custom-fields.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  custom!: StoredCustomValues;
}

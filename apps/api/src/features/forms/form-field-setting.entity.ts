import type { FormKey, RequiredSetting, Translations } from '@lantern/contracts';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * An organization's setting of one built-in field of one form (issue 18, docs/forms.md). Every field of
 * a form has a row once an admin has saved that form; the rows of a form share its version, so a form
 * changes as a whole and a stale change is refused with 409. Labels and help texts are the
 * organization's own words about a field, never survivor data: stored as they are.
 */
@Entity('form_field_setting')
@Index('ux_form_field_setting_org_form_field', ['organizationId', 'form', 'fieldKey'], { unique: true })
@Check('ck_form_field_setting_form', `form IN ('intake', 'survivor', 'case')`)
@Check('ck_form_field_setting_required', `required IN ('none', 'intake_draft', 'intake_submit', 'case_close')`)
@Check('ck_form_field_setting_position', `position IS NULL OR position BETWEEN 1 AND 200`)
export class FormFieldSetting extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_form_field_setting_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 20 })
  form!: FormKey;

  @Column({ type: 'varchar', length: 60 })
  fieldKey!: string;

  @Column({ type: 'boolean', default: false })
  hidden!: boolean;

  @Column({ type: 'varchar', length: 20, default: 'none' })
  required!: RequiredSetting;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  labels!: Translations;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  help!: Translations;

  /** Position within its step, from 1; null keeps the built-in position. */
  @Column({ type: 'smallint', nullable: true })
  position!: number | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;
}

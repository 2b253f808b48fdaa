import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { CustomFieldEntity, CustomFieldLabel, CustomFieldOption, CustomFieldType, Role } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * A custom field of an organization's form (issue 18; docs/custom-fields.md): the definition as it stands.
 * Every change also writes a `custom_field_version` row with the whole definition, so nothing is lost;
 * a field is retired, never deleted, and its values stay readable.
 */
@Entity('custom_field')
@Index('uq_custom_field_key', ['organizationId', 'entity', 'key'], { unique: true })
@Check('ck_custom_field_min_max', 'min IS NULL OR max IS NULL OR min <= max')
export class CustomField extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_custom_field_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'varchar', length: 30 })
  entity!: CustomFieldEntity;

  @Column({ type: 'varchar', length: 60 })
  key!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: CustomFieldType;

  @Column({ type: 'jsonb' })
  label!: CustomFieldLabel;

  @Column({ type: 'jsonb', nullable: true })
  help!: CustomFieldLabel | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  options!: CustomFieldOption[];

  @Column({ type: 'boolean', default: false })
  required!: boolean;

  @Column({ type: 'varchar', length: 10, nullable: true })
  applyTo!: 'new' | 'backfill' | null;

  @Column({ type: 'boolean', default: false })
  pii!: boolean;

  @Column({ type: 'varchar', length: 20, array: true, default: () => "'{}'" })
  readRoles!: Role[];

  @Column({ type: 'varchar', length: 20, array: true, default: () => "'{}'" })
  writeRoles!: Role[];

  @Column({ type: 'boolean', default: false })
  shareable!: boolean;

  @Column({ type: 'boolean', default: false })
  metrics!: boolean;

  @Column({ type: 'numeric', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  min!: number | null;

  @Column({ type: 'numeric', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  max!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  /** An intake field's step of the stepper (BUILT_IN_FORMS.intake.steps); null: the group before the review. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  step!: string | null;
}

/** One version of a definition, as it was after a change (the first is the creation). */
@Entity('custom_field_version')
@Index('uq_custom_field_version', ['fieldId', 'fieldVersion'], { unique: true })
export class CustomFieldVersion extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_custom_field_version_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('CustomField', { name: 'fk_custom_field_version_field', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  fieldId!: string;

  @Column({ type: 'integer' })
  fieldVersion!: number;

  @Column({ type: 'jsonb' })
  definition!: Record<string, unknown>;
}

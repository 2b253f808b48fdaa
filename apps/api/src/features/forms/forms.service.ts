import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BUILT_IN_FORMS, FORM_KEYS, isFormKey, type FormDefinitionResponse, type FormKey, type RequiredStage } from '@lantern/contracts';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { DomainError, notFound, staleVersion } from '../../kernel/http/domain-error.js';
import type { Actor } from '../../kernel/http/request-context.js';
import { FormFieldSetting } from './form-field-setting.entity.js';
import { checkFormSettings, effectiveDefinition, missingRequired, type FieldErrors, type FieldSetting } from './form-rules.js';
import type { UpdateFormSettingsDto } from './dto/form-settings.dto.js';

const settingOf = (row: FormFieldSetting): FieldSetting => ({
  key: row.fieldKey,
  hidden: row.hidden,
  required: row.required,
  labels: row.labels ?? {},
  help: row.help ?? {},
  position: row.position,
});

/** A form's effective definition from the organization's rows of that form. */
function definitionOf(form: FormKey, rows: FormFieldSetting[]): FormDefinitionResponse {
  const latest = rows.reduce<FormFieldSetting | null>((a, b) => (!a || b.updatedAt > a.updatedAt ? b : a), null);
  return effectiveDefinition(form, rows.map(settingOf), {
    version: rows.reduce((max, row) => Math.max(max, row.version), 0),
    updatedAt: latest?.updatedAt ?? null,
    updatedBy: latest?.updatedBy ?? null,
  });
}

/**
 * Settings of the built-in fields of each form, per organization (issue 18, docs/forms.md): the
 * effective definition every staff role that fills the form reads, the admin's change (step-up,
 * audited, all or nothing), and the checks other features run at a stage (intake submit, case close).
 */
@Injectable()
export class FormsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  formOf(form: string): FormKey {
    if (!isFormKey(form)) throw notFound('Form');
    return form;
  }

  /** The form as an organization has it (the registry alone before any setting). */
  async definitionFor(organizationId: string, form: FormKey, manager: EntityManager = this.dataSource.manager): Promise<FormDefinitionResponse> {
    return definitionOf(form, await manager.find(FormFieldSetting, { where: { organizationId, form } }));
  }

  definition(form: string): Promise<FormDefinitionResponse> {
    return this.definitionFor(currentActor().actor.organizationId, this.formOf(form));
  }

  /**
   * Replaces the organization's settings of one form: every field of the form gets its row (a field
   * left out goes back to Lantern's default), all at the form's next version, with one audit row
   * naming the fields whose setting changed. Refused whole on the first error (400 naming the fields)
   * or a stale version (409).
   */
  async update(formKey: string, dto: UpdateFormSettingsDto): Promise<FormDefinitionResponse> {
    const { actor, form } = this.changeOf(formKey);
    const settings = this.checkSettings(form, dto.fields);
    await this.dataSource.transaction(async (manager) => {
      await this.writeSettings(manager, form, settings, dto.version);
    });
    return this.definitionFor(actor.organizationId, form);
  }

  /**
   * The start of every change an admin makes to a form, its settings or an import of a form document
   * (form-transfer.service.ts): the form named (404 otherwise) and the step-up. Requiring or hiding a
   * question changes what every caseworker must ask: the step-up of every admin setting.
   */
  changeOf(formKey: string): { actor: Actor; form: FormKey } {
    const { actor } = currentActor();
    const form = this.formOf(formKey);
    this.auth.requireStepUp(actor);
    return { actor, form };
  }

  /**
   * In the caller's transaction: takes the form's lock (one writer per organization and form at a time,
   * so a version check cannot race) and reads the form as it is, with the built-in fields `settings`
   * would change.
   */
  async lockedChange(manager: EntityManager, form: FormKey, settings: FieldSetting[]): Promise<{ before: FormDefinitionResponse; changed: string[] }> {
    const { actor } = currentActor();
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('form_field_setting:' || $1 || ':' || $2))`, [actor.organizationId, form]);
    const before = await this.definitionFor(actor.organizationId, form, manager);
    return { before, changed: this.changedFields(form, before, settings) };
  }

  /** The checked settings of a document or a request, or a 400 naming each bad field. */
  checkSettings(form: FormKey, fields: unknown): FieldSetting[] {
    const { settings, errors } = checkFormSettings(form, fields);
    if (Object.keys(errors).length > 0) {
      throw new DomainError('VALIDATION_FAILED', `The ${form} form's settings are not valid: ${Object.keys(errors).join(', ')}`, errors);
    }
    return settings;
  }

  /** The built-in fields whose effective setting `settings` would change. */
  changedFields(form: FormKey, before: FormDefinitionResponse, settings: FieldSetting[]): string[] {
    const after = effectiveDefinition(form, settings, { version: before.version + 1, updatedAt: null, updatedBy: null });
    const shape = (f: FormDefinitionResponse['fields'][number]) => JSON.stringify({ hidden: f.hidden, required: f.required, labels: f.label, help: f.help, order: f.order });
    return BUILT_IN_FORMS[form].fields
      .map((field) => field.key)
      .filter((key) => shape(before.fields.find((f) => f.key === key)!) !== shape(after.fields.find((f) => f.key === key)!));
  }

  /**
   * Writes every field's setting at the form's next version, with its audit row, in the caller's
   * transaction; `expected` is the version the caller read (null: whatever is current, for an import).
   */
  async writeSettings(manager: EntityManager, form: FormKey, settings: FieldSetting[], expected: number | null, reason?: string): Promise<string[]> {
    const { actor } = currentActor();
    const { before, changed } = await this.lockedChange(manager, form, settings);
    if (expected !== null && before.version !== expected) throw staleVersion();
    const version = before.version + 1;
    for (const field of BUILT_IN_FORMS[form].fields) {
      const setting = settings.find((candidate) => candidate.key === field.key) ?? { key: field.key, hidden: false, required: 'none', labels: {}, help: {}, position: null };
      await manager.query(
        `INSERT INTO form_field_setting (organization_id, form, field_key, hidden, required, labels, help, position, created_by, updated_by, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
         ON CONFLICT (organization_id, form, field_key) DO UPDATE
            SET hidden = EXCLUDED.hidden, required = EXCLUDED.required, labels = EXCLUDED.labels, help = EXCLUDED.help,
                position = EXCLUDED.position, updated_by = EXCLUDED.updated_by, version = EXCLUDED.version, updated_at = now()`,
        [actor.organizationId, form, field.key, setting.hidden, setting.required, JSON.stringify(setting.labels), JSON.stringify(setting.help), setting.position, actor.id, version],
      );
    }
    await this.audit.record(manager, {
      action: 'update',
      subjectType: 'FormSettings',
      subjectId: actor.organizationId,
      fields: changed,
      reason: reason ?? `${form} form, version ${version}`,
    });
    return changed;
  }

  /** Every form as the organization has it. */
  async definitionsFor(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<FormDefinitionResponse[]> {
    // One statement for the three forms: on the embedded database its one connection would take three in turn.
    const rows = await manager.find(FormFieldSetting, { where: { organizationId, form: In([...FORM_KEYS]) } });
    return FORM_KEYS.map((form) => definitionOf(form, rows.filter((row) => row.form === form)));
  }

  /**
   * What the organization's settings require at `stage` that these records leave empty (Lantern's own
   * rules are checked by their features; this adds, never removes). Keys name the field: plainly for
   * `own`, `<form>.<field>` for another form's.
   */
  async missingAt(
    organizationId: string,
    stage: RequiredStage,
    values: Partial<Record<FormKey, Record<string, unknown> | null>>,
    own: FormKey | null,
    manager?: EntityManager,
  ): Promise<FieldErrors> {
    const message = stage === 'case_close' ? 'is required to close the case' : stage === 'intake_submit' ? 'is required to submit' : 'is required to save';
    return missingRequired(await this.definitionsFor(organizationId, manager), stage, values, own, message);
  }
}

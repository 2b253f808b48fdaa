import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CUSTOM_FIELDS_PER_FORM,
  FORM_DOCUMENT_FORMAT,
  FORM_DOCUMENT_LIMIT,
  FORM_DOCUMENT_VERSION,
  type CustomFieldEntity,
  type CustomFieldResponse,
  type FormDocument,
  type FormDocumentCustomField,
  type FormImportConflict,
  type FormImportResult,
  type FormKey,
} from '@lantern/contracts';
import { DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';
import { currentActor } from '../../access/authz/current-actor.js';
import { entityOf } from '../../access/records/subject-entities.js';
import { badRequest } from '../../kernel/http/domain-error.js';
import { CustomFieldsService, documentFieldOf, documentOptionsOf, SUBJECT_OF } from '../custom-fields/index.js';
import { FormFieldSetting } from './form-field-setting.entity.js';
import { checkCustomField, checkEnvelope, freeKey, mergeOptions, under } from './form-document-rules.js';
import { FormsService } from './forms.service.js';

/** The form's custom fields live on the entity of the same name. */
const ENTITY_OF: Record<FormKey, CustomFieldEntity> = { intake: 'intake', survivor: 'survivor', case: 'case' };

/** The reason on the audit row of each definition an import writes. */
const IMPORTED = 'imported from a form document';

/** What one custom field of a document does to the organization's fields. */
type Step =
  | { kind: 'create'; field: FormDocumentCustomField }
  | { kind: 'update'; field: FormDocumentCustomField; existing: CustomFieldResponse }
  | { kind: 'unchanged'; field: FormDocumentCustomField }
  | { kind: 'conflict'; conflict: FormImportConflict };

const comparable = (f: FormDocumentCustomField) =>
  JSON.stringify([f.label, f.help, f.options.map((o) => [o.label, o.retired]), f.required, f.readRoles, f.writeRoles, f.shareable, f.metrics, f.min, f.max]);

/**
 * A form shared as one JSON document (issue 18; docs/forms.md, "Sharing a form"): the export of the
 * organization's settings and custom field definitions (never a value, never an id of a user or of the
 * organization), and the import of such a document, tried first (dry run) or applied whole in one
 * transaction, audited.
 */
@Injectable()
export class FormTransferService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
    private readonly customFields: CustomFieldsService,
  ) {}

  async exportForm(formKey: string): Promise<FormDocument> {
    const form = this.forms.formOf(formKey);
    const org = currentActor().actor.organizationId;
    const rows = await this.dataSource.manager.find(FormFieldSetting, { where: { organizationId: org, form }, order: { fieldKey: 'ASC' } });
    const fields = await this.customFields.definitionsOf(org!, ENTITY_OF[form]);
    return {
      format: FORM_DOCUMENT_FORMAT,
      formatVersion: FORM_DOCUMENT_VERSION,
      form,
      fields: rows.map((row) => ({
        key: row.fieldKey,
        hidden: row.hidden,
        required: row.required,
        label: row.labels ?? {},
        help: row.help ?? {},
        order: row.position,
      })),
      // By key: the same document in every organization, whatever the order its fields were made in.
      customFields: fields.filter((f) => !f.retiredAt).map(documentFieldOf),
    };
  }

  /**
   * Checks the whole document before anything is written; a dry run answers what would change (and any
   * conflict) and writes nothing; otherwise everything is written in one transaction, or nothing.
   */
  async importForm(formKey: string, document: unknown, dryRun: boolean): Promise<FormImportResult> {
    // An import changes what every caseworker asks, as a change of the settings does: the same start.
    const { actor, form } = this.forms.changeOf(formKey);
    if (Buffer.byteLength(JSON.stringify(document ?? null)) > FORM_DOCUMENT_LIMIT) throw badRequest('document', 'is larger than 1 MB: a form document is at most 1 MB');
    const envelope = checkEnvelope(form, document);
    const settings = under('document', () => this.forms.checkSettings(form, envelope.fields));
    const incoming = envelope.customFields.map((raw, i) => under(`document.customFields[${i}]`, () => checkCustomField(raw, ENTITY_OF[form])));
    const seen = new Map<string, number>();
    incoming.forEach((field, i) => {
      if (seen.has(field.key)) throw badRequest(`document.customFields[${i}].key`, `is also the key of customFields[${seen.get(field.key)}]`);
      seen.set(field.key, i);
    });

    const run = async (manager: EntityManager): Promise<FormImportResult> => {
      const entity = ENTITY_OF[form];
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('custom_field:' || $1 || ':' || $2))`, [actor.organizationId, entity]);
      const existing = await this.customFields.definitionsOf(actor.organizationId!, entity, manager);
      const { changed: settingsChanged } = await this.forms.lockedChange(manager, form, settings);
      const steps = this.plan(entity, incoming, existing);
      const conflicts = steps.flatMap((s) => (s.kind === 'conflict' ? [s.conflict] : []));
      const created = steps.flatMap((s) => (s.kind === 'create' ? [s.field.key] : []));
      const active = existing.filter((f) => !f.retiredAt).length;
      if (active + created.length > CUSTOM_FIELDS_PER_FORM) {
        throw badRequest('document.customFields', `would give this form ${active + created.length} custom fields: a form has at most ${CUSTOM_FIELDS_PER_FORM}`);
      }
      const result: FormImportResult = {
        form,
        dryRun,
        applied: !dryRun,
        settingsChanged,
        customFields: {
          created,
          updated: steps.flatMap((s) => (s.kind === 'update' ? [s.field.key] : [])),
          unchanged: steps.flatMap((s) => (s.kind === 'unchanged' ? [s.field.key] : [])),
          notInDocument: existing.filter((f) => !f.retiredAt && !seen.has(f.key)).map((f) => f.key),
        },
        conflicts,
      };
      if (dryRun) return result;
      const first = conflicts[0];
      if (first) throw badRequest(first.path, `${first.problem}: rename the field in the document, e.g. to "${first.suggestedKey}"`);
      await this.forms.writeSettings(manager, form, settings, null, `${form} form imported from a form document`);
      const hasRecords = await manager.getRepository<ObjectLiteral>(entityOf(SUBJECT_OF[entity])).createQueryBuilder('r').where('r.organizationId = :org', { org: actor.organizationId }).getExists();
      for (const step of steps) {
        if (step.kind === 'create') await this.create(manager, entity, step.field, hasRecords);
        if (step.kind === 'update') await this.update(manager, step.existing, step.field, hasRecords);
      }
      return result;
    };
    if (!dryRun) return this.dataSource.transaction(run);
    // A dry run reads in a transaction that is always rolled back: nothing it touches is kept.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      return await run(runner.manager);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  private plan(entity: CustomFieldEntity, incoming: FormDocumentCustomField[], existing: CustomFieldResponse[]): Step[] {
    const builtIn = this.builtInKeys(entity);
    const taken = new Set([...existing.map((f) => f.key), ...incoming.map((f) => f.key), ...builtIn]);
    return incoming.map((field, i): Step => {
      const conflict = (part: string, problem: string): Step => ({ kind: 'conflict', conflict: { path: `document.customFields[${i}].${part}`, key: field.key, problem, suggestedKey: freeKey(field.key, taken) } });
      if (builtIn.has(field.key)) return conflict('key', `"${field.key}" is a built-in field of the ${entity}`);
      const same = existing.find((f) => f.key === field.key);
      if (!same) return { kind: 'create', field };
      if (same.retiredAt) return conflict('key', 'is the key of a retired custom field here');
      if (same.type !== field.type) return conflict('type', `is ${field.type} here the field with this key is ${same.type}`);
      if (same.pii !== field.pii) return conflict('pii', `differs from the field with this key here (pii: ${same.pii})`);
      const options = under(`document.customFields[${i}]`, () => mergeOptions(same.options, field.options));
      return comparable({ ...field, options: documentOptionsOf(options) }) === comparable(documentFieldOf(same)) ? { kind: 'unchanged', field } : { kind: 'update', field, existing: same };
    });
  }

  /** Names a custom field may not take: the entity's own properties (as the custom-fields feature refuses them). */
  private builtInKeys(entity: CustomFieldEntity): Set<string> {
    const metadata = this.dataSource.getMetadata(entityOf(SUBJECT_OF[entity]));
    return new Set([...metadata.columns.map((c) => c.propertyName), ...metadata.relations.map((r) => r.propertyName), 'custom', 'permissions']);
  }

  private async create(manager: EntityManager, entity: CustomFieldEntity, field: FormDocumentCustomField, hasRecords: boolean): Promise<void> {
    // A required field met records that already exist: only new ones need it (an import never backfills).
    const applyTo = field.required && hasRecords ? 'new' : null;
    await this.customFields.createIn(manager, entity, { ...field, step: field.step ?? null, options: mergeOptions([], field.options), applyTo }, IMPORTED);
  }

  private async update(manager: EntityManager, existing: CustomFieldResponse, field: FormDocumentCustomField, hasRecords: boolean): Promise<void> {
    const applyTo = !field.required ? null : existing.required ? existing.applyTo : hasRecords ? 'new' : null;
    const { key: _key, type: _type, pii: _pii, ...patch } = field;
    await this.customFields.updateIn(manager, existing.id, existing.version, { ...patch, options: mergeOptions(existing.options, field.options), applyTo }, IMPORTED);
  }
}

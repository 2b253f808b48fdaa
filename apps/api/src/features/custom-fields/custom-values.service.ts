import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CUSTOM_VALUE_ENTITIES, customFieldShareItem, isCustomFieldShareItem, type CustomFieldLabel, type CustomFormResponse, type CustomValue, type CustomValueEntity, type CustomValueField, type CustomValuesResponse, type Role, type SharedCustomValue, type SubjectAccessCustomValue } from '@lantern/contracts';
import type { SubjectType } from '@lantern/permissions';
import { DataSource, In, IsNull, type EntityManager, type ObjectLiteral } from 'typeorm';
import { closedCaseError } from '../../case-file/case-status.js';
import type { StoredCustomValue, StoredCustomValues } from '../../case-file/custom-values.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { RecordWrites } from '../../access/records/record-writes.js';
import { entityOf } from '../../access/records/subject-entities.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { badRequest, DomainError, forbiddenFields } from '../../kernel/http/domain-error.js';
import { checkValue, missesRequired } from './custom-field-rules.js';
import type { CustomField } from './custom-field.entity.js';
import { CustomFieldsService, SUBJECT_OF } from './custom-fields.service.js';

/** A label in `locale`, English where it has none (the package and its consent items speak her language). */
const labelIn = (label: CustomFieldLabel, locale: string): string => (label as unknown as Record<string, string | undefined>)[locale] ?? label.en;

type Row = ObjectLiteral & {
  id: string;
  version: number;
  organizationId: string;
  custom: StoredCustomValues;
  status?: string;
  caseId?: string | null;
  voidedAt?: Date | null;
  mergedIntoId?: string | null;
  anonymizedAt?: Date | null;
};

/**
 * The forms whose required custom fields are required when the record is created (the survivor by
 * POST /survivors, the contact, the goal, the outcome assessment): the intake's are required at its submission, the case's at its
 * closure, the referral's when it is sent (docs/custom-fields.md, "Required fields").
 */
export const REQUIRED_AT_CREATION: readonly CustomValueEntity[] = ['survivor', 'contact', 'goal', 'outcomeAssessment'];

/** A field as the values routes describe it to a reader of role `role`. */
const fieldFor = (field: CustomField, role: Role): CustomValueField => ({
  key: field.key,
  type: field.type,
  label: field.label,
  help: field.help,
  options: field.options,
  required: field.required,
  min: field.min,
  max: field.max,
  step: field.step,
  retired: field.retiredAt !== null,
  writable: field.retiredAt === null && field.writeRoles.includes(role),
});

/** An empty list is no value, as `missingRequired` counts it: clearing a required multiple choice is emptying it. */
const orNull = (value: unknown): unknown => (value === undefined || (Array.isArray(value) && value.length === 0) ? null : value);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(orNull(a)) === JSON.stringify(orNull(b));

/**
 * A record's custom values (issue 18; docs/custom-fields.md), read and written through the record-access
 * layer: the record is scoped, loaded for the change (404, audited 403, 409) and audited like any other;
 * each field then shows only to the roles its definition lets read it, and changes only by those it lets
 * write it. PII values are encrypted (AAD `table|custom.<field id>|record id`).
 */
@Injectable()
export class CustomValuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly definitions: CustomFieldsService,
  ) {}

  async get(entity: CustomValueEntity, id: string): Promise<CustomValuesResponse> {
    const fields = await this.definitions.readFieldsOf(entity);
    let answer: CustomValuesResponse | null = null;
    await this.access.get<Row>({
      subject: SUBJECT_OF[entity],
      id,
      present: (row) => {
        answer = this.present(entity, row, fields);
        return { id: row.id };
      },
      // The audit row names the custom fields shown, as `custom.<key>`.
      auditFields: () => ['id', ...Object.keys(answer!.values).map((key) => `custom.${key}`)],
    });
    return answer!;
  }

  async update(entity: CustomValueEntity, id: string, version: number, values: Record<string, unknown>): Promise<CustomValuesResponse> {
    const row = await this.access.loadForChange<Row>({ subject: SUBJECT_OF[entity], id, version, refusal: 'You may not change this record' });
    await this.assertChangeable(entity, row);
    const change = await this.changeOf(entity, row, values, 'values');
    if (change) await this.writes.update<Row>(SUBJECT_OF[entity], id, version, { custom: change.custom } as never, { fields: change.fields });
    return this.get(entity, id);
  }

  /**
   * The custom-values column a change would store, and its audit fields (`custom.<key>`), or null when
   * nothing changes: every value checked against its definition (400 naming `<prefix>.<key>`), a field
   * the caller may not write refused (audited 403), PII encrypted. Writes nothing: the caller stores it
   * in its own RecordWrites.update, so a record's own fields and its custom values change in one save,
   * one version and one audit row (the intake draft's save; docs/custom-fields.md). The caller has
   * loaded `row` for the change and checked the record's own rules.
   */
  async changeOf(entity: CustomValueEntity, row: Row, values: Record<string, unknown>, prefix: string, writerRole?: Role): Promise<{ custom: StoredCustomValues; fields: string[] } | null> {
    const { actor } = currentActor();
    const role = writerRole ?? actor.role;
    const subject = SUBJECT_OF[entity];
    const id = row.id;
    const fields = await this.definitions.fieldsOf(actor.organizationId, entity);
    const byKey = new Map(fields.map((f) => [f.key, f]));
    for (const key of Object.keys(values)) if (!byKey.has(key)) throw badRequest(`${prefix}.${key}`, 'is not a custom field of this form');
    const table = this.table(entity);
    const next: StoredCustomValues = { ...row.custom };
    const changed: CustomField[] = [];
    const refused: string[] = [];
    for (const [key, raw] of Object.entries(values)) {
      const field = byKey.get(key)!;
      const readable = field.readRoles.includes(role);
      const stored = readable ? this.plain(field, row, table) : undefined;
      // A value echoed back unchanged (react-admin sends the whole record) is not a change.
      if (readable && same(stored, raw)) continue;
      if (!field.writeRoles.includes(role)) {
        refused.push(key);
        continue;
      }
      if (field.retiredAt) throw badRequest(`${prefix}.${key}`, 'this field is retired: its value can be read, not changed');
      const value = checkValue(field, orNull(raw), `${prefix}.${key}`, stored);
      if (value === null) {
        if (field.required) throw badRequest(`${prefix}.${key}`, 'is required');
        delete next[field.id];
      } else {
        if (field.type === 'person') await this.assertStaff(value as string, actor.organizationId, `${prefix}.${key}`);
        next[field.id] = field.pii ? { c: this.cipher.encrypt(JSON.stringify(value), { table, column: `custom.${field.id}`, rowId: id }) } : (value as StoredCustomValue);
      }
      changed.push(field);
    }
    if (refused.length > 0) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: subject, subjectId: id, fields: refused.map((key) => `custom.${key}`), reason: 'update' });
      throw forbiddenFields(refused.map((key) => `${prefix}.${key}`));
    }
    return changed.length > 0 ? { custom: next, fields: changed.map((f) => `custom.${f.key}`) } : null;
  }

  /**
   * The custom values a create body brings (`custom` of `POST /contacts`, `/goals`, `/outcomes`,
   * `/referrals`; docs/custom-fields.md, "Values given at creation"), for the record `id` about to be
   * inserted: checked by `changeOf` exactly as `PUT /custom-values` checks them (400 / audited 403 naming
   * `<prefix>.<key>`, PII encrypted with `id` in its AAD), and then every required field of a form whose
   * stage is the record's creation must hold a value (400 naming each empty one). Writes nothing: the
   * caller inserts `custom` with the record and names `fields` in its create audit row. `writerRole` is
   * the role whose write roles are asked when it is not the caller's: a spreadsheet import writes as the
   * staff who register survivors do (docs/imports.md, "Custom fields").
   */
  async forNewRecord(entity: CustomValueEntity, id: string, values: Record<string, unknown> | undefined, prefix = 'custom', writerRole?: Role): Promise<{ custom: StoredCustomValues; fields: string[] }> {
    const { actor } = currentActor();
    const change = values ? await this.changeOf(entity, { id, version: 0, organizationId: actor.organizationId, custom: {} }, values, prefix, writerRole) : null;
    const custom = change?.custom ?? {};
    if (REQUIRED_AT_CREATION.includes(entity)) {
      const missing = await this.missingRequired(entity, { organizationId: actor.organizationId, custom, createdAt: null }, prefix, 'is required');
      if (Object.keys(missing).length > 0) throw new DomainError('VALIDATION_FAILED', `Your organization requires these: ${Object.keys(missing).join(', ')}`, missing);
    }
    return { custom, fields: change?.fields ?? [] };
  }

  /**
   * The record's own rules for a change apply to its custom values too: a closed case and its records are
   * read-only (409 CASE_CLOSED), a submitted intake changes by amendment only, a voided contact not at all,
   * a survivor merged into another record (she is changed on the record that stays) or anonymized neither.
   */
  private async assertChangeable(entity: CustomValueEntity, row: Row): Promise<void> {
    if (entity === 'survivor') {
      if (row.mergedIntoId) throw new DomainError('CONFLICT', 'This record was merged into another: change the record that stays', { mergedInto: ['is set: change the record that stays'] });
      if (row.anonymizedAt) throw new DomainError('CONFLICT', 'This record is anonymized', { anonymizedAt: ['is set: an anonymized record does not change'] });
      return;
    }
    if (entity === 'intake' && row.status === 'submitted') throw new DomainError('INTAKE_SUBMITTED');
    if (entity === 'contact' && row.voidedAt) throw new DomainError('CONTACT_VOIDED');
    const caseId = entity === 'case' ? row.id : row.caseId;
    if (!caseId) return;
    const kase = entity === 'case' ? row : await this.dataSource.getRepository<ObjectLiteral>(entityOf('Case')).findOneBy({ id: caseId });
    if (kase?.status === 'closed') throw closedCaseError('reopen it to change its custom values', 'id');
  }

  /**
   * The values of list rows this reader may see (features/custom-fields/custom-list.ts), by the same
   * rules as `get`: only fields her role may read, PII decrypted only for those. `fields` are the
   * organization's definitions of the entity, read once per list.
   */
  valuesOfRows(entity: CustomValueEntity, rows: Row[], fields: CustomField[]): Record<string, CustomValue>[] {
    return rows.map((row) => this.present(entity, row, fields).values);
  }

  /**
   * The required custom fields a record leaves empty, as `{ "<prefix>.<key>": [message] }` (the intake's
   * submission: docs/custom-fields.md, "Required fields"). Whoever submits, every required field counts,
   * even one her role may not read (its name is not a value). A retired field is never required; one
   * required for new records only (`applyTo: 'new'`) only of records created since it became required.
   * A PII value counts as given when its ciphertext is there: nothing is decrypted. `createdAt` null is
   * a record being created.
   */
  async missingRequired(entity: CustomValueEntity, row: { organizationId: string; custom: StoredCustomValues | null; createdAt: Date | null }, prefix: string, message: string, manager?: EntityManager): Promise<Record<string, string[]>> {
    const fields = await this.definitions.fieldsOf(row.organizationId, entity, manager);
    const missing: Record<string, string[]> = {};
    for (const field of fields) {
      if (!missesRequired(field, row.custom?.[field.id])) continue;
      // A record being created (createdAt null) is new: every required field binds it.
      if (field.applyTo === 'new' && row.createdAt && row.createdAt.getTime() < (await this.definitions.requiredSince(field, manager)).getTime()) continue;
      missing[`${prefix}.${field.key}`] = [message];
    }
    return missing;
  }

  /**
   * What one partner is shown on a referral (docs/custom-fields.md, "Sharing with partners"): the values
   * of the shareable fields (not PII, not retired, readable by partner staff) that `consented` names (field
   * ids from the survivor's live consents for that partner), of the referral, its case and the case's
   * intake. The caller (the referral's read) has scoped the referral, checks it is open to the partner and
   * audits the disclosure; nothing here is decrypted, as a shareable field is never PII.
   */
  async sharedWithPartner(manager: EntityManager, referral: { id: string; caseId: string; survivorId: string; organizationId: string }, consented: ReadonlySet<string>): Promise<SharedCustomValue[]> {
    if (consented.size === 0) return [];
    const fields = (await this.definitions.shareableFields(referral.organizationId, manager)).filter((f) => consented.has(f.id));
    if (fields.length === 0) return [];
    // Through each record's entity (its table belongs to its own feature).
    const customOf = async (entity: CustomValueEntity, where: ObjectLiteral): Promise<StoredCustomValues[]> =>
      (await manager.getRepository<ObjectLiteral>(entityOf(SUBJECT_OF[entity])).find({ where, select: { id: true, custom: true } })).map((r) => r.custom ?? {});
    const stores: Record<string, StoredCustomValues[]> = {
      survivor: await customOf('survivor', { id: referral.survivorId }),
      case: await customOf('case', { id: referral.caseId }),
      intake: await customOf('intake', { caseId: referral.caseId }),
      referral: await customOf('referral', { id: referral.id }),
    };
    const out: SharedCustomValue[] = [];
    for (const field of fields) {
      const stored = (stores[field.entity] ?? []).map((custom) => custom[field.id]).find((v) => v !== undefined);
      // Never a ciphertext: a stored `{ c }` would mean a PII value, which is not shared.
      if (stored === undefined || (typeof stored === 'object' && stored !== null && !Array.isArray(stored))) continue;
      out.push({ entity: field.entity as CustomValueEntity, key: field.key, type: field.type, label: field.label, options: field.options, value: stored });
    }
    return out;
  }

  /** What this reader may see: values of fields her role may read, and those fields' definitions. */
  private present(entity: CustomValueEntity, row: Row, fields: CustomField[], table = this.table(entity)): CustomValuesResponse {
    const { actor } = currentActor();
    const values: Record<string, CustomValue> = {};
    const shown: CustomValueField[] = [];
    for (const field of fields) {
      // Partner staff will see shareable fields under the survivor's consent; until then, none.
      if (actor.role === 'partner' || !field.readRoles.includes(actor.role)) continue;
      const value = this.plain(field, row, table);
      // A retired field shows only where the record has a value (it is history, not a question any more).
      if (field.retiredAt && value === undefined) continue;
      if (value !== undefined) values[field.key] = value;
      shown.push(fieldFor(field, actor.role));
    }
    return { id: row.id, entity, version: row.version, values, fields: shown };
  }

  /**
   * A record's stored values copied for a row of `table` that keeps its earlier state (an intake's
   * revision, docs/custom-fields.md "Amending a submitted intake"): a PII value is decrypted under the
   * record's AAD and encrypted anew under `table|custom.<field id>|rowId`, as no ciphertext moves between rows.
   */
  copyStored(entity: CustomValueEntity, row: { id: string; custom: StoredCustomValues | null }, table: string, rowId: string): StoredCustomValues {
    const from = this.table(entity);
    const out: StoredCustomValues = {};
    for (const [fieldId, stored] of Object.entries(row.custom ?? {})) {
      const sealed = typeof stored === 'object' && stored !== null && !Array.isArray(stored);
      out[fieldId] = sealed ? { c: this.cipher.encrypt(this.cipher.decrypt(stored.c, { table: from, column: `custom.${fieldId}`, rowId: row.id }), { table, column: `custom.${fieldId}`, rowId }) } : stored;
    }
    return out;
  }

  /**
   * How this reader sees the values kept in rows of `table` (copied there by `copyStored`): by key, only
   * the fields her role may read (none for partner staff), PII decrypted only for those, as `get` shows a
   * record's own. The definitions are read here, before the caller's transaction.
   */
  async readerOf(entity: CustomValueEntity, table: string): Promise<(row: { id: string; custom: StoredCustomValues | null }) => Record<string, CustomValue>> {
    const fields = await this.definitions.readFieldsOf(entity);
    return (row) => this.present(entity, { ...row, custom: row.custom ?? {}, version: 0, organizationId: '' }, fields, table).values;
  }

  /** The fields a new record's create body may carry (docs/custom-fields.md, "Values given at creation"). */
  async newRecordForm(entity: CustomValueEntity): Promise<CustomFormResponse> {
    const { actor } = currentActor();
    const fields = await this.definitions.readFieldsOf(entity);
    return { entity, fields: fields.filter((f) => !f.retiredAt && actor.role !== 'partner' && f.writeRoles.includes(actor.role)).map((f) => fieldFor(f, actor.role)) };
  }

  /**
   * The custom field items a consent names (`cf:<field id>`, docs/custom-fields.md, "Sharing with
   * partners"), each with its field's label in `locale` (English where there is none): how the subject
   * access package names them, so that she reads "Faith group", not an id. Retired fields too (a consent
   * keeps what it named). Items of no field of the caller's organization are left out of the map.
   */
  async shareItemLabels(manager: EntityManager, items: readonly string[], locale: string): Promise<Map<string, string>> {
    const { actor } = currentActor();
    const ids = [...new Set(items.filter(isCustomFieldShareItem).map((item) => item.slice('cf:'.length)))];
    if (ids.length === 0) return new Map();
    const fields = await this.definitions.fieldsByIds(actor.organizationId, ids, manager);
    return new Map(fields.map((f) => [customFieldShareItem(f.id), labelIn(f.label, locale)]));
  }

  /**
   * A survivor's custom values for her subject access package (docs/subject-access.md), by record id:
   * every field of the entity that holds a value on the record, retired fields included (history keeps
   * its values), PII decrypted, labelled in `locale` (English where the field has no label in it). Not
   * filtered by the fields' read roles: the package is hers, and the coordinator's `export` of the whole
   * file, narratives included, is what the package is (libs/permissions, `export` rules). `rows` come
   * from the caller's scoped read, inside its transaction.
   */
  async packageValues(manager: EntityManager, subject: SubjectType, rows: ObjectLiteral[], locale: string): Promise<Map<string, SubjectAccessCustomValue[]>> {
    const out = new Map<string, SubjectAccessCustomValue[]>();
    const entity = CUSTOM_VALUE_ENTITIES.find((e) => SUBJECT_OF[e] === subject);
    if (!entity || rows.length === 0) return out;
    const { actor } = currentActor();
    const fields = await this.definitions.fieldsOf(actor.organizationId, entity, manager);
    const table = this.table(entity);
    const said = (label: CustomFieldLabel) => labelIn(label, locale);
    const people = new Set<string>();
    const found: { id: string; field: CustomField; value: CustomValue }[] = [];
    for (const row of rows as Row[]) {
      out.set(row.id, []);
      for (const field of fields) {
        const value = this.plain(field, row, table);
        if (value === undefined) continue;
        if (field.type === 'person' && typeof value === 'string') people.add(value);
        found.push({ id: row.id, field, value });
      }
    }
    const names = people.size === 0 ? new Map<string, string>() : new Map((await manager.getRepository<ObjectLiteral>(entityOf('User')).find({ select: { id: true, displayName: true }, where: { id: In([...people]) } })).map((u) => [u.id as string, u.displayName as string]));
    const YES: Record<string, [string, string]> = { en: ['Yes', 'No'], es: ['Sí', 'No'] };
    for (const { id, field, value } of found) {
      const option = (o: unknown) => {
        const known = field.options.find((x) => x.id === o);
        return known ? said(known.label) : String(o);
      };
      const text =
        field.type === 'yesNo' ? (YES[locale] ?? YES.en!)[value ? 0 : 1]
        : field.type === 'singleChoice' ? option(value)
        : field.type === 'multipleChoice' && Array.isArray(value) ? value.map(option).join(', ')
        : field.type === 'person' ? (names.get(value as string) ?? String(value))
        : String(value);
      out.get(id)!.push({ key: field.key, label: said(field.label), value, text, retired: field.retiredAt !== null });
    }
    return out;
  }

  private plain(field: CustomField, row: Row, table: string): CustomValue | undefined {
    const stored = row.custom?.[field.id];
    if (stored === undefined) return undefined;
    if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
      return JSON.parse(this.cipher.decrypt(stored.c, { table, column: `custom.${field.id}`, rowId: row.id })) as CustomValue;
    }
    return stored;
  }

  private table(entity: CustomValueEntity): string {
    return this.dataSource.getMetadata(entityOf(SUBJECT_OF[entity])).tableName;
  }

  /** A person field names an active staff member of the organization (not partner staff). */
  private async assertStaff(userId: string, organizationId: string, field: string): Promise<void> {
    const user = await this.dataSource.getRepository<ObjectLiteral>(entityOf('User')).findOneBy({ id: userId, organizationId, active: true, partnerOrgId: IsNull() });
    if (!user) throw badRequest(field, 'is not a staff member of your organization');
  }
}

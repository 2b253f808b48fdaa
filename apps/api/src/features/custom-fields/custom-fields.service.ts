import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_METRIC_TYPES, CUSTOM_FIELDS_PER_FORM, CUSTOM_VALUE_ENTITIES, type CustomFieldEntity, type CustomFieldResponse, type CustomValueEntity } from '@lantern/contracts';
import type { SubjectType } from '@lantern/permissions';
import { DataSource, In, IsNull, type EntityManager, type ObjectLiteral } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { entityOf } from '../../access/records/subject-entities.js';
import { badRequest, notFound, staleVersion } from '../../kernel/http/domain-error.js';
import { applyListQuery, type ListQuery, type ListSpec, type Page } from '../../kernel/http/list-query.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { Clock } from '../../kernel/config/clock.js';
import { checkMetrics, checkRoles, checkStep, checkValue, isChoice, parseLabel, parseOptions } from './custom-field-rules.js';
import { CustomField, CustomFieldVersion } from './custom-field.entity.js';
import type { CreateCustomFieldDto, UpdateCustomFieldDto } from './dto/custom-field.dto.js';
import { KeptDefinitions } from './kept-definitions.js';

/** The subject (and so the table) behind each entity a custom field can be added to. */
export const SUBJECT_OF: Record<CustomFieldEntity, SubjectType> = {
  survivor: 'Survivor',
  intake: 'Intake',
  case: 'Case',
  contact: 'Contact',
  goal: 'Goal',
  outcomeAssessment: 'OutcomeAssessment',
  referral: 'Referral',
};

/**
 * The forms whose shareable fields a partner may be shown on a referral: its own, its case's, the case's
 * intake's, and the survivor's record (the one the referral names).
 */
export const SHARED_ENTITIES: readonly CustomFieldEntity[] = ['survivor', 'intake', 'case', 'referral'];

export const CUSTOM_FIELD_LIST: ListSpec = {
  resource: 'custom-fields',
  filters: {
    entity: { kind: 'eq', type: 'enum', values: CUSTOM_FIELD_ENTITIES },
    type: { kind: 'eq', type: 'string' },
    retired: {
      kind: 'custom',
      type: 'boolean',
      apply: (qb, value) => qb.andWhere(`${qb.alias}.retired_at IS ${value ? 'NOT ' : ''}NULL`),
    },
  },
  sorts: ['entity', 'key', 'createdAt'],
  defaultSort: ['createdAt', 'ASC'],
};

export function presentField(f: CustomField): CustomFieldResponse {
  return {
    id: f.id,
    organizationId: f.organizationId,
    entity: f.entity,
    key: f.key,
    type: f.type,
    label: f.label,
    help: f.help,
    options: f.options,
    required: f.required,
    applyTo: f.applyTo,
    pii: f.pii,
    readRoles: f.readRoles,
    writeRoles: f.writeRoles,
    shareable: f.shareable,
    metrics: f.metrics,
    min: f.min,
    max: f.max,
    step: f.step,
    retiredAt: f.retiredAt ? f.retiredAt.toISOString() : null,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    version: f.version,
  };
}

/** What a definition says, without its identity and history (an import writes these). */
export type DefinitionValues = Omit<CustomFieldResponse, 'id' | 'organizationId' | 'entity' | 'retiredAt' | 'createdAt' | 'updatedAt' | 'version'>;

const isValueEntity = (entity: CustomFieldEntity): entity is CustomValueEntity => (CUSTOM_VALUE_ENTITIES as readonly string[]).includes(entity);

/**
 * The admin's custom field definitions (issue 18; docs/custom-fields.md). Every change is checked whole
 * before anything is written, then written with its version row and its audit row in one transaction.
 */
@Injectable()
export class CustomFieldsService {
  private readonly kept = new KeptDefinitions((organizationId, entity) => this.fieldsOf(organizationId, entity));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: ListQuery): Promise<Page<CustomFieldResponse>> {
    const { actor } = currentActor();
    const qb = this.dataSource.getRepository(CustomField).createQueryBuilder('f').where('f.organization_id = :org', { org: actor.organizationId });
    const total = await qb.clone().getCount();
    const rows = await applyListQuery(qb, query).getMany();
    return { rows: rows.map(presentField), total, skip: query.skip };
  }

  async get(id: string): Promise<CustomFieldResponse> {
    return presentField(await this.find(id));
  }

  async versions(id: string): Promise<CustomFieldVersion[]> {
    const field = await this.find(id);
    return this.dataSource.getRepository(CustomFieldVersion).find({ where: { fieldId: field.id }, order: { fieldVersion: 'ASC' } });
  }

  /** The organization's fields of one entity (retired ones too: their values stay readable). */
  fieldsOf(organizationId: string, entity: CustomFieldEntity, manager: EntityManager = this.dataSource.manager): Promise<CustomField[]> {
    return manager.getRepository(CustomField).find({ where: { organizationId, entity }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The organization's fields among `ids`, of any entity, retired ones too; another organization's never. */
  fieldsByIds(organizationId: string, ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<CustomField[]> {
    return manager.getRepository(CustomField).find({ where: { organizationId, id: In([...ids]) } });
  }

  /**
   * The fields a consent to share with a partner may name (docs/custom-fields.md, "Sharing with
   * partners"): shareable, not PII, not retired, and readable by partner staff. Those of the entities a
   * partner's referral shows: the referral, its case and the case's intake.
   */
  async shareableFields(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<CustomField[]> {
    const rows = await manager.getRepository(CustomField).find({
      where: { organizationId, shareable: true, pii: false, retiredAt: IsNull() },
      order: { entity: 'ASC', key: 'ASC' },
    });
    return rows.filter((f) => SHARED_ENTITIES.includes(f.entity) && f.readRoles.includes('partner'));
  }

  /**
   * When a required field became required (the version that last turned `required` on): a field that
   * applies to new records only (`applyTo: 'new'`) is required of records created from then on.
   */
  async requiredSince(field: CustomField, manager: EntityManager = this.dataSource.manager): Promise<Date> {
    const versions = await manager.getRepository(CustomFieldVersion).find({ where: { fieldId: field.id }, order: { fieldVersion: 'ASC' } });
    let since = field.createdAt;
    let before = false;
    for (const v of versions) {
      const required = v.definition.required === true;
      if (required && !before) since = v.createdAt;
      before = required;
    }
    return since;
  }

  /**
   * The signed-in caller's organization's fields of one entity, for a read (a list, a record's values):
   * kept in memory while the organization's definitions stamp, read by this request's session statement,
   * is unchanged (kept-definitions.ts). Frozen: never change them. A write checks against fieldsOf.
   */
  readFieldsOf(entity: CustomFieldEntity): Promise<CustomField[]> {
    const { actor } = currentActor();
    return this.kept.of(actor.organizationId, entity, actor.definitionsStamp);
  }

  /** The organization's definitions of one entity, by key, as plain responses (retired ones too). */
  async definitionsOf(organizationId: string, entity: CustomFieldEntity, manager: EntityManager = this.dataSource.manager): Promise<CustomFieldResponse[]> {
    const rows = await manager.getRepository(CustomField).find({ where: { organizationId, entity }, order: { key: 'ASC' } });
    return rows.map(presentField);
  }

  /**
   * The fields that feed the organization's anonymized metrics now (docs/metrics-method.md, "Custom
   * fields"): `metrics` on, not retired, a category (yes/no or a choice), never PII, on one of `entities`.
   * Read when a release is queued and again when it is built, so a field whose flag was turned off stops
   * feeding the next release.
   */
  async metricFields(organizationId: string, entities: readonly CustomFieldEntity[], manager: EntityManager = this.dataSource.manager): Promise<CustomFieldResponse[]> {
    const rows = await manager.getRepository(CustomField).find({ where: { organizationId, metrics: true, pii: false, retiredAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.filter((f) => entities.includes(f.entity) && CUSTOM_FIELD_METRIC_TYPES.includes(f.type)).map(presentField);
  }

  /**
   * Writes a definition already checked by the caller (a form document's import, features/forms) inside the
   * caller's transaction, with its version row and audit row as a change made by hand writes them.
   */
  async createIn(manager: EntityManager, entity: CustomFieldEntity, values: DefinitionValues, reason: string): Promise<CustomFieldResponse> {
    const { actor } = currentActor();
    const saved = await manager.save(CustomField, manager.create(CustomField, { ...values, organizationId: actor.organizationId!, entity, retiredAt: null, createdBy: actor.id }));
    return this.writtenIn(manager, saved, 'create', reason);
  }

  /** Changes a definition (not its key, type or pii) in the caller's transaction; see createIn. */
  async updateIn(manager: EntityManager, id: string, version: number, patch: Partial<Omit<DefinitionValues, 'key' | 'type' | 'pii'>>, reason: string): Promise<CustomFieldResponse> {
    await updateVersioned(manager, CustomField, id, version, patch);
    return this.writtenIn(manager, await manager.findOneByOrFail(CustomField, { id }), 'update', reason);
  }

  private async writtenIn(manager: EntityManager, field: CustomField, action: 'create' | 'update', reason: string): Promise<CustomFieldResponse> {
    await this.writeVersion(manager, field);
    await this.audit.record(manager, { action, subjectType: 'CustomFields', subjectId: field.id, fields: ['definition'], reason });
    return presentField(field);
  }

  async create(dto: CreateCustomFieldDto): Promise<CustomFieldResponse> {
    const { actor } = currentActor();
    const org = actor.organizationId!;
    const label = parseLabel(dto.label, 'label', true)!;
    const help = parseLabel(dto.help, 'help', false);
    const options = isChoice(dto.type) ? parseOptions(dto.options ?? [], []) : [];
    if (isChoice(dto.type) && options.length === 0) throw badRequest('options', 'a choice field needs at least one option');
    if (!isChoice(dto.type) && dto.options?.length) throw badRequest('options', 'only choice fields have options');
    const pii = dto.pii ?? false;
    checkMetrics(dto.type, dto.metrics ?? false, pii);
    this.checkRange(dto.type, dto.min ?? null, dto.max ?? null);
    checkStep(dto.entity, dto.step ?? null);
    this.checkKey(dto.entity, dto.key);
    const repo = this.dataSource.getRepository(CustomField);
    if (await repo.exists({ where: { organizationId: org, entity: dto.entity, key: dto.key } })) {
      throw badRequest('key', 'is already the key of another custom field of this form (retired fields keep theirs)');
    }
    const active = await repo.count({ where: { organizationId: org, entity: dto.entity, retiredAt: IsNull() } });
    if (active >= CUSTOM_FIELDS_PER_FORM) throw badRequest('entity', `this form already has ${CUSTOM_FIELDS_PER_FORM} custom fields: retire one first`);
    const draft = repo.create({
      organizationId: org,
      entity: dto.entity,
      key: dto.key,
      type: dto.type,
      label,
      help,
      options,
      required: dto.required ?? false,
      applyTo: null,
      pii,
      readRoles: dto.readRoles ?? [],
      writeRoles: dto.writeRoles ?? [],
      shareable: dto.shareable ?? false,
      metrics: dto.metrics ?? false,
      min: dto.min ?? null,
      max: dto.max ?? null,
      step: dto.step ?? null,
      retiredAt: null,
      createdBy: actor.id,
    });
    checkRoles(draft);
    const backfill = draft.required ? await this.requiredOnExisting(draft, dto) : null;
    const saved = await this.dataSource.transaction(async (manager) => {
      const field = await manager.save(CustomField, draft);
      await this.writeVersion(manager, field);
      await this.audit.record(manager, { action: 'create', subjectType: 'CustomFields', subjectId: field.id, fields: Object.keys(dto) });
      if (backfill) await backfill(manager, field);
      return field;
    });
    return presentField(saved);
  }

  async update(id: string, dto: UpdateCustomFieldDto): Promise<CustomFieldResponse> {
    const field = await this.find(id);
    if (field.version !== dto.version) throw staleVersion();
    if (field.retiredAt) throw badRequest('id', 'this field is retired: its values stay readable, but it cannot be changed');
    const next = this.dataSource.getRepository(CustomField).create({ ...field });
    if (dto.key !== undefined && dto.key !== field.key) {
      this.checkKey(field.entity, dto.key);
      if (await this.dataSource.getRepository(CustomField).exists({ where: { organizationId: field.organizationId, entity: field.entity, key: dto.key } })) {
        throw badRequest('key', 'is already the key of another custom field of this form (retired fields keep theirs)');
      }
      next.key = dto.key;
    }
    const typeChanges = dto.type !== undefined && dto.type !== field.type;
    const piiChanges = dto.pii !== undefined && dto.pii !== field.pii;
    if ((typeChanges || piiChanges) && (await this.hasValues(field))) {
      throw typeChanges
        ? badRequest('type', 'cannot change once records have values of this field: add a new field with the new type instead (and retire this one)')
        : badRequest('pii', 'cannot change once records have values of this field: add a new field instead');
    }
    if (dto.type !== undefined) next.type = dto.type;
    if (dto.pii !== undefined) next.pii = dto.pii;
    if (dto.label !== undefined) next.label = parseLabel(dto.label, 'label', true)!;
    if (dto.help !== undefined) next.help = parseLabel(dto.help, 'help', false);
    if (dto.options !== undefined) {
      if (!isChoice(next.type) && dto.options.length > 0) throw badRequest('options', 'only choice fields have options');
      next.options = parseOptions(dto.options, field.options);
    }
    if (isChoice(next.type) && next.options.filter((o) => !o.retired).length === 0) throw badRequest('options', 'a choice field needs at least one option that is not retired');
    if (!isChoice(next.type)) next.options = [];
    if (dto.step !== undefined) {
      checkStep(field.entity, dto.step);
      next.step = dto.step;
    }
    for (const key of ['readRoles', 'writeRoles', 'shareable', 'metrics', 'min', 'max', 'required'] as const) {
      if (dto[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = dto[key];
    }
    checkMetrics(next.type, next.metrics, next.pii);
    this.checkRange(next.type, next.min, next.max);
    checkRoles(next);
    const backfill = next.required && !field.required ? await this.requiredOnExisting(next, dto) : null;
    if (next.required && !field.required && !backfill) next.applyTo = dto.applyTo ?? null;
    if (!next.required) next.applyTo = null;
    const changed = Object.keys(dto).filter((k) => k !== 'version' && k !== 'backfillValue');
    const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...patch } = next;
    const saved = await this.dataSource.transaction(async (manager) => {
      await updateVersioned(manager, CustomField, id, dto.version, patch);
      const fresh = await manager.findOneByOrFail(CustomField, { id });
      await this.writeVersion(manager, fresh);
      await this.audit.record(manager, { action: 'update', subjectType: 'CustomFields', subjectId: id, fields: changed });
      if (backfill) await backfill(manager, fresh);
      return fresh;
    });
    return presentField(saved);
  }

  /** Retires a field: it leaves the forms, its values stay readable on the records that have them. */
  async retire(id: string, version: number): Promise<CustomFieldResponse> {
    const field = await this.find(id);
    if (field.version !== version) throw staleVersion();
    if (field.retiredAt) return presentField(field);
    const saved = await this.dataSource.transaction(async (manager) => {
      await updateVersioned(manager, CustomField, id, version, { retiredAt: this.clock.now() });
      const fresh = await manager.findOneByOrFail(CustomField, { id });
      await this.writeVersion(manager, fresh);
      await this.audit.record(manager, { action: 'update', subjectType: 'CustomFields', subjectId: id, fields: ['retiredAt'], reason: 'retired' });
      return fresh;
    });
    return presentField(saved);
  }

  // ---- checks ------------------------------------------------------------------------------------

  private async find(id: string): Promise<CustomField> {
    const { actor } = currentActor();
    const field = await this.dataSource.getRepository(CustomField).findOneBy({ id, organizationId: actor.organizationId! });
    if (!field) throw notFound('Custom field');
    return field;
  }

  /** A key may not be the name of a built-in field of the entity (its TypeORM properties), nor `custom`. */
  private checkKey(entity: CustomFieldEntity, key: string): void {
    const metadata = this.dataSource.getMetadata(entityOf(SUBJECT_OF[entity]));
    const builtIn = new Set([...metadata.columns.map((c) => c.propertyName), ...metadata.relations.map((r) => r.propertyName), 'custom', 'permissions']);
    if (builtIn.has(key)) throw badRequest('key', `"${key}" is a built-in field of the ${entity}: choose another key`);
  }

  private checkRange(type: string, min: number | null, max: number | null): void {
    if ((min !== null || max !== null) && type !== 'number') throw badRequest(min !== null ? 'min' : 'max', 'only number fields have a range');
    if (min !== null && max !== null && min > max) throw badRequest('max', 'must not be below min');
  }

  /** Whether any record of the organization holds a value of the field. */
  private async hasValues(field: CustomField): Promise<boolean> {
    if (!isValueEntity(field.entity)) return false;
    return this.records(field.entity)
      .where('r.organizationId = :org', { org: field.organizationId })
      .andWhere('jsonb_exists(r.custom, :fieldId)', { fieldId: field.id })
      .getExists();
  }

  private records(entity: CustomFieldEntity, manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository<ObjectLiteral>(entityOf(SUBJECT_OF[entity])).createQueryBuilder('r');
  }

  /**
   * A field becoming required when records of its entity already exist: the admin says whether only new
   * records need it (`applyTo: 'new'`) or every existing one gets `backfillValue` (`'backfill'`).
   * Returns the backfill to run in the definition's transaction, or null.
   */
  private async requiredOnExisting(field: CustomField, dto: { applyTo?: 'new' | 'backfill'; backfillValue?: unknown }) {
    const existing = await this.records(field.entity).where('r.organizationId = :org', { org: field.organizationId }).getExists();
    if (!existing) return null;
    if (!dto.applyTo) {
      throw badRequest('applyTo', `records of this ${field.entity} already exist: say whether the field applies to new records only ('new') or is backfilled with a value ('backfill')`);
    }
    field.applyTo = dto.applyTo;
    if (dto.applyTo === 'new') return null;
    if (!isValueEntity(field.entity)) throw badRequest('applyTo', `values of custom fields of the ${field.entity} are not stored yet: apply it to new records`);
    if (field.pii) throw badRequest('applyTo', 'a PII field is not backfilled with one value for everyone: apply it to new records');
    if (dto.backfillValue === undefined || dto.backfillValue === null) throw badRequest('backfillValue', 'is required to backfill the existing records');
    if (field.type === 'person') throw badRequest('applyTo', 'a person field is not backfilled: apply it to new records');
    const value = checkValue(field, dto.backfillValue, 'backfillValue', undefined);
    return async (manager: EntityManager, saved: CustomField): Promise<void> => {
      await this.records(field.entity, manager)
        .update()
        .set({ custom: () => `custom || jsonb_build_object(CAST(:fieldId AS text), CAST(:value AS jsonb))` })
        .where('organization_id = :org AND NOT jsonb_exists(custom, :fieldId)', { org: saved.organizationId, fieldId: saved.id, value: JSON.stringify(value) })
        .execute();
    };
  }

  private async writeVersion(manager: EntityManager, field: CustomField): Promise<void> {
    const { createdAt: _c, updatedAt: _u, ...definition } = presentField(field);
    await manager.save(CustomFieldVersion, manager.create(CustomFieldVersion, { organizationId: field.organizationId, fieldId: field.id, fieldVersion: field.version, definition, createdBy: currentActor().actor.id }));
  }
}

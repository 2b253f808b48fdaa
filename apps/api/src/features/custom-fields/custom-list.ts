import { Injectable } from '@nestjs/common';
import type { CustomValue, CustomValueEntity } from '@lantern/contracts';
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { currentActor } from '../../access/authz/current-actor.js';
import { badRequest } from '../../kernel/http/domain-error.js';
import type { FilterSpec, ListSpec } from '../../kernel/http/list-query.js';
import type { CustomField } from './custom-field.entity.js';
import { CustomFieldsService } from './custom-fields.service.js';
import { CustomValuesService } from './custom-values.service.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FILTERABLE = new Set(['singleChoice', 'multipleChoice', 'yesNo', 'number', 'date']);
const MAX_CHOICES = 50;

/** The list's spec with the organization's custom fields added, and the definitions it was built from. */
export interface CustomListSpec {
  spec: ListSpec;
  fields: CustomField[];
}

/**
 * Custom fields as filters, sorts and columns of a list (issue 18; docs/custom-fields.md, "In lists").
 * Filters are `custom.<key>` (a choice, several choices, yes/no) and `custom.<key>_gte` / `_lte`
 * (number and date ranges, like the built-in `_gte`/`_lte` bounds); they match the stored JSON by field
 * id with bound parameters only, equality through the GIN index (`custom @> {"<id>": ...}`). A field
 * this person may not filter by (retired, not readable by her role, PII, text or person) is a 400 naming
 * it, as an unreadable built-in field is; a key the organization does not have is not a filter at all.
 */
@Injectable()
export class CustomListFields {
  constructor(
    private readonly definitions: CustomFieldsService,
    private readonly values: CustomValuesService,
  ) {}

  async spec(entity: CustomValueEntity, base: ListSpec): Promise<CustomListSpec> {
    const { actor } = currentActor();
    const fields = await this.definitions.readFieldsOf(entity);
    const filters: Record<string, FilterSpec> = { ...base.filters };
    const sortExpressions: NonNullable<ListSpec['sortExpressions']> = { ...base.sortExpressions };
    for (const field of fields) {
      const name = `custom.${field.key}`;
      filters[name] = this.filter(field, 'eq');
      if (field.type === 'number' || field.type === 'date') {
        filters[`${name}_gte`] = this.filter(field, 'gte');
        filters[`${name}_lte`] = this.filter(field, 'lte');
        if (sortable(field, actor.role)) sortExpressions[name] = { expression: valueSql(field, 'r', ':cs_field'), parameters: { cs_field: field.id } };
      }
    }
    return { spec: { ...base, filters, sortExpressions }, fields };
  }

  /** Each row's custom values as this reader may see them (CustomValuesService's read path). */
  rows(entity: CustomValueEntity, fields: CustomField[]): (rows: ObjectLiteral[]) => { custom?: Record<string, CustomValue> }[] {
    // Partner staff see no custom value yet (their inbox will show shareable ones under consent).
    if (currentActor().actor.role === 'partner') return (rows) => rows.map(() => ({}));
    return (rows) => this.values.valuesOfRows(entity, rows as never, fields).map((custom) => ({ custom }));
  }

  /**
   * The record export's custom values (docs/reports.md, "Part 3"): each row's values exactly as `rows`
   * gives them to this reader (only fields her role may read; PII decrypted only for those), a choice
   * written as its option's English label (a retired option too), several joined by the CSV.
   */
  exportRows(entity: CustomValueEntity, fields: CustomField[]): (rows: ObjectLiteral[]) => { custom?: Record<string, unknown> }[] {
    const read = this.rows(entity, fields);
    const byKey = new Map(fields.map((f) => [f.key, f]));
    return (rows) =>
      read(rows).map(({ custom }) => (custom ? { custom: Object.fromEntries(Object.entries(custom).map(([key, value]) => [key, shown(byKey.get(key), value)])) } : {}));
  }

  /**
   * The export's custom columns, `custom.<key>` headed "custom.<key> (<English label>)": every field of
   * the form this reader may read, and a retired field's wherever a row of the file has its value (its
   * values stay history), in the order the fields were added.
   */
  exportColumns(fields: CustomField[]): (rows: Record<string, unknown>[]) => { key: string; header: string }[] {
    const role = currentActor().actor.role;
    return (rows) => {
      const present = new Set(rows.flatMap((row) => Object.keys((row.custom as Record<string, unknown> | undefined) ?? {})));
      return fields
        .filter((f) => present.has(f.key) || (!f.retiredAt && role !== 'partner' && f.readRoles.includes(role as never)))
        .map((f) => ({ key: `custom.${f.key}`, header: `custom.${f.key} (${f.label.en})` }));
    };
  }

  private filter(field: CustomField, bound: 'eq' | 'gte' | 'lte'): FilterSpec {
    return {
      kind: 'custom',
      type: 'checked',
      parse: (value, name) => {
        const why = refusal(field, currentActor().actor.role);
        if (why) throw badRequest(name, why);
        return bound === 'eq' ? equality(field, value, name) : bounded(field, value, name);
      },
      apply: (qb, value, param) => apply(qb, field, bound, value, param),
    };
  }
}

/** A value as the export writes it: a choice by its option's English label, anything else as it is. */
function shown(field: CustomField | undefined, value: unknown): unknown {
  if (!field || (field.type !== 'singleChoice' && field.type !== 'multipleChoice')) return value;
  const label = (id: unknown) => field.options.find((o) => o.id === id)?.label.en ?? String(id);
  return Array.isArray(value) ? value.map(label) : label(value);
}

/** Why this person may not filter or sort by the field, or null (also what `GET /custom-fields/readable` says of it). */
export function refusal(field: CustomField, role: string): string | null {
  if (field.retiredAt) return 'is a retired field: it cannot be filtered on';
  // Partner staff will see shareable fields under the survivor's consent; until then, none.
  if (role === 'partner' || !field.readRoles.includes(role as never)) return 'is not a field you may read';
  if (field.pii) return 'is a PII or narrative field: its values are encrypted and cannot be filtered on';
  if (!FILTERABLE.has(field.type)) return 'is a text or person field: it cannot be filtered on';
  return null;
}

/** Whether this person may sort by the field: a number or date field she may filter on (also what `GET /custom-fields/readable` says of it). */
export function sortable(field: CustomField, role: string): boolean {
  return (field.type === 'number' || field.type === 'date') && refusal(field, role) === null;
}

function option(field: CustomField, id: unknown, name: string): string {
  // A retired option still finds the records that have it.
  if (typeof id !== 'string' || !field.options.some((o) => o.id === id)) throw badRequest(name, 'is not an option of this field');
  return id;
}

function equality(field: CustomField, value: unknown, name: string): unknown {
  switch (field.type) {
    case 'yesNo':
      if (typeof value !== 'boolean') throw badRequest(name, 'must be true or false');
      return value;
    case 'singleChoice':
    case 'multipleChoice': {
      const list = Array.isArray(value) ? value : [value];
      if (list.length === 0 || list.length > MAX_CHOICES) throw badRequest(name, 'has a bad number of options');
      return [...new Set(list.map((id, i) => option(field, id, Array.isArray(value) ? `${name}[${i}]` : name)))];
    }
    case 'number':
    case 'date':
      return bounded(field, value, name);
    default:
      throw badRequest(name, 'cannot be filtered on');
  }
}

function bounded(field: CustomField, value: unknown, name: string): unknown {
  if (field.type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(name, 'must be a number');
    return value;
  }
  const day = typeof value === 'string' && ISO_DATE.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) throw badRequest(name, 'must be a date (YYYY-MM-DD)');
  if (value < '0001-01-02' || value > '9999-12-30') throw badRequest(name, 'must be between the years 1 and 9999');
  return value;
}

/** The field's value as SQL of its type: numeric for a number, text (ISO, so ordered) for a date. */
function valueSql(field: CustomField, alias: string, key: string): string {
  return field.type === 'number'
    ? `(CASE WHEN jsonb_typeof(${alias}.custom -> ${key}) = 'number' THEN CAST(${alias}.custom ->> ${key} AS numeric) END)`
    : `(${alias}.custom ->> ${key})`;
}

function apply(qb: SelectQueryBuilder<ObjectLiteral>, field: CustomField, bound: 'eq' | 'gte' | 'lte', value: unknown, param: string): void {
  const column = `${qb.alias}.custom`;
  const contains = (json: unknown, p: string) => qb.andWhere(`${column} @> CAST(:${p} AS jsonb)`, { [p]: JSON.stringify({ [field.id]: json }) });
  if (bound === 'eq' && field.type !== 'singleChoice') {
    // yes/no, a number or a date equal to the value; a multiple choice holding every option asked for.
    contains(value, param);
    return;
  }
  if (bound === 'eq') {
    const ids = value as string[];
    // Any of the options: one containment each, so each can use the GIN index (a BitmapOr).
    qb.andWhere(
      new Brackets((inner) => {
        ids.forEach((id, i) => inner.orWhere(`${column} @> CAST(:${param}_${i} AS jsonb)`, { [`${param}_${i}`]: JSON.stringify({ [field.id]: id }) }));
      }),
    );
    return;
  }
  const op = bound === 'gte' ? '>=' : '<=';
  const right = field.type === 'number' ? `CAST(:${param} AS numeric)` : `:${param}`;
  qb.andWhere(`${valueSql(field, qb.alias, `:${param}_k`)} ${op} ${right}`, { [param]: field.type === 'number' ? String(value) : value, [`${param}_k`]: field.id });
}

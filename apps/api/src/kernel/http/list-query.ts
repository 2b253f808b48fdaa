import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { badRequest } from './domain-error.js';

/** How one whitelisted filter of a list is matched. */
export type FilterSpec =
  | { kind: 'eq'; type: 'string' | 'uuid' | 'boolean' | 'enum'; values?: readonly string[]; property?: string }
  | { kind: 'search'; properties: string[]; maxLength?: number }
  | { kind: 'arrayContains'; values: readonly string[]; property?: string }
  /**
   * A bound on a time (`date`: an ISO date or date-time, compared as an instant) or on a calendar day
   * (`day`: `YYYY-MM-DD` against a `date` column, compared as a date whatever the session's time zone).
   */
  | { kind: 'range'; bound: 'gte' | 'lte'; type: 'date' | 'day'; property: string }
  /** `true`: the property is empty; `false`: it is set. */
  | { kind: 'isNull'; property: string }
  /**
   * `true`: the property is one of `values`; `false`: it is none of them. The values are the code's own
   * constants (lower-case words, checked), written into the SQL as literals rather than bound: a partial
   * index whose predicate names the same list then serves every plan of the statement, the prepared
   * statement's generic plan included (migrations/1797270000000-OpenReferralIndex.ts).
   */
  | { kind: 'oneOf'; property: string; values: readonly string[] }
  /** A filter that is not a column comparison: the resource writes its own condition. */
  | {
      kind: 'custom';
      type: 'boolean' | 'uuid' | 'checked';
      /** For `checked`: validates and returns the value, or throws a 400 naming `field` (custom fields). */
      parse?: (value: unknown, field: string) => unknown;
      /** The entity properties the condition reads, checked like any filter's (RecordAccess). */
      fields?: string[];
      apply: (qb: SelectQueryBuilder<ObjectLiteral>, value: unknown, param: string) => void;
    };

export interface ListSpec {
  /** The resource name used in `Content-Range`. */
  resource: string;
  filters: Record<string, FilterSpec>;
  sorts: readonly string[];
  /**
   * Sorts that are not a column (a custom field's value): the SQL expression, over the list's alias `r`,
   * and its parameters. Whoever adds one has checked that the caller may read what it orders by.
   */
  sortExpressions?: Record<string, { expression: string; parameters: Record<string, unknown> }>;
  defaultSort: [string, 'ASC' | 'DESC'];
}

export interface ParsedFilter {
  name: string;
  spec: FilterSpec;
  value: unknown;
}

export interface ListQuery {
  filters: ParsedFilter[];
  ids: string[] | null;
  sort: [string, 'ASC' | 'DESC'];
  /** Set when the sort is one of the spec's `sortExpressions`. */
  sortExpression?: { expression: string; parameters: Record<string, unknown> };
  skip: number;
  take: number;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_IDS = 200;

function parseJson(name: string, raw: unknown): unknown {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw badRequest(name, 'must be given once, as JSON');
  if (raw.length > 4_000) throw badRequest(name, 'is too long');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest(name, 'is not valid JSON');
  }
}

// NUL and the other C0/C1 control characters: PostgreSQL refuses NUL in text, and none belongs in a filter.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]/g;
/** The dates PostgreSQL's timestamptz and JavaScript's Date both hold, with room for any time zone. */
const EARLIEST = Date.parse('0001-01-02T00:00:00Z');
const LATEST = Date.parse('9999-12-30T00:00:00Z');

function refuseControl(field: string, value: unknown): void {
  const strings = Array.isArray(value) ? value : [value];
  if (strings.some((v) => typeof v === 'string' && (CONTROL.test(v) || !v.isWellFormed()))) {
    throw badRequest(field, 'contains a control character');
  }
}

function parseFilterValue(name: string, spec: FilterSpec, value: unknown): unknown {
  const field = `filter.${name}`;
  refuseControl(field, value);
  switch (spec.kind) {
    case 'eq':
      if (spec.type === 'boolean') {
        if (typeof value !== 'boolean') throw badRequest(field, 'must be true or false');
        return value;
      }
      if (typeof value !== 'string') throw badRequest(field, 'must be a string');
      if (spec.type === 'uuid' && !UUID.test(value)) throw badRequest(field, 'must be a uuid');
      if (spec.type === 'enum' && !spec.values?.includes(value)) {
        throw badRequest(field, `must be one of ${spec.values?.join(', ')}`);
      }
      if (value.length > 200) throw badRequest(field, 'is too long');
      return value;
    case 'search': {
      if (typeof value !== 'string') throw badRequest(field, 'must be a string');
      const trimmed = value.trim();
      if (trimmed.length > (spec.maxLength ?? 100)) throw badRequest(field, 'is too long');
      return trimmed;
    }
    case 'arrayContains': {
      const list = Array.isArray(value) ? value : [value];
      if (list.length === 0 || list.length > spec.values.length) throw badRequest(field, 'has a bad number of values');
      for (const item of list) {
        if (typeof item !== 'string' || !spec.values.includes(item)) {
          throw badRequest(field, `must be one of ${spec.values.join(', ')}`);
        }
      }
      return list;
    }
    case 'range': {
      if (spec.type === 'day') {
        const day = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
        if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) throw badRequest(field, 'must be a date (YYYY-MM-DD)');
        if (value < '0001-01-02' || value > '9999-12-30') throw badRequest(field, 'must be between the years 1 and 9999');
        return value;
      }
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
        throw badRequest(field, 'must be an ISO date');
      }
      const time = Date.parse(value);
      if (Number.isNaN(time)) throw badRequest(field, 'must be an ISO date');
      if (time < EARLIEST || time > LATEST) throw badRequest(field, 'must be between the years 1 and 9999');
      return new Date(time);
    }
    case 'isNull':
    case 'oneOf':
      if (typeof value !== 'boolean') throw badRequest(field, 'must be true or false');
      return value;
    case 'custom':
      if (spec.type === 'boolean' && typeof value !== 'boolean') throw badRequest(field, 'must be true or false');
      if (spec.type === 'uuid' && (typeof value !== 'string' || !UUID.test(value))) throw badRequest(field, 'must be a uuid');
      if (spec.type === 'checked') return spec.parse!(value, field);
      return value;
  }
}

/**
 * Parses react-admin's ra-data-simple-rest list parameters (`filter`, `range`, `sort`) against the
 * resource's whitelist. Anything not whitelisted is a 400 naming the parameter, never ignored.
 */
export function parseListQuery(query: Record<string, unknown>, spec: ListSpec): ListQuery {
  for (const key of Object.keys(query)) {
    if (!['filter', 'range', 'sort'].includes(key)) throw badRequest(key, 'is not a list parameter');
  }
  const filterRaw = parseJson('filter', query.filter) ?? {};
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    throw badRequest('filter', 'must be a JSON object');
  }
  const filters: ParsedFilter[] = [];
  let ids: string[] | null = null;
  for (const [name, value] of Object.entries(filterRaw as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    if (name === 'id') {
      const list = Array.isArray(value) ? value : [value];
      if (list.length > MAX_IDS) throw badRequest('filter.id', `may list at most ${MAX_IDS} ids`);
      if (!list.every((id) => typeof id === 'string' && UUID.test(id))) throw badRequest('filter.id', 'must be uuids');
      ids = list as string[];
      continue;
    }
    const filterSpec = Object.hasOwn(spec.filters, name) ? spec.filters[name] : undefined;
    if (!filterSpec) throw badRequest(`filter.${name}`, 'is not a filter of this list');
    filters.push({ name, spec: filterSpec, value: parseFilterValue(name, filterSpec, value) });
  }

  let sort = spec.defaultSort;
  const sortRaw = parseJson('sort', query.sort);
  if (sortRaw !== undefined) {
    if (
      !Array.isArray(sortRaw) ||
      sortRaw.length !== 2 ||
      typeof sortRaw[0] !== 'string' ||
      !['ASC', 'DESC'].includes(String(sortRaw[1]).toUpperCase())
    ) {
      throw badRequest('sort', 'must be ["field","ASC"|"DESC"]');
    }
    // `id` is react-admin's default sort (a stock <List> without one asks for ["id","ASC"]): always allowed.
    if (sortRaw[0] !== 'id' && !spec.sorts.includes(sortRaw[0]) && !(spec.sortExpressions && Object.hasOwn(spec.sortExpressions, sortRaw[0]))) throw badRequest('sort', `cannot sort by ${sortRaw[0].slice(0, 40).replace(CONTROL_ALL, '')}`);
    sort = [sortRaw[0], String(sortRaw[1]).toUpperCase() as 'ASC' | 'DESC'];
  }

  let skip = 0;
  let take = DEFAULT_PAGE_SIZE;
  const rangeRaw = parseJson('range', query.range);
  if (rangeRaw !== undefined) {
    if (
      !Array.isArray(rangeRaw) ||
      rangeRaw.length !== 2 ||
      !rangeRaw.every((n) => Number.isSafeInteger(n) && (n as number) >= 0) ||
      (rangeRaw[1] as number) < (rangeRaw[0] as number)
    ) {
      throw badRequest('range', 'must be [start, end] with 0 <= start <= end');
    }
    const [start, end] = rangeRaw as [number, number];
    if (end - start + 1 > MAX_PAGE_SIZE) throw badRequest('range', `may ask for at most ${MAX_PAGE_SIZE} rows`);
    skip = start;
    take = end - start + 1;
  }
  if (ids) take = Math.max(take, ids.length);
  const sortExpression = spec.sortExpressions && Object.hasOwn(spec.sortExpressions, sort[0]) ? spec.sortExpressions[sort[0]] : undefined;
  return { filters, ids, sort, ...(sortExpression ? { sortExpression } : {}), skip, take };
}

function columnOf(qb: SelectQueryBuilder<ObjectLiteral>, property: string): string {
  const column = qb.expressionMap.mainAlias?.metadata.findColumnWithPropertyName(property);
  if (!column) throw new Error(`Unknown property ${property}`);
  return `${qb.alias}.${column.databaseName}`;
}

/** The value a filter binds as its parameter `f<index>`; undefined for one that binds none (`isNull`, `oneOf`) or writes its own (`custom`). */
function filterParameter(filter: ParsedFilter): unknown {
  switch (filter.spec.kind) {
    case 'search':
      return `%${String(filter.value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    case 'eq':
    case 'arrayContains':
    case 'range':
      return filter.value;
    default:
      return undefined;
  }
}

/**
 * The named parameters `applyListQuery` binds, in the order it binds them, or null when a filter writes its
 * own condition (`custom`: its parameters are its own). The record-access layer binds these to a list's
 * kept SQL (access/records/kept-lists.ts), which checks they equal the builder's before keeping it.
 */
export function listParameters(list: ListQuery): Record<string, unknown> | null {
  const params: Record<string, unknown> = {};
  for (const [index, filter] of list.filters.entries()) {
    if (filter.spec.kind === 'custom') return null;
    if (filter.spec.kind !== 'isNull' && filter.spec.kind !== 'oneOf') params[`f${index}`] = filterParameter(filter);
  }
  if (list.ids) params.ids = list.ids;
  if (list.sortExpression) Object.assign(params, list.sortExpression.parameters);
  return params;
}

/** A `oneOf` filter's values as SQL literals: only lower-case words, so nothing in them needs quoting. */
function literalList(values: readonly string[]): string {
  if (values.length === 0 || !values.every((v) => /^[a-z][a-z0-9_]*$/.test(v))) throw new Error('a oneOf filter lists words only');
  return values.map((v) => `'${v}'`).join(', ');
}

/** ANDs the user's filters, id list and order onto a query (that is already scoped by the permission rules). */
export function applyListQuery<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, list: ListQuery): SelectQueryBuilder<T> {
  const anyQb = qb as unknown as SelectQueryBuilder<ObjectLiteral>;
  list.filters.forEach((filter, index) => {
    const param = `f${index}`;
    const { spec } = filter;
    switch (spec.kind) {
      case 'eq':
        qb.andWhere(`${columnOf(anyQb, spec.property ?? filter.name)} = :${param}`, { [param]: filterParameter(filter) });
        break;
      case 'search':
        qb.andWhere(
          new Brackets((inner) => {
            for (const property of spec.properties) {
              inner.orWhere(`${columnOf(anyQb, property)} ILIKE :${param}`, { [param]: filterParameter(filter) });
            }
          }),
        );
        break;
      case 'arrayContains':
        qb.andWhere(`${columnOf(anyQb, spec.property ?? filter.name)} @> :${param}`, { [param]: filterParameter(filter) });
        break;
      case 'range':
        qb.andWhere(`${columnOf(anyQb, spec.property)} ${spec.bound === 'gte' ? '>=' : '<='} ${spec.type === 'day' ? `CAST(:${param} AS date)` : `:${param}`}`, {
          [param]: filterParameter(filter),
        });
        break;
      case 'isNull':
        qb.andWhere(`${columnOf(anyQb, spec.property)} IS ${filter.value ? '' : 'NOT '}NULL`);
        break;
      case 'oneOf':
        qb.andWhere(`${columnOf(anyQb, spec.property)} ${filter.value ? 'IN' : 'NOT IN'} (${literalList(spec.values)})`);
        break;
      case 'custom':
        spec.apply(anyQb, filter.value, param);
        break;
    }
  });
  if (list.ids) qb.andWhere(`${qb.alias}.id IN (:...ids)`, { ids: list.ids });
  const expression = list.sortExpression;
  if (expression) qb.orderBy(expression.expression, list.sort[1], 'NULLS LAST').setParameters(expression.parameters);
  else qb.orderBy(columnOf(anyQb, list.sort[0]), list.sort[1]);
  qb.addOrderBy(`${qb.alias}.id`, 'ASC');
  return qb.offset(list.skip).limit(list.take);
}

export interface Page<T> {
  rows: T[];
  /** The list's total; with `capped`, only a lower bound (more rows than `COUNT_CAP`, and than this page reaches). */
  total: number;
  skip: number;
  /** The count stopped at its cap (`Prefer: count=capped`, `countCapFor`): the total is unknown, and a next page exists. */
  capped?: boolean;
}

/**
 * Where a capped count stops (docs/architecture.md, "Capped counts"): a client that asked for it
 * (`Prefer: count=capped`) is told the exact total of a list of up to this many rows, and of a longer one
 * only that there are more.
 */
export const COUNT_CAP = 1_000;

/**
 * The rows a capped count of this page reads at most: one past the cap, and never fewer than one past the
 * page's end, so that "more than that" always means a next page exists.
 */
export function countCapFor(list: Pick<ListQuery, 'skip' | 'take'>, cap: number = COUNT_CAP): number {
  return Math.max(cap, list.skip + list.take) + 1;
}

/**
 * `Content-Range: partner-orgs 0-24/319`, as ra-data-simple-rest expects; `cases 0-24/*` when the client
 * asked for a capped count and the list is longer than the cap (RFC 9110 allows `*` for an unknown length).
 */
export function contentRange(resource: string, page: Page<unknown>): string {
  if (page.rows.length === 0) return `${resource} */${page.total}`;
  return `${resource} ${page.skip}-${page.skip + page.rows.length - 1}/${page.capped ? '*' : page.total}`;
}

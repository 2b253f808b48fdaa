import { Logger } from '@nestjs/common';
import type { SubjectType } from '@lantern/permissions';
import type { DataSource, EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { poolQuery, StatementNames } from '../../kernel/database/named-statements.js';
import { applyListQuery, listParameters, type ListQuery, type ParsedFilter } from '../../kernel/http/list-query.js';
import type { SqlFragment } from '../authz/rules-to-sql.js';
import { entityOf } from './subject-entities.js';
import type { Plain } from '../../kernel/http/serialize.js';

/**
 * What a list adds to its scoped query beyond the user's filters, as data rather than a function
 * (`ListOptions.narrow`): constant conditions, and LEFT JOINs that only bring columns for display (each
 * joined on the joined table's primary key, so at most one row per record; `select` maps the raw
 * column's name to its SQL). Being data, it is part of the key under which the list's SQL is kept.
 */
export interface ListNarrowing {
  where?: readonly string[];
  joins?: readonly { entity: new () => ObjectLiteral; alias: string; on: string; select: Readonly<Record<string, string>> }[];
}

/** Adds `joins` (a list's or a record's display columns, `ListNarrowing`) to a read's query builder. */
export function withDisplayJoins<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, joins: ListNarrowing['joins'] = []): SelectQueryBuilder<E> {
  for (const join of joins) {
    qb.leftJoin(join.entity, join.alias, join.on);
    for (const [as, expression] of Object.entries(join.select)) qb.addSelect(expression, as);
  }
  return qb;
}

/** What `KeptLists.page` needs of a list (RecordAccess's ListOptions). */
export interface PageOptions<E extends ObjectLiteral> {
  subject: SubjectType;
  query: ListQuery;
  narrow?: ListNarrowing;
  refine?: (qb: SelectQueryBuilder<E>) => void;
}

/** Everything the builder reads to write a list's SQL text (docs/benchmarks.md, "The list's SQL kept per shape"). */
export interface ListShape {
  subject: SubjectType;
  /** The scope's SQL, with its named parameters (the rules' shape, not their values). */
  scopeSql: string;
  /** The page's scope when it differs from the count's (`ListOptions.probeRelations`), else undefined. */
  pageScopeSql?: string;
  /** The joined tables' paths, in the order of `narrow.joins`. */
  joinTables: readonly string[];
  narrow: ListNarrowing | undefined;
  query: Pick<ListQuery, 'filters' | 'ids' | 'sort' | 'sortExpression'>;
  /** Every named parameter the built query holds (scope's, filters', ids, sort's). */
  params: Plain;
  /** The count stops at a cap (`Prefer: count=capped`): another count statement. */
  capped?: boolean;
}

/**
 * The key of a list's SQL, or null when the list cannot be kept (a filter written by a callback, whose SQL
 * text may depend on anything). Each input that changes the text is written out: JSON of an array of
 * strings, numbers, booleans and nulls is injective, so two shapes that differ in any one input never
 * share a key (kept-lists.spec.ts). Values that travel as parameters are left out, except what changes the
 * text: the length of an array (`:...name` writes one placeholder per element), an `isNull` filter's value
 * (`IS NULL` or `IS NOT NULL`), a `oneOf` filter's value and list (written as literals).
 */
export function listShapeKey(shape: ListShape): string | null {
  const filters: unknown[] = [];
  for (const filter of shape.query.filters) {
    const described = describeFilter(filter);
    if (!described) return null;
    filters.push(described);
  }
  const params: unknown[] = [];
  for (const name of Object.keys(shape.params)) {
    const value = shape.params[name];
    if (typeof value === 'function') return null;
    params.push(name, Array.isArray(value) ? value.length : -1);
  }
  const narrow = shape.narrow;
  return JSON.stringify([
    shape.subject,
    shape.scopeSql,
    shape.pageScopeSql ?? null,
    narrow?.where ?? [],
    (narrow?.joins ?? []).map((join, i) => [shape.joinTables[i] ?? null, join.alias, join.on, Object.entries(join.select)]),
    filters,
    shape.query.ids === null ? -1 : shape.query.ids.length,
    shape.query.sort[0],
    shape.query.sort[1],
    shape.query.sortExpression ? [shape.query.sortExpression.expression, Object.keys(shape.query.sortExpression.parameters)] : null,
    params,
    shape.capped === true,
  ]);
}

/** What of a filter writes SQL text (list-query.ts, applyListQuery); null for a callback. */
function describeFilter(filter: ParsedFilter): unknown[] | null {
  const { spec, name } = filter;
  switch (spec.kind) {
    case 'eq':
      return [name, 'eq', spec.property ?? name];
    case 'search':
      return [name, 'search', [...spec.properties]];
    case 'arrayContains':
      return [name, 'arrayContains', spec.property ?? name];
    case 'range':
      return [name, 'range', spec.bound, spec.type, spec.property];
    case 'isNull':
      return [name, 'isNull', spec.property, Boolean(filter.value)];
    case 'oneOf':
      return [name, 'oneOf', spec.property, [...spec.values], Boolean(filter.value)];
    default:
      return null;
  }
}

/** A statement with named parameters turned into PostgreSQL's positional ones: which value goes where. */
interface Positional {
  text: string;
  /** The prepared statement's name on a server (`StatementNames`), else undefined (the embedded pool's client names it). */
  name?: string;
  /** For each `$n`: the parameter's name, and the element's index for a spread array (`:...name`), else -1. */
  slots: { name: string; index: number }[];
}

interface KeptList {
  /** The page, with the list's total as the first column of its rows (`TOTAL`) when `totalInPage`. */
  page: Positional;
  totalInPage: boolean;
  /** The count alone: for a page past the end, which has no row to carry the total. */
  count: Positional;
}

const TAKE = 'kept_list_take';
const SKIP = 'kept_list_skip';
/** The most rows a capped count reads (list-query.ts, `countCapFor`). */
const CAP = 'kept_list_cap';
/** The page's column that carries the list's total (a bigint, as text). */
const TOTAL = 'kept_list_total';
/** Enough for every shape the lists in use produce many times over; past it, the oldest shape is forgotten. */
const MAX_SHAPES = 2_000;
/**
 * The most kept statements (a page or a count each) sent as named, prepared statements: every pooled
 * connection keeps at most this many. Past it, a shape's statements go unnamed, as they all did before.
 */
export const MAX_NAMED_LIST_STATEMENTS = 200;

/**
 * The built SQL of lists (the page's and the count's), kept per shape (`listShapeKey`) for one DataSource,
 * with the rows mapped to entities from the entity's column metadata. The first list of a shape is built by
 * TypeORM's query builder as before; the kept text is that very statement, its LIMIT and OFFSET turned into
 * parameters. Before keeping it, the parameters the caller will bind on later requests (computed without
 * the builder) are checked to equal the builder's, name by name and value by value.
 */
export class KeptLists {
  private readonly logger = new Logger('KeptLists');
  private readonly lists = new Map<string, KeptList | null>();
  private readonly mappers = new Map<EntityMetadata, RowMapper | null>();
  /** The kept statements' names (docs/architecture.md, "Named statements"), bounded. */
  readonly names: StatementNames;

  /** Off: every list is built afresh (the tests compare the two paths). */
  enabled = true;

  constructor(private readonly dataSource: DataSource) {
    this.names = new StatementNames(dataSource, 'lantern_list', MAX_NAMED_LIST_STATEMENTS);
  }

  /**
   * The rows of a list's page (with the raw rows by id) and its total: from the kept SQL of its shape, else
   * built. `scoped(scope)` is the query of the subject under the alias `r` scoped by that scope's SQL and
   * parameters. The count is scoped by `scope`, the page by `pageScope`: the same rules, their relations
   * written per row (rules-to-sql.ts, `RelationForm`), with the same parameters. With `countCap`, the count
   * reads at most that many rows, scoped as the page: when it reaches them, `capped` is true and `total`
   * only a lower bound.
   */
  async page<E extends ObjectLiteral>(
    options: PageOptions<E>,
    scoped: (scope: SqlFragment) => SelectQueryBuilder<E>,
    scope: SqlFragment,
    pageScope: SqlFragment = scope,
    countCap?: number,
  ): Promise<{ rows: E[]; rawById: Map<unknown, Plain>; total: number; capped: boolean }> {
    if (countCap !== undefined && !(Number.isSafeInteger(countCap) && countCap > 0)) throw new Error('a count cap is a positive integer');
    const { subject, query, narrow } = options;
    // A capped count reads a few rows in the list's order of scan, not all of them: it tests each row as
    // the page does (per-row probes) rather than first finding every related record (membership tests).
    const countScope = countCap === undefined ? scope : pageScope;
    const build = (by: SqlFragment = pageScope): SelectQueryBuilder<E> => {
      const qb = withDisplayJoins(scoped(by), narrow?.joins);
      for (const condition of narrow?.where ?? []) qb.andWhere(condition);
      options.refine?.(qb);
      return applyListQuery(qb, query);
    };
    const full = (rows: E[]) => rows.length < query.take && (query.skip === 0 || rows.length > 0);
    // A count that reached its cap tells only that there are more rows than it read.
    const counted = (n: number) => (countCap !== undefined && n >= countCap ? { total: countCap - 1, capped: true } : { total: n, capped: false });
    const listParams = this.enabled && !options.refine ? listParameters(query) : null;
    const mapper = listParams ? this.mapper(this.dataSource.getMetadata(entityOf(subject))) : null;
    let kept: KeptList | null = null;
    let params: Plain = {};
    if (listParams && mapper) {
      const { sql, params: scopeParams } = scope;
      params = { ...scopeParams, ...listParams };
      const joinTables = (narrow?.joins ?? []).map((join) => this.dataSource.getMetadata(join.entity).tablePath);
      const pageScopeSql = pageScope === scope ? undefined : pageScope.sql;
      const capped = countCap !== undefined;
      const key = listShapeKey({ subject, scopeSql: sql, pageScopeSql, joinTables, narrow, query, params, capped });
      const known = key === null ? null : this.lists.get(key);
      if (key !== null && known === undefined) {
        const pageQuery = build().offset(undefined).limit(undefined);
        kept = this.keep(key, pageQuery, pageScope === countScope ? pageQuery : build(countScope), params, capped);
      } else kept = known ?? null;
    }
    if (!kept || !mapper) {
      const qb = build();
      const { entities: rows, raw } = await qb.getRawAndEntities();
      const rawById = new Map<unknown, Plain>((raw as Plain[]).map((r) => [r[`${qb.alias}_id`], r]));
      if (full(rows)) return { rows, rawById, total: query.skip + rows.length, capped: false };
      const countQuery = countingQuery(pageScope === countScope ? qb : build(countScope));
      if (countCap === undefined) return { rows, rawById, ...counted(count(await countQuery.getRawOne())) };
      // The cap is this module's own integer (checked above), written into the text as the builder writes LIMIT.
      const [text, values] = countQuery.select('1', 'one').getQueryAndParameters();
      const [row] = (await this.dataSource.manager.query(cappedCount(text, String(countCap)), values)) as Plain[];
      return { rows, rawById, ...counted(count(row)) };
    }
    // On the pool, as the prepared statements of the shape where they have a name (outside any transaction, as the built path).
    const bound = { [TAKE]: query.take, [SKIP]: query.skip, [CAP]: countCap ?? null };
    const raw = await poolQuery<Plain>(this.dataSource, kept.page.name, kept.page.text, KeptLists.values(kept.page, params, bound));
    const rows = mapper(raw) as E[];
    const rawById = new Map<unknown, Plain>(raw.map((r) => [r.r_id, r]));
    if (full(rows)) return { rows, rawById, total: query.skip + rows.length, capped: false };
    if (kept.totalInPage && raw.length > 0) return { rows, rawById, ...counted(count({ total: raw[0]![TOTAL] })) };
    return { rows, rawById, ...counted(count((await poolQuery<Plain>(this.dataSource, kept.count.name, kept.count.text, KeptLists.values(kept.count, params, bound)))[0])) };
  }

  /** How many shapes are kept (tests). */
  get size(): number {
    return this.lists.size;
  }

  /**
   * Keeps the statements of a built list whose parameters are `params`: the page's from `qb` (limit and
   * offset not yet applied), the count's from `counted` (the same list, scoped as its count is), stopping
   * at the `kept_list_cap` parameter's rows when `capped`.
   */
  private keep<E extends ObjectLiteral>(key: string, qb: SelectQueryBuilder<E>, counted: SelectQueryBuilder<E>, params: Plain, capped: boolean): KeptList | null {
    const built = qb.getParameters();
    const same = (have: Plain) => Object.keys(have).length === Object.keys(params).length && Object.keys(have).every((name) => Object.hasOwn(params, name) && sameParameter(have[name], params[name]));
    let kept: KeptList | null = null;
    if (!same(built) || !same(counted.getParameters()) || TAKE in built || SKIP in built || CAP in built) {
      this.logger.error({ subject: qb.expressionMap.mainAlias?.name }, 'a list shape was not kept: its parameters differ from the builder’s');
    } else {
      const select = qb.getQuery();
      const counting = capped ? cappedCount(countingQuery(counted).select('1', 'one').getQuery(), `:${CAP}`) : countingQuery(counted).getQuery();
      // The total as a column of the page's own statement: one statement, one round trip. The count is a
      // subquery that names no column of the page's rows (its alias `r` is its own), which PostgreSQL
      // runs once for the statement (an InitPlan), and not at all for a page past the end.
      const totalInPage = select.startsWith('SELECT ') && !qb.expressionMap.selectDistinct && qb.expressionMap.selectDistinctOn.length === 0;
      const page = `${totalInPage ? `SELECT (${counting}) AS "${TOTAL}", ${select.slice('SELECT '.length)}` : select} LIMIT :${TAKE} OFFSET :${SKIP}`;
      const cap = capped ? { [CAP]: 0 } : {};
      kept = { page: this.positional(page, { ...built, [TAKE]: 0, [SKIP]: 0, ...cap }), totalInPage, count: this.positional(counting, { ...built, ...cap }) };
    }
    if (this.lists.size >= MAX_SHAPES) this.lists.delete(this.lists.keys().next().value!);
    this.lists.set(key, kept);
    return kept;
  }

  /** The values of a kept statement's `$1..$n` for this request's parameters (and its page's take, skip and cap). */
  static values(statement: Positional, params: Plain, bound: Plain = {}): unknown[] {
    const all = { ...params, ...bound };
    return statement.slots.map(({ name, index }) => (index < 0 ? all[name] : (all[name] as unknown[])[index]));
  }

  /** Maps raw rows of the alias `r` to entities as TypeORM's hydration does, or null when that is not safe for the entity. */
  private mapper(metadata: EntityMetadata): RowMapper | null {
    let mapper = this.mappers.get(metadata);
    if (mapper === undefined) {
      // The subscribers are fixed once the DataSource is initialized: looked at once per entity, not per list.
      mapper = this.dataSource.subscribers.some((s) => typeof s.afterLoad === 'function') ? null : rowMapper(this.dataSource, metadata, 'r');
      this.mappers.set(metadata, mapper);
    }
    return mapper;
  }

  /** The statement with positional parameters, and where each value comes from (the driver's own substitution, run on markers). */
  private positional(text: string, params: Plain): Positional {
    const markers: Plain = {};
    for (const [name, value] of Object.entries(params)) markers[name] = Array.isArray(value) ? value.map((_, index) => ({ name, index })) : { name, index: -1 };
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(text, markers);
    return { text: sql, name: this.names.nameOf(sql), slots: values as Positional['slots'] };
  }
}

/**
 * A count that stops after `limit` rows (a parameter's placeholder, or an integer this module wrote): the
 * list's rows as `SELECT 1` (`probe`, the count's own query) read no further than that. PostgreSQL stops
 * the scan at the LIMIT, so a list of 100,000 rows costs what one of `limit` costs.
 */
function cappedCount(probe: string, limit: string): string {
  return `SELECT COUNT(*) AS "total" FROM (${probe} LIMIT ${limit}) "capped"`;
}

/** The total of a count's row (a bigint, which pg gives as a string). */
function count(row: Plain | undefined): number {
  return Number((row as { total?: string | number } | undefined)?.total ?? 0);
}

function sameParameter(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  return Object.is(a, b);
}

/** The count of a scoped, filtered list: a plain count(*), no ORDER BY, no paging, no display joins. */
export function countingQuery<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
  const counting = qb.clone().orderBy().offset(undefined).limit(undefined).skip(undefined).take(undefined).select('COUNT(*)', 'total');
  // A LEFT JOIN only adds columns (an alias for display): it changes no count, and the join column it
  // needs would keep PostgreSQL from counting from the index alone (measured: 20 ms against 5 ms for
  // 43,835 cases).
  counting.expressionMap.joinAttributes = counting.expressionMap.joinAttributes.filter((join) => join.direction !== 'LEFT');
  return counting;
}

export type RowMapper = (raw: Plain[]) => ObjectLiteral[];

/**
 * TypeORM's hydration of a query's main alias (RawSqlResultsToEntityTransformer), for the entities where
 * it reduces to this: one primary column, no inheritance, no view, no embedded or lazy
 * relations, no relation ids, no load listeners. Rows are grouped by primary key (the first row of a
 * key gives its entity, as there), and each selected column goes through the driver's own
 * `prepareHydratedValue` in the metadata's order, into an instance made by the metadata.
 */
function rowMapper(dataSource: DataSource, metadata: EntityMetadata, alias: string): RowMapper | null {
  const safe =
    metadata.tableType !== 'view' &&
    !metadata.discriminatorColumn &&
    metadata.childEntityMetadatas.length === 0 &&
    !metadata.parentEntityMetadata &&
    metadata.primaryColumns.length === 1 &&
    metadata.embeddeds.length === 0 &&
    metadata.lazyRelations.length === 0 &&
    metadata.relationIds.length === 0 &&
    metadata.afterLoadListeners.length === 0 &&
    metadata.relations.every((relation) => !relation.isEager) &&
    !dataSource.options.typename;
  if (!safe) return null;
  const driver = dataSource.driver;
  const columns: [string, ColumnMetadata][] = metadata.columns.filter((c) => !c.isVirtual).map((c) => [`${alias}_${c.databaseName}`, c]);
  // TypeORM hashes a raw column's name past the driver's longest alias (DriverUtils.buildAlias): not here.
  if (columns.some(([key]) => key.length > (driver.maxAliasLength ?? Infinity))) return null;
  const primary = `${alias}_${metadata.primaryColumns[0]!.databaseName}`;
  return (raw) => {
    const seen = new Set<unknown>();
    const out: ObjectLiteral[] = [];
    for (const row of raw) {
      const id = row[primary];
      if (typeof id !== 'string' && typeof id !== 'number') throw new Error('a kept list row has no primary key');
      if (seen.has(id)) continue;
      seen.add(id);
      const entity = metadata.create(undefined, { fromDeserializer: true }) as ObjectLiteral;
      for (const [key, column] of columns) {
        const value = row[key];
        if (value === undefined) continue;
        column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
      }
      out.push(entity);
    }
    return out;
  };
}

import { originOf, relationOf, type AppAbility, type SubjectType } from '@lantern/permissions';
import { type DataSource, type EntityManager, type EntityTarget, In, type ObjectLiteral } from 'typeorm';
import { entityOf } from './subject-entities.js';
import type { Plain } from '../../kernel/http/serialize.js';

/** Which relations (and which of their fields) the rules of a subject look at. */
export interface Need {
  fields: Set<string>;
  relations: Map<string, Need>;
}

const emptyNeed = (): Need => ({ fields: new Set(), relations: new Map() });

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value).some((k) => k.startsWith('$'));
}

/** Adds what one rule's conditions read (`case.assignedCaseworkerId`, `grants` with `$elemMatch`, ...) to `need`. */
function collect(conditions: Plain, need: Need): void {
  for (const [key, value] of Object.entries(conditions)) {
    if (key.startsWith('$')) {
      // $and / $or / $nor lists of conditions on the same record.
      if (Array.isArray(value)) for (const part of value) collect(part as Plain, need);
      continue;
    }
    const path = key.split('.');
    const operators = isOperatorObject(value) ? value : null;
    const relationPath = operators && ('$elemMatch' in operators || '$size' in operators) ? path : path.slice(0, -1);
    let node = need;
    for (const name of relationPath) {
      let next = node.relations.get(name);
      if (!next) node.relations.set(name, (next = emptyNeed()));
      node = next;
    }
    if (relationPath.length === path.length) {
      if (operators && '$elemMatch' in operators) collect(operators.$elemMatch as Plain, node);
    } else {
      // A column of the record at the end of the path (the root's own columns are already loaded).
      node.fields.add(path[path.length - 1]!);
    }
  }
}

/**
 * What the rules read depends on their structure only, never on the person's ids or the instant, so it
 * is computed once per shape of rules and subject (libs/permissions/src/ability-shape.ts); an ability
 * without a shape (an import's) is looked at afresh. Callers only read the result.
 */
const needsByShape = new Map<string, Need>();

/** The relations any rule about `subject` follows; empty for rules on the record's own columns. */
export function relationNeeds(ability: AppAbility, subject: SubjectType): Need {
  const origin = originOf(ability);
  if (!origin) return collectNeeds(ability, subject);
  const key = `${origin.shape}|${subject}`;
  let need = needsByShape.get(key);
  if (!need) needsByShape.set(key, (need = collectNeeds(ability, subject)));
  return need;
}

function collectNeeds(ability: AppAbility, subject: SubjectType): Need {
  const need = emptyNeed();
  for (const rule of ability.rules) {
    const subjects = Array.isArray(rule.subject) ? rule.subject : [rule.subject];
    if (!subjects.includes(subject) || !rule.conditions) continue;
    collect(rule.conditions as Plain, need);
  }
  return need;
}

/**
 * Related records a read's own statement brought (from its joins): the rows of `subject` whose
 * `foreignKey` is one of `keys`, each with exactly `fields` (`RelationMemo.preload`).
 */
export interface Preload {
  subject: SubjectType;
  foreignKey: string;
  keys: string[];
  fields: string[];
  rows: Plain[];
}

/** A relation brought by a list's page statement: the column to select, and each row's preload from it. */
export interface RelationColumn {
  /** `{ rel_<name>: <subquery> }`, for `ListNarrowing.joins`' `select`. */
  select: Record<string, string>;
  /** The related rows of one page row, from its raw columns (`ListOptions.related`). */
  of: (row: object, raw: Plain) => Preload;
}

/**
 * The related records of `name` (a relation of the rules, libs/permissions RELATIONS) with `fields`, as a
 * JSON column of the page's own statement: every related row, as the relation is (a survivor's consents:
 * all of them, not only those a rule would match), so a check decides on exactly what a load would give
 * it. Timestamps come back from JSON as text and are made the Dates an entity read gives. `alias` is the
 * page's alias for `subject` (`r` in every list).
 */
export function relationColumn(dataSource: DataSource, subject: SubjectType, name: string, fields: readonly string[], alias = 'r'): RelationColumn {
  const spec = relationOf(subject, name);
  if (!spec) throw new Error(`Unknown relation ${name} of ${subject}`);
  const own = dataSource.getMetadata(entityOf(subject));
  const target = dataSource.getMetadata(entityOf(spec.subject));
  const columnOf = (metadata: typeof own, field: string) => {
    const column = metadata.findColumnWithPropertyName(field);
    if (!column) throw new Error(`No column ${field} on ${metadata.name}`);
    return column;
  };
  const all = [...new Set(['id', spec.foreignKey, ...fields])];
  const columns = all.map((field) => columnOf(target, field));
  const dates = all.filter((_, i) => ['timestamptz', 'timestamp', 'timestamp with time zone'].includes(String(columns[i]!.type)));
  const t = `rel_${name}_t`;
  const pairs = all.map((field, i) => `'${field}', "${t}"."${columns[i]!.databaseName}"`).join(', ');
  const key = `rel_${name}`;
  const sql = `(SELECT coalesce(json_agg(json_build_object(${pairs})), '[]') FROM "${target.tableName}" "${t}" WHERE "${t}"."${columnOf(target, spec.foreignKey).databaseName}" = "${alias}"."${columnOf(own, spec.localKey).databaseName}")`;
  return {
    select: { [key]: sql },
    of: (row, raw) => {
      const local = (row as Plain)[spec.localKey];
      const rows = ((raw[key] as Plain[] | null | undefined) ?? []).map((related) => {
        const out = { ...related };
        for (const field of dates) out[field] = related[field] === null || related[field] === undefined ? null : new Date(String(related[field]));
        return out;
      });
      return { subject: spec.subject, foreignKey: spec.foreignKey, keys: typeof local === 'string' ? [local] : [], fields: all, rows };
    },
  };
}

/**
 * The memo of a page's checks: its rows, and what each row's statement brought of its relations, the
 * rows' preloads of one relation joined into one (each related record once, by id), so that the page's
 * check finds every key it asks for in one load.
 */
export function pageMemo<R extends object>(subject: SubjectType, rows: readonly R[], preloadsOf: (row: R) => Preload[]): RelationMemo {
  const memo = new RelationMemo().seed(subject, rows);
  const joined = new Map<string, { first: Preload; keys: Set<string>; byId: Map<unknown, Plain> }>();
  for (const row of rows) {
    for (const preload of preloadsOf(row)) {
      const key = [preload.subject, preload.foreignKey, ...[...preload.fields].sort()].join('\0');
      let into = joined.get(key);
      if (!into) joined.set(key, (into = { first: preload, keys: new Set(), byId: new Map() }));
      for (const k of preload.keys) into.keys.add(k);
      for (const related of preload.rows) if (!into.byId.has(related.id)) into.byId.set(related.id, related);
    }
  }
  for (const { first, keys, byId } of joined.values()) memo.preload(first.subject, first.foreignKey, [...keys], first.fields, [...byId.values()]);
  return memo;
}

/**
 * The related records one read has loaded, for the checks that follow it on the same records (the
 * record's own fields, then what the reader may do with it: docs/architecture.md, "Statements a page
 * sends"). Seeded with the records already in hand, so a relation back to one of them (a case's intake
 * checked through its case) is not read again, and a relation already loaded with at least the same
 * keys and fields (a survivor's cases, needed by three subjects' rules) is read once. Made per read and
 * dropped with it: a change and the next request see the database again.
 */
export class RelationMemo {
  private readonly known = new Map<unknown, Map<unknown, Plain>>();
  private readonly loads: { entity: unknown; foreignKey: string; keys: Set<string>; select: Set<string>; rows: Promise<Plain[]> }[] = [];

  /**
   * Related records the read's own statement brought (a case's survivor and her cases, from its joins):
   * the rows of `subject` whose `foreignKey` is one of `keys`, each with exactly the `fields` given. A
   * check that needs another field, or other keys, still reads the database.
   */
  preload(subject: SubjectType, foreignKey: string, keys: readonly string[], fields: readonly string[], rows: Plain[]): this {
    this.loads.push({ entity: entityOf(subject), foreignKey, keys: new Set(keys), select: new Set([...fields, foreignKey]), rows: Promise.resolve(rows) });
    return this;
  }

  /** Records in hand, with every column of their entity (a row just read). */
  seed(subject: SubjectType, rows: readonly object[]): this {
    const entity = entityOf(subject);
    let byId = this.known.get(entity);
    if (!byId) this.known.set(entity, (byId = new Map()));
    for (const row of rows) byId.set((row as Plain).id, row as Plain);
    return this;
  }

  /** The rows of `entity` whose `foreignKey` is one of `keys`, with at least the `select` columns. */
  find(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, foreignKey: string, keys: string[], select: Set<string>): Promise<Plain[]> {
    const project = (rows: Plain[]) => rows.map((row) => Object.fromEntries([...select].map((f) => [f, row[f]])));
    const byId = this.known.get(entity);
    if (foreignKey === 'id' && byId && keys.every((k) => byId.get(k) && [...select].every((f) => f in byId.get(k)!))) {
      return Promise.resolve(project(keys.map((k) => byId.get(k)!)));
    }
    const covering = this.loads.find(
      (l) => l.entity === entity && l.foreignKey === foreignKey && keys.every((k) => l.keys.has(k)) && [...select].every((f) => l.select.has(f)),
    );
    const wanted = new Set(keys);
    if (covering) return covering.rows.then((rows) => project(rows.filter((row) => wanted.has(row[foreignKey] as string))));
    const rows = load(manager, entity, foreignKey, keys, select);
    this.loads.push({ entity, foreignKey, keys: wanted, select: new Set(select), rows });
    return rows;
  }
}

function load(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, foreignKey: string, keys: string[], select: Set<string>): Promise<Plain[]> {
  return manager.getRepository(entity).find({
    select: Object.fromEntries([...select].map((f) => [f, true])),
    where: { [foreignKey]: In(keys) },
  }) as Promise<Plain[]>;
}

/**
 * Loads onto each record the related records its rules look at (a note's case, a survivor's cases and
 * break-glass grants), so `ability.can` in JavaScript decides on a record exactly as the SQL scope does.
 * One query per relation and level, whatever the number of records (none for what `memo` already
 * holds). Returns copies; the related records are only ever used for permission checks, never
 * serialized.
 */
export async function withRelations(manager: EntityManager, subject: SubjectType, records: Plain[], need: Need, memo?: RelationMemo): Promise<Plain[]> {
  const out = records.map((record) => ({ ...record }));
  for (const [name, child] of need.relations) {
    const spec = relationOf(subject, name);
    if (!spec) throw new Error(`Unknown relation ${name} of ${subject}`);
    const keys = [...new Set(out.map((r) => r[spec.localKey]).filter((k): k is string => typeof k === 'string'))];
    let related: Plain[] = [];
    if (keys.length > 0) {
      const select = new Set<string>(['id', spec.foreignKey, ...child.fields]);
      for (const [grandchild] of child.relations) {
        const inner = relationOf(spec.subject, grandchild);
        if (inner) select.add(inner.localKey);
      }
      const entity = entityOf(spec.subject);
      const rows = memo ? await memo.find(manager, entity, spec.foreignKey, keys, select) : await load(manager, entity, spec.foreignKey, keys, select);
      related = await withRelations(manager, spec.subject, rows, child, memo);
    }
    const byKey = new Map<unknown, Plain[]>();
    for (const row of related) {
      const key = row[spec.foreignKey];
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    for (const record of out) {
      const matches = byKey.get(record[spec.localKey]) ?? [];
      record[name] = spec.many ? matches : (matches[0] ?? null);
    }
  }
  return out;
}

import { rulesToAST } from '@casl/ability/extra';
import type { Action, AppAbility, SubjectType } from '@lantern/permissions';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { simplifyConditions } from './simplify-conditions.js';

export interface SqlFragment {
  sql: string;
  params: Record<string, unknown>;
}

/** The shape of the condition tree `rulesToAST` returns (from @ucast/core). */
interface Condition {
  operator: string;
  value: unknown;
}
interface CompoundCondition extends Condition {
  value: Condition[];
}
interface FieldCondition extends Condition {
  field: string;
}

type ColumnResolver = (field: string) => string;

/** A table as the translator sees it: its columns, and the relations rules may follow from it. */
export interface SqlTarget {
  column(field: string): string;
  /** The related table of a relation named in a rule (`case`, `survivor`, `cases`, `grants`). */
  relation(name: string): SqlRelation;
}

export interface SqlRelation {
  /** `"survivor_case" rel1` */
  from: string;
  /** How the related row joins the outer one: `rel1.id = r.case_id`. */
  on: string;
  /**
   * The two sides of `on`, when it is one equality (`r.case_id` and `rel1.id`): the relation is then
   * written as a membership test, `r.case_id IN (SELECT rel1.id FROM ... WHERE <condition>)`.
   */
  local?: string;
  foreign?: string;
  target: SqlTarget;
}

function columnsOnly(column: ColumnResolver): SqlTarget {
  return {
    column,
    relation(name) {
      throw new Error(`Unsupported relation ${name}: this target has no relations`);
    },
  };
}

/**
 * How a relation of the rules is written (`through` below). `membership`: `local IN (SELECT foreign ...)`,
 * the related rows found once for the whole statement, which a count or a semi-join wants. `perRow`: a
 * correlated `EXISTS` that PostgreSQL may neither join nor hash (`OFFSET 0`), run for each row it
 * reaches: the page of a list whose rows are mostly in reach and come in an index's order stops after a
 * few dozen probes, where the membership test first finds every related row (a partner's 46,598 live
 * consents to show 25 referrals: docs/benchmarks.md). The two give the same rows: EXISTS is FALSE where
 * the membership test is NULL (a NULL outer column), and under a negation that test is read as FALSE.
 */
export type RelationForm = 'membership' | 'perRow';

/**
 * Translates the CASL condition tree of (action, subject) into a SQL predicate, so lists are scoped
 * in the database from the very rules that check single records. Deny by default: no rule gives
 * `FALSE`, and an operator the translator does not know throws rather than widening access.
 *
 * Relations (`case.assignedCaseworkerId`, `survivor.grants` with `$elemMatch`, `cases` with `$size`)
 * become subqueries, following MongoDB's rule for lists: a condition on a list holds when any element
 * satisfies it. A relation joined on one column is a membership test, `local IN (SELECT foreign FROM
 * related WHERE <condition>)`, not a correlated `EXISTS`: a rule's conditions hold only constants, so
 * the subquery does not depend on the outer row, and PostgreSQL runs it once (a semi-join, or a hashed
 * subplan under OR) instead of once per row. A partner's inbox is an OR of three consent grounds; as
 * correlated EXISTS its count probed the consents four times for each of 123,000 referrals (6 s a
 * request at 16 connections: docs/benchmarks.md). Under a negation the test is wrapped in
 * `COALESCE(..., FALSE)` so that a NULL outer column reads as "no related row", as EXISTS did.
 *
 * NULL: SQL's three-valued logic differs from CASL's JavaScript matching only where a comparison with
 * NULL could be negated. Outside a negation (inverted rules are the only source of one), a comparison
 * that is NULL filters the row out exactly as FALSE would, so plain `=`, `IN` and `>` are written:
 * they are what lets PostgreSQL use a btree index (`IS NOT DISTINCT FROM` cannot). Under a negation,
 * and for the operators whose JavaScript answer on a missing value is TRUE (`$ne`, `$nin`, `$lt`,
 * `$lte`: CASL orders a missing value below every value), the NULL-safe forms stay
 * (`IS [NOT] DISTINCT FROM`, `COALESCE`). A subquery of a relation starts positive again, because
 * `EXISTS` itself is never NULL.
 *
 * Before translating, the OR of the rules is rewritten with the laws of simplify-conditions.ts
 * (flattening, idempotence, absorption, distribution; subqueries on one relation stay apart): the
 * coordinator's break-glass ground, which her organization ground already covers, disappears, and
 * conditions every rule shares come out of the OR, where an index can serve them.
 */
export function rulesToSql(
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
  target: SqlTarget | ColumnResolver,
  paramPrefix = 'casl',
  relations: RelationForm = 'membership',
): SqlFragment {
  const rules = rulesToAST(ability, action, subject) as Condition | null;
  if (rules === null) return { sql: 'FALSE', params: {} };
  // The rules' OR with its shared conditions brought out, so PostgreSQL can pick an index by them.
  const ast = simplifyConditions(rules) as Condition;
  const root = typeof target === 'function' ? columnsOnly(target) : target;
  const params: Record<string, unknown> = {};
  let counter = 0;
  const bind = (value: unknown): string => {
    const name = `${paramPrefix}${counter++}`;
    params[name] = value;
    return `:${name}`;
  };
  const bindList = (value: unknown): string => {
    const name = `${paramPrefix}${counter++}`;
    params[name] = value;
    return `:...${name}`;
  };

  const visit = (node: Condition, on: SqlTarget, positive: boolean): string => {
    switch (node.operator) {
      case 'and': {
        const parts = (node as CompoundCondition).value.map((child) => visit(child, on, positive));
        return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
      }
      case 'or': {
        const parts = (node as CompoundCondition).value.map((child) => visit(child, on, positive));
        return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
      }
      case 'not': {
        const parts = (node as CompoundCondition).value.map((child) => visit(child, on, !positive));
        return `(NOT ${parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`})`;
      }
      default:
        return visitField(node as FieldCondition, on, positive);
    }
  };

  /**
   * "Some related row satisfies `inner`", along a path of relations: `local IN (SELECT foreign ...)`, or
   * `EXISTS (SELECT 1 FROM <relation> WHERE <join> AND <inner>)` for a join that is not one equality.
   * Inside the subquery the context is positive again; `positive` is that of the test itself.
   */
  const through = (on: SqlTarget, path: string[], inner: (last: SqlTarget) => string, positive: boolean): string => {
    const [name, ...rest] = path;
    const relation = on.relation(name!);
    const body = rest.length === 0 ? inner(relation.target) : through(relation.target, rest, inner, true);
    // `OFFSET 0` keeps the probe a probe: without it PostgreSQL may turn an EXISTS into a hashed membership
    // test of its own (subselect.c, convert_EXISTS_to_ANY), which it did for the inbox's consents.
    if (relations === 'perRow') return `EXISTS (SELECT 1 FROM ${relation.from} WHERE ${relation.on} AND ${body} OFFSET 0)`;
    if (relation.local === undefined || relation.foreign === undefined) return `EXISTS (SELECT 1 FROM ${relation.from} WHERE ${relation.on} AND ${body})`;
    const member = `${relation.local} IN (SELECT ${relation.foreign} FROM ${relation.from} WHERE ${relation.foreign} IS NOT NULL AND ${body})`;
    return positive ? member : `COALESCE(${member}, FALSE)`;
  };

  const visitField = (node: FieldCondition, on: SqlTarget, positive: boolean): string => {
    if (typeof node.field !== 'string') throw new Error(`Unsupported rule field in ${subject}`);
    const path = node.field.split('.');
    if (node.operator === 'elemMatch') {
      // The whole path names relations; the condition applies to an element of the last one.
      return `(${through(on, path, (last) => visit(node.value as Condition, last, true), positive)})`;
    }
    if (node.operator === 'size') {
      if (node.value !== 0) throw new Error(`Unsupported $size ${String(node.value)} in ${subject}`);
      const head = path.slice(0, -1);
      const empty = (last: SqlTarget) => {
        const relation = last.relation(path[path.length - 1]!);
        return `NOT EXISTS (SELECT 1 FROM ${relation.from} WHERE ${relation.on})`;
      };
      return head.length === 0 ? `(${empty(on)})` : `(${through(on, head, empty, positive)})`;
    }
    if (path.length > 1) return visitPath(node, on, path, positive);
    return compare(node, on, positive);
  };

  /**
   * A condition on a column of a related record. JavaScript reads a missing relation as undefined and a
   * list relation as "any element": `$eq`, `$in`, `$gt`, `$gte` hold when some related row satisfies
   * them (EXISTS); `$ne` and `$nin` are their negations, true when no related row matches, including
   * when there is none (NOT EXISTS). NULL values and the orderings that hold on a missing value
   * (`$lt`, `$lte`) are refused rather than approximated.
   */
  const visitPath = (node: FieldCondition, on: SqlTarget, path: string[], positive: boolean): string => {
    const field = path[path.length - 1]!;
    const relations = path.slice(0, -1);
    const values = Array.isArray(node.value) ? (node.value as unknown[]) : [node.value];
    if (values.some((v) => v === null || v === undefined)) throw new Error(`Unsupported null in a relation condition of ${subject}`);
    const exists = (operator: string, value: unknown, holds: boolean) =>
      through(on, relations, (last) => compare({ operator, field, value } as FieldCondition, last, true), holds);
    switch (node.operator) {
      case 'eq':
      case 'gt':
      case 'gte':
        return `(${exists(node.operator, node.value, positive)})`;
      case 'in':
        return values.length === 0 ? 'FALSE' : `(${exists('in', node.value, positive)})`;
      case 'ne':
        return `(NOT ${exists('eq', node.value, false)})`;
      case 'nin':
        return values.length === 0 ? 'TRUE' : `(NOT ${exists('in', node.value, false)})`;
      default:
        throw new Error(`Unsupported rule operator ${node.operator} on a relation of ${subject}`);
    }
  };

  const compare = (node: FieldCondition, on: SqlTarget, positive: boolean): string => {
    const col = on.column(node.field);
    const value = node.value;
    switch (node.operator) {
      case 'eq':
        if (value === null) return `(${col} IS NULL)`;
        return positive ? `(${col} = ${bind(value)})` : `(${col} IS NOT DISTINCT FROM ${bind(value)})`;
      case 'ne':
        return value === null ? `(${col} IS NOT NULL)` : `(${col} IS DISTINCT FROM ${bind(value)})`;
      case 'in': {
        const list = value as unknown[];
        if (list.length === 0) return 'FALSE';
        const nonNull = list.filter((v) => v !== null);
        const parts: string[] = [];
        if (nonNull.length > 0) parts.push(positive ? `${col} IN (${bindList(nonNull)})` : `COALESCE(${col} IN (${bindList(nonNull)}), FALSE)`);
        if (nonNull.length !== list.length) parts.push(`${col} IS NULL`);
        return `(${parts.join(' OR ')})`;
      }
      case 'nin': {
        const list = value as unknown[];
        if (list.length === 0) return 'TRUE';
        const nonNull = list.filter((v) => v !== null);
        const parts: string[] = [];
        if (nonNull.length > 0) parts.push(`COALESCE(${col} NOT IN (${bindList(nonNull)}), TRUE)`);
        if (nonNull.length !== list.length) parts.push(`${col} IS NOT NULL`);
        return `(${parts.join(' AND ')})`;
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        const op = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[node.operator];
        // CASL (ucast) orders a missing value below every value: NULL < x holds, NULL > x does not.
        if (positive && (node.operator === 'gt' || node.operator === 'gte')) return `(${col} ${op} ${bind(value)})`;
        const whenNull = node.operator === 'lt' || node.operator === 'lte' ? 'TRUE' : 'FALSE';
        return `COALESCE(${col} ${op} ${bind(value)}, ${whenNull})`;
      }
      case 'exists':
        // Every column exists on every loaded record (NULL becomes null, not undefined), so CASL's
        // $exists is constant here; write `{ field: null }` to mean "is empty".
        return value ? 'TRUE' : 'FALSE';
      default:
        throw new Error(`Unsupported rule operator ${node.operator} in ${subject}`);
    }
  };

  return { sql: visit(ast, root, true), params };
}

/**
 * ANDs the permission predicate onto a query builder; the caller's own filters stay as they are.
 * Without a target the predicate may use the entity's own columns only (users, partner orgs, the
 * audit trail); survivor records go through RecordAccess, which passes one that knows the relations.
 */
export function scopeQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
  target?: SqlTarget,
): SelectQueryBuilder<T> {
  const metadata = qb.expressionMap.mainAlias?.metadata;
  if (!metadata) throw new Error('scopeQuery needs an entity query');
  const fragment = rulesToSql(
    ability,
    action,
    subject,
    target ??
      ((field) => {
        const column = metadata.findColumnWithPropertyName(field);
        if (!column) throw new Error(`Rule field ${field} is not a column of ${subject}`);
        return `${qb.alias}.${column.databaseName}`;
      }),
  );
  return qb.andWhere(`(${fragment.sql})`, fragment.params);
}

import { rulesToAST } from '@casl/ability/extra';
import type { Action, AppAbility, SubjectType } from '@lantern/permissions';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

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

/**
 * Translates the CASL condition tree of (action, subject) into a SQL predicate, so lists are scoped
 * in the database from the very rules that check single records. Deny by default: no rule gives
 * `FALSE`, and an operator the translator does not know throws rather than widening access.
 *
 * SQL's three-valued logic differs from CASL's JavaScript matching on NULL, so every comparison is
 * written to be TRUE or FALSE, never NULL (`IS NOT DISTINCT FROM`, `COALESCE`).
 */
export function rulesToSql(
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
  column: ColumnResolver,
  paramPrefix = 'casl',
): SqlFragment {
  const ast = rulesToAST(ability, action, subject) as Condition | null;
  if (ast === null) return { sql: 'FALSE', params: {} };
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

  const visit = (node: Condition): string => {
    switch (node.operator) {
      case 'and': {
        const parts = (node as CompoundCondition).value.map(visit);
        return parts.length === 0 ? 'TRUE' : `(${parts.join(' AND ')})`;
      }
      case 'or': {
        const parts = (node as CompoundCondition).value.map(visit);
        return parts.length === 0 ? 'FALSE' : `(${parts.join(' OR ')})`;
      }
      case 'not': {
        const parts = (node as CompoundCondition).value.map(visit);
        return `(NOT ${parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`})`;
      }
      default:
        return visitField(node as FieldCondition);
    }
  };

  const visitField = (node: FieldCondition): string => {
    if (typeof node.field !== 'string' || node.field.includes('.')) {
      throw new Error(`Unsupported rule field in ${subject}`);
    }
    const col = column(node.field);
    const value = node.value;
    switch (node.operator) {
      case 'eq':
        return value === null ? `(${col} IS NULL)` : `(${col} IS NOT DISTINCT FROM ${bind(value)})`;
      case 'ne':
        return value === null ? `(${col} IS NOT NULL)` : `(${col} IS DISTINCT FROM ${bind(value)})`;
      case 'in': {
        const list = value as unknown[];
        if (list.length === 0) return 'FALSE';
        const nonNull = list.filter((v) => v !== null);
        const parts: string[] = [];
        if (nonNull.length > 0) parts.push(`COALESCE(${col} IN (${bindList(nonNull)}), FALSE)`);
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

  return { sql: visit(ast), params };
}

/** ANDs the permission predicate onto a query builder; the caller's own filters stay as they are. */
export function scopeQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
): SelectQueryBuilder<T> {
  const metadata = qb.expressionMap.mainAlias?.metadata;
  if (!metadata) throw new Error('scopeQuery needs an entity query');
  const fragment = rulesToSql(ability, action, subject, (field) => {
    const column = metadata.findColumnWithPropertyName(field);
    if (!column) throw new Error(`Rule field ${field} is not a column of ${subject}`);
    return `${qb.alias}.${column.databaseName}`;
  });
  return qb.andWhere(`(${fragment.sql})`, fragment.params);
}

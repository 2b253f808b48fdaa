import type { FilterSpec } from './list-query.js';

/**
 * A list's boolean filter on whether a time is set, read the way the web app asks: `voided: true` lists
 * the voided rows, `voided: false` the others (the `isNull` filter reads the other way round). The
 * property is checked like any filter's (a person who may not read it may not filter on it).
 */
export function whetherSet(property: string, column: string): FilterSpec {
  return {
    kind: 'custom',
    type: 'boolean',
    fields: [property],
    apply: (qb, value) => qb.andWhere(`${qb.alias}.${column} IS ${value ? 'NOT ' : ''}NULL`),
  };
}

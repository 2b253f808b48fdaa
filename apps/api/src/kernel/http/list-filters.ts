import type { FilterSpec, ListSpec } from './list-query.js';

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

type Order = Pick<ListSpec, 'sorts' | 'defaultSort'>;

/** What a case's records sort by when they say nothing else: when written and changed, newest first. */
const BY_WRITING: Order = { sorts: ['createdAt', 'updatedAt'], defaultSort: ['createdAt', 'DESC'] };

/**
 * The list spec of one kind of record a case's tab shows: the tab asks for them by `caseId` (the case's
 * id), and `filters` names every other filter the list accepts (its whole whitelist beside `caseId`).
 * `order` gives its sorts; without it, when written and when changed, newest first.
 */
export function caseRecordList(resource: string, filters: Record<string, FilterSpec>, order: Order = BY_WRITING): ListSpec {
  return { resource, filters: { caseId: { kind: 'eq', type: 'uuid' }, ...filters }, sorts: order.sorts, defaultSort: order.defaultSort };
}

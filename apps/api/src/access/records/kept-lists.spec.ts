import fc from 'fast-check';
import type { FilterSpec, ParsedFilter } from '../../kernel/http/list-query.js';
import { listShapeKey, type ListShape } from './kept-lists.js';

class Joined {}
class OtherJoined {}

const name = fc.constantFrom('status', 'riskLevel', 'unassigned', 'q', 'from', 'to', 'tags', 'caseId');
const property = fc.constantFrom('status', 'riskLevel', 'assignedCaseworkerId', 'name', 'occurredAt', 'tags');
const spec: fc.Arbitrary<FilterSpec> = fc.oneof(
  fc.record({ kind: fc.constant('eq' as const), type: fc.constantFrom('string' as const, 'uuid' as const, 'enum' as const), property: fc.option(property, { nil: undefined }) }),
  fc.record({ kind: fc.constant('search' as const), properties: fc.array(property, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('arrayContains' as const), values: fc.constant(['a', 'b']), property: fc.option(property, { nil: undefined }) }),
  fc.record({ kind: fc.constant('range' as const), bound: fc.constantFrom('gte' as const, 'lte' as const), type: fc.constantFrom('date' as const, 'day' as const), property }),
  fc.record({ kind: fc.constant('isNull' as const), property }),
  fc.record({ kind: fc.constant('oneOf' as const), property, values: fc.constantFrom(['draft', 'sent'], ['sent'], ['accepted', 'in_progress']) }),
);
const filter: fc.Arbitrary<ParsedFilter> = fc.record({ name, spec, value: fc.oneof(fc.boolean(), fc.string(), fc.constant(['a'])) });
const params = fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.oneof(fc.string(), fc.integer(), fc.array(fc.uuid(), { maxLength: 4 })), { maxKeys: 5 });

const shape: fc.Arbitrary<ListShape> = fc
  .record({
    subject: fc.constantFrom('Case' as const, 'Contact' as const, 'Survivor' as const),
    scopeSql: fc.constantFrom('r.organization_id = :casl_0', 'r.organization_id = :casl_0 AND r.assigned_caseworker_id = :casl_1', '1 = 0'),
    where: fc.array(fc.constantFrom('r.merged_into_id IS NULL', "r.scan_status <> 'uploading'"), { maxLength: 2 }),
    joins: fc.array(fc.record({ table: fc.constantFrom('survivor', 'app_user'), alias: fc.constantFrom('a', 'b'), on: fc.constantFrom('a.id = r.survivor_id', 'b.id = r.x'), select: fc.dictionary(fc.constantFrom('x', 'y'), fc.constantFrom('a.alias', 'b.name')) }), { maxLength: 2 }),
    filters: fc.array(filter, { maxLength: 4 }),
    ids: fc.option(fc.array(fc.uuid(), { minLength: 1, maxLength: 4 }), { nil: null }),
    sort: fc.tuple(fc.constantFrom('openedAt', 'id', 'status'), fc.constantFrom('ASC' as const, 'DESC' as const)),
    sortExpression: fc.option(fc.record({ expression: fc.constantFrom('(r.custom->>:cs_field)', '(r.custom->:cs_field)::numeric'), parameters: fc.dictionary(fc.constantFrom('cs_field', 'cs_other'), fc.uuid()) }), { nil: undefined }),
    params,
  })
  .map(({ subject, scopeSql, where, joins, filters, ids, sort, sortExpression, params }) => ({
    subject,
    scopeSql,
    joinTables: joins.map((j) => j.table),
    narrow: { where, joins: joins.map((j) => ({ entity: j.table === 'survivor' ? Joined : OtherJoined, alias: j.alias, on: j.on, select: j.select })) },
    query: { filters, ids, sort, ...(sortExpression ? { sortExpression } : {}) },
    params,
  }));

/** Changes exactly one input of a shape that writes the SQL text. */
const mutation = fc.constantFrom<(s: ListShape) => ListShape | null>(
  (s) => ({ ...s, subject: s.subject === 'Case' ? 'Contact' : 'Case' }),
  (s) => ({ ...s, scopeSql: `${s.scopeSql} AND r.x = 1` }),
  (s) => ({ ...s, narrow: { ...s.narrow, where: [...(s.narrow?.where ?? []), 'r.deleted_at IS NULL'] } }),
  (s) => (s.joinTables.length === 0 ? null : { ...s, joinTables: [`${s.joinTables[0]}_2`, ...s.joinTables.slice(1)] }),
  (s) => (s.narrow?.joins?.length ? { ...s, narrow: { ...s.narrow, joins: [{ ...s.narrow.joins[0]!, alias: `${s.narrow.joins[0]!.alias}2` }, ...s.narrow.joins.slice(1)] } } : null),
  (s) => (s.narrow?.joins?.length ? { ...s, narrow: { ...s.narrow, joins: [{ ...s.narrow.joins[0]!, on: `${s.narrow.joins[0]!.on} AND true` }, ...s.narrow.joins.slice(1)] } } : null),
  (s) => (s.narrow?.joins?.length ? { ...s, narrow: { ...s.narrow, joins: [{ ...s.narrow.joins[0]!, select: { ...s.narrow.joins[0]!.select, z: 'a.z' } }, ...s.narrow.joins.slice(1)] } } : null),
  (s) => ({ ...s, query: { ...s.query, filters: [...s.query.filters, { name: 'status', spec: { kind: 'eq', type: 'enum' }, value: 'x' }] } }),
  (s) => (s.query.filters.length === 0 ? null : { ...s, query: { ...s.query, filters: s.query.filters.slice(1) } }),
  (s) => (s.query.filters.length === 0 ? null : { ...s, query: { ...s.query, filters: [{ ...s.query.filters[0]!, name: `${s.query.filters[0]!.name}x` }, ...s.query.filters.slice(1)] } }),
  (s) => (s.query.filters.length === 0 ? null : { ...s, query: { ...s.query, filters: [{ ...s.query.filters[0]!, spec: otherSpec(s.query.filters[0]!.spec) }, ...s.query.filters.slice(1)] } }),
  (s) => toggleValue(s, 'oneOf'),
  (s) => {
    const i = s.query.filters.findIndex((f) => f.spec.kind === 'oneOf');
    if (i < 0) return null;
    const filters = [...s.query.filters];
    const spec = filters[i]!.spec as Extract<FilterSpec, { kind: 'oneOf' }>;
    filters[i] = { ...filters[i]!, spec: { ...spec, values: [...spec.values, 'completed'] } };
    return { ...s, query: { ...s.query, filters } };
  },
  (s) => toggleValue(s, 'isNull'),
  (s) => ({ ...s, query: { ...s.query, ids: s.query.ids === null ? ['00000000-0000-4000-8000-000000000000'] : null } }),
  (s) => (s.query.ids === null ? null : { ...s, query: { ...s.query, ids: [...s.query.ids, '00000000-0000-4000-8000-000000000001'] } }),
  (s) => ({ ...s, query: { ...s.query, sort: [`${s.query.sort[0]}x`, s.query.sort[1]] } }),
  (s) => ({ ...s, query: { ...s.query, sort: [s.query.sort[0], s.query.sort[1] === 'ASC' ? 'DESC' : 'ASC'] } }),
  (s) => ({ ...s, query: { ...s.query, sortExpression: s.query.sortExpression ? undefined : { expression: 'r.x', parameters: {} } } }),
  (s) => (s.query.sortExpression ? { ...s, query: { ...s.query, sortExpression: { ...s.query.sortExpression, expression: `${s.query.sortExpression.expression} + 1` } } } : null),
  (s) => (s.query.sortExpression ? { ...s, query: { ...s.query, sortExpression: { ...s.query.sortExpression, parameters: { ...s.query.sortExpression.parameters, cs_new: 1 } } } } : null),
  (s) => ({ ...s, params: { ...s.params, added_param: 1 } }),
  (s) => {
    const array = Object.keys(s.params).find((k) => Array.isArray(s.params[k]));
    return array ? { ...s, params: { ...s.params, [array]: [...(s.params[array] as unknown[]), 'x'] } } : null;
  },
);

/** The shape with the first filter of `kind` given the other boolean value (both kinds write it into the text). */
function toggleValue(s: ListShape, kind: 'isNull' | 'oneOf'): ListShape | null {
  const i = s.query.filters.findIndex((f) => f.spec.kind === kind);
  if (i < 0) return null;
  const filters = [...s.query.filters];
  filters[i] = { ...filters[i]!, value: !filters[i]!.value };
  return { ...s, query: { ...s.query, filters } };
}

function otherSpec(spec: FilterSpec): FilterSpec {
  switch (spec.kind) {
    case 'eq':
      return { ...spec, property: `${spec.property ?? 'p'}x` };
    case 'search':
      return { ...spec, properties: [...spec.properties, 'other'] };
    case 'arrayContains':
      return { ...spec, property: `${spec.property ?? 'p'}x` };
    case 'range':
      return { ...spec, bound: spec.bound === 'gte' ? 'lte' : 'gte' };
    case 'isNull':
    case 'oneOf':
      return { ...spec, property: `${spec.property}x` };
    default:
      return { kind: 'eq', type: 'string' };
  }
}

describe('listShapeKey (the key of a list’s kept SQL)', () => {
  it('two shapes that differ in any one input never share a key', () => {
    fc.assert(
      fc.property(shape, mutation, (s, mutate) => {
        const changed = mutate(s);
        fc.pre(changed !== null);
        const a = listShapeKey(s);
        const b = listShapeKey(changed!);
        expect(a).not.toBeNull();
        expect(b).not.toBeNull();
        expect(b).not.toBe(a);
      }),
      { numRuns: 2000 },
    );
  });

  it('values that travel as parameters do not change the key', () => {
    fc.assert(
      fc.property(shape, fc.string(), (s, value) => {
        const revalued: ListShape = {
          ...s,
          query: { ...s.query, filters: s.query.filters.map((f) => (f.spec.kind === 'isNull' || f.spec.kind === 'oneOf' ? f : { ...f, value })), ids: s.query.ids?.map(() => 'other') ?? null },
          params: Object.fromEntries(Object.entries(s.params).map(([k, v]) => [k, Array.isArray(v) ? v.map(() => value) : value])),
        };
        expect(listShapeKey(revalued)).toBe(listShapeKey(s));
      }),
    );
  });

  it('a filter written by a callback (custom) is never kept', () => {
    fc.assert(
      fc.property(shape, (s) => {
        const custom: ParsedFilter = { name: 'voided', spec: { kind: 'custom', type: 'boolean', apply: () => undefined }, value: true };
        expect(listShapeKey({ ...s, query: { ...s.query, filters: [...s.query.filters, custom] } })).toBeNull();
      }),
    );
  });

  it('a parameter that is a function (inlined into the SQL by the driver) is never kept', () => {
    fc.assert(fc.property(shape, (s) => expect(listShapeKey({ ...s, params: { ...s.params, now: () => 'now()' } })).toBeNull()));
  });
});

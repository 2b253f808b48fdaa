import { badRequest, DomainError } from './domain-error.js';
import { caseRecordList } from './list-filters.js';
import { contentRange, COUNT_CAP, countCapFor, listParameters, parseListQuery, type ListSpec } from './list-query.js';
import { prefersCappedCount } from './request-context.js';

const spec: ListSpec = {
  resource: 'things',
  filters: {
    q: { kind: 'search', properties: ['name'] },
    kind: { kind: 'eq', type: 'enum', values: ['a', 'b'] },
    active: { kind: 'eq', type: 'boolean' },
    tag: { kind: 'arrayContains', values: ['x', 'y'] },
    from: { kind: 'range', bound: 'gte', type: 'date', property: 'createdAt' },
    until: { kind: 'range', bound: 'lte', type: 'day', property: 'createdAt' },
  },
  sorts: ['name', 'createdAt'],
  defaultSort: ['name', 'ASC'],
};

const fieldOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return Object.keys(error.errors ?? {});
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('parseListQuery', () => {
  it('runs a checked filter through its parser (after the control-character refusal) and knows sort expressions', () => {
    const checked: ListSpec = {
      ...spec,
      filters: { ...spec.filters, 'custom.n': { kind: 'custom', type: 'checked', parse: (v, field) => {
            if (typeof v !== 'number') throw badRequest(field, 'must be a number');
            return v * 2;
          },
          apply: () => undefined } },
      sortExpressions: { 'custom.n': { expression: 'r.x', parameters: { k: 1 } } },
    };
    const parsed = parseListQuery({ filter: '{"custom.n":21}', sort: '["custom.n","asc"]' }, checked);
    expect(parsed.filters.map((f) => f.value)).toEqual([42]);
    expect(parsed.sortExpression).toEqual({ expression: 'r.x', parameters: { k: 1 } });
    expect(fieldOf(() => parseListQuery({ filter: '{"custom.n":"a\\u0000"}' }, checked))).toEqual(['filter.custom.n']);
    expect(fieldOf(() => parseListQuery({ filter: '{"custom.n":"7"}' }, checked))).toEqual(['filter.custom.n']);
    expect(parseListQuery({ sort: '["name","asc"]' }, checked).sortExpression).toBeUndefined();
    expect(fieldOf(() => parseListQuery({ sort: '["custom.m","asc"]' }, checked))).toEqual(['sort']);
  });

  it('reads the ra-data-simple-rest parameters', () => {
    const parsed = parseListQuery(
      { filter: '{"q":" shelter ","kind":"a","active":true,"tag":"x"}', range: '[10,19]', sort: '["createdAt","desc"]' },
      spec,
    );
    expect(parsed.skip).toBe(10);
    expect(parsed.take).toBe(10);
    expect(parsed.sort).toEqual(['createdAt', 'DESC']);
    expect(parsed.filters.map((f) => [f.name, f.value])).toEqual([
      ['q', 'shelter'],
      ['kind', 'a'],
      ['active', true],
      ['tag', ['x']],
    ]);
  });

  it('takes a oneOf filter as true or false only, and binds no parameter for it (its list is written as literals)', () => {
    const withOpen: ListSpec = { ...spec, filters: { ...spec.filters, open: { kind: 'oneOf', property: 'status', values: ['draft', 'sent'] } } };
    const parsed = parseListQuery({ filter: '{"open":false,"kind":"a"}' }, withOpen);
    expect(parsed.filters.map((f) => [f.name, f.value])).toEqual([['open', false], ['kind', 'a']]);
    expect(listParameters(parsed)).toEqual({ f1: 'a' });
    for (const bad of ['"yes"', '1', '["draft"]']) expect(fieldOf(() => parseListQuery({ filter: `{"open":${bad}}` }, withOpen))).toEqual(['filter.open']);
  });

  it('reads a calendar day as it is, and refuses anything else for it', () => {
    expect(parseListQuery({ filter: '{"until":"2026-02-28"}' }, spec).filters.map((f) => f.value)).toEqual(['2026-02-28']);
    for (const bad of ['2026-02-30', '2026-02-28T10:00:00Z', 'soon', '0000-01-01', 20260228]) {
      expect([bad, fieldOf(() => parseListQuery({ filter: JSON.stringify({ until: bad }) }, spec))]).toEqual([bad, ['filter.until']]);
    }
  });

  it('defaults to the first page and the default sort', () => {
    expect(parseListQuery({}, spec)).toMatchObject({ skip: 0, take: 25, sort: ['name', 'ASC'], ids: null, filters: [] });
  });

  it('reads getMany id lists', () => {
    const id = '7d9f1c1e-2f5a-4d8e-9c3b-1a2b3c4d5e6f';
    expect(parseListQuery({ filter: JSON.stringify({ id: [id] }) }, spec).ids).toEqual([id]);
    expect(fieldOf(() => parseListQuery({ filter: '{"id":["1"]}' }, spec))).toEqual(['filter.id']);
  });

  it.each([
    [{ filter: '{"secret":1}' }, 'filter.secret'],
    [{ filter: '{"kind":"c"}' }, 'filter.kind'],
    [{ filter: '{"active":"yes"}' }, 'filter.active'],
    [{ filter: '{"from":"soon"}' }, 'filter.from'],
    [{ filter: '{"tag":["z"]}' }, 'filter.tag'],
    [{ filter: '{"q":1}' }, 'filter.q'],
    [{ filter: '[1]' }, 'filter'],
    [{ filter: '{"__proto__":{"x":1}}' }, 'filter.__proto__'],
    [{ sort: '["secret","ASC"]' }, 'sort'],
    [{ sort: '"name"' }, 'sort'],
    [{ range: '[0,100]' }, 'range'],
    [{ range: '[3,1]' }, 'range'],
    [{ range: '[0.5,3]' }, 'range'],
    [{ range: ['[0,1]', '[0,2]'] }, 'range'],
    [{ page: '1' }, 'page'],
  ])('%j is refused, naming %s', (query, field) => {
    expect(fieldOf(() => parseListQuery(query as Record<string, unknown>, spec))).toEqual([field]);
  });
});

describe('contentRange', () => {
  it('follows the Content-Range convention', () => {
    expect(contentRange('things', { rows: [1, 2], total: 10, skip: 4 })).toBe('things 4-5/10');
    expect(contentRange('things', { rows: [], total: 0, skip: 0 })).toBe('things */0');
  });

  it('writes `*` for the total of a capped count (docs/architecture.md, "Capped counts")', () => {
    expect(contentRange('things', { rows: [1, 2], total: 1000, skip: 0, capped: true })).toBe('things 0-1/*');
    expect(contentRange('things', { rows: [1, 2], total: 1000, skip: 0, capped: false })).toBe('things 0-1/1000');
  });
});

describe('countCapFor', () => {
  it('reads one row past the cap, or past the page when it ends further', () => {
    expect(countCapFor({ skip: 0, take: 25 })).toBe(COUNT_CAP + 1);
    expect(countCapFor({ skip: 990, take: 25 })).toBe(1016);
    expect(countCapFor({ skip: 0, take: 2 }, 3)).toBe(4);
  });
});

describe('prefersCappedCount', () => {
  it.each([
    ['count=capped', true],
    ['COUNT=Capped', true],
    ['return=minimal, count="capped"', true],
    ['count=capped; strict', true],
    [['respond-async', 'count=capped'], true],
    ['count=exact', false],
    ['count', false],
    ['capped', false],
    ['x-count=capped', false],
    ['', false],
    [undefined, false],
  ])('%j: %s', (header, expected) => {
    expect(prefersCappedCount(header as string | string[] | undefined)).toBe(expected);
  });
});

describe('caseRecordList', () => {
  const caseId = '0b7e2c64-4a55-4c1e-9a0e-6f1d2b3c4d5e';
  const notes = caseRecordList('notes', { kind: { kind: 'eq', type: 'enum', values: ['a', 'b'] } });

  it('filters by the case (a uuid) and by the filters the feature names, and by nothing else', () => {
    const parsed = parseListQuery({ filter: JSON.stringify({ caseId, kind: 'a' }) }, notes);
    expect(parsed.filters.map((f) => [f.name, f.value])).toEqual([
      ['caseId', caseId],
      ['kind', 'a'],
    ]);
    expect(fieldOf(() => parseListQuery({ filter: '{"caseId":"12"}' }, notes))).toEqual(['filter.caseId']);
    expect(fieldOf(() => parseListQuery({ filter: '{"survivorId":"x"}' }, notes))).toEqual(['filter.survivorId']);
  });

  it('sorts by when written and changed, newest first, unless the feature gives its own order', () => {
    expect(notes).toMatchObject({ resource: 'notes', sorts: ['createdAt', 'updatedAt'], defaultSort: ['createdAt', 'DESC'] });
    expect(fieldOf(() => parseListQuery({ sort: '["startsAt","ASC"]' }, notes))).toEqual(['sort']);
    const visits = caseRecordList('visits', {}, { sorts: ['startsAt'], defaultSort: ['startsAt', 'ASC'] });
    expect(parseListQuery({}, visits).sort).toEqual(['startsAt', 'ASC']);
    expect(fieldOf(() => parseListQuery({ sort: '["updatedAt","ASC"]' }, visits))).toEqual(['sort']);
  });
});

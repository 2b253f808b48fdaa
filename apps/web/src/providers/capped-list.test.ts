import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataProvider } from './data-provider';
import { CAPPED_COUNT } from './capped-list';

/** One scripted answer per request, in order, each with its Content-Range. */
function answers(...ranges: string[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify([{ id: 'a' }, { id: 'b' }]), { status: 200, headers: { 'Content-Type': 'application/json', 'Content-Range': ranges.shift()! } });
    }),
  );
  return calls;
}
const header = (call: { init: RequestInit }, name: string) => new Headers(call.init.headers).get(name);
const params = (page: number, meta?: object) => ({ pagination: { page, perPage: 2 }, sort: { field: 'openedAt', order: 'DESC' as const }, filter: { status: 'active' }, ...(meta ? { meta } : {}) });

describe('capped counts (docs/architecture.md, "Capped counts")', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for a capped count only where the list says so, with the query ra-data-simple-rest sends', async () => {
    const calls = answers('cases 0-1/40', 'cases 0-1/40');
    await dataProvider.getList('cases', params(1));
    await dataProvider.getList('cases', params(1, CAPPED_COUNT));
    expect(header(calls[0]!, 'Prefer')).toBeNull();
    expect(header(calls[1]!, 'Prefer')).toBe('count=capped');
    // The same page asked for either way.
    for (const call of calls) {
      const url = new URL(call.url, 'http://x');
      expect(url.pathname).toBe('/api/v1/cases');
      expect(JSON.parse(url.searchParams.get('range')!)).toEqual([0, 1]);
      expect(JSON.parse(url.searchParams.get('sort')!)).toEqual(['openedAt', 'DESC']);
      expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ status: 'active' });
      expect(header(call, 'Range')).toBe('cases=0-1');
    }
  });

  it('reads an exact total as a total, and `*` as "a next page exists"', async () => {
    answers('cases 0-1/40', 'cases 2-3/*', 'cases 0-1/*');
    expect(await dataProvider.getList('cases', params(1, CAPPED_COUNT))).toEqual({ data: [{ id: 'a' }, { id: 'b' }], total: 40 });
    const partial = await dataProvider.getList('cases', params(2, CAPPED_COUNT));
    expect(partial.total).toBeUndefined();
    expect(partial.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });
    expect((await dataProvider.getList('cases', params(1, CAPPED_COUNT))).pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
  });

  it('refuses an answer without a Content-Range rather than show a wrong page count', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } })));
    await expect(dataProvider.getList('cases', params(1, CAPPED_COUNT))).rejects.toThrow(/Content-Range/);
  });
});

import type { GetListParams, GetListResult, RaRecord } from 'react-admin';
import { API_URL, httpClient } from './http';

/**
 * A list's `meta` that asks the API for a capped count (docs/architecture.md, "Capped counts"): the lists
 * that can run to tens of thousands of rows (a coordinator's cases, a partner's inbox) are told their exact
 * total up to 1,000 rows and, past it, only that more pages follow, which PostgreSQL answers without
 * counting every row. Figures shown as numbers (the dashboard's, the referral board's columns) keep exact
 * counts: they do not pass it.
 */
export const CAPPED_COUNT = { cappedCount: true } as const;

export function wantsCappedCount(params: Pick<GetListParams, 'meta'>): boolean {
  return (params.meta as { cappedCount?: unknown } | undefined)?.cappedCount === true;
}

/**
 * The page as ra-data-simple-rest asks for it (the same query and Range header), with `Prefer: count=capped`:
 * `Content-Range: cases 0-24/1000` gives the total, `cases 0-24/*` partial pagination (`pageInfo`), which
 * react-admin's pagination shows as "1-25 of more than 25".
 */
export async function getCappedList<R extends RaRecord>(resource: string, params: GetListParams): Promise<GetListResult<R>> {
  const { page, perPage } = params.pagination ?? { page: 1, perPage: 10 };
  const { field, order } = params.sort ?? { field: 'id', order: 'ASC' };
  const start = (page - 1) * perPage;
  const end = page * perPage - 1;
  const query = new URLSearchParams({ sort: JSON.stringify([field, order]), range: JSON.stringify([start, end]), filter: JSON.stringify(params.filter ?? {}) });
  const { headers, json } = await httpClient(`${API_URL}/${resource}?${query.toString()}`, {
    headers: new Headers({ Range: `${resource}=${start}-${end}`, Prefer: 'count=capped' }),
    ...(params.signal ? { signal: params.signal } : {}),
  });
  const total = /\/(\d+|\*)\s*$/.exec(headers.get('content-range') ?? '')?.[1];
  if (total === undefined) throw new Error(`The API's answer for ${resource} has no Content-Range`);
  const data = json as R[];
  if (total === '*') return { data, pageInfo: { hasNextPage: true, hasPreviousPage: start > 0 } };
  return { data, total: Number(total) };
}

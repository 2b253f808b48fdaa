import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, RaRecord, UpdateParams, UpdateResult } from 'react-admin';
import { API_URL, ApiError, httpClient } from './http';

/** Fields the API computes; never sent back, whatever the form holds. */
const READ_ONLY = new Set(['id', 'version', 'organizationId', 'createdAt', 'updatedAt', 'lastLoginAt', 'mfaEnabled']);

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

/**
 * The API accepts only the fields that change plus the `version` that was read (optimistic
 * concurrency, no mass assignment), so an edit form's full record is reduced to its differences.
 */
export function changedFields(data: Record<string, unknown>, previous: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (READ_ONLY.has(key) || value === undefined) continue;
    if (!sameValue(value, previous[key])) changes[key] = value;
  }
  return changes;
}

function notSupported(what: string): Promise<never> {
  return Promise.reject(
    new ApiError(`${what} is not possible in Lantern.`, 405, { code: 'NOT_SUPPORTED', message: `${what} is not possible in Lantern.`, fieldErrors: {} }),
  );
}

const rest = simpleRestProvider(API_URL, httpClient);

function recordUrl(resource: string, id: RaRecord['id']): string {
  return `${API_URL}/${resource}/${encodeURIComponent(String(id))}`;
}

export const dataProvider: DataProvider = {
  ...rest,

  async update<RecordType extends RaRecord>(resource: string, params: UpdateParams<RecordType>): Promise<UpdateResult<RecordType>> {
    const previous = params.previousData as (RecordType & { version?: unknown }) | undefined;
    if (!previous || typeof previous.version !== 'number') {
      throw new ApiError('Reload this record before changing it.', 409, { code: 'STALE_VERSION', message: 'Reload this record before changing it.', fieldErrors: {} });
    }
    const changes = changedFields(params.data as Record<string, unknown>, previous);
    if (Object.keys(changes).length === 0) return { data: previous };
    const { json } = await httpClient(recordUrl(resource, params.id), {
      method: 'PUT',
      body: JSON.stringify({ ...changes, version: previous.version }),
    });
    return { data: json as RecordType };
  },

  updateMany: () => notSupported('Changing several records at once'),
  delete: () => notSupported('Deleting a record'),
  deleteMany: () => notSupported('Deleting records'),
};

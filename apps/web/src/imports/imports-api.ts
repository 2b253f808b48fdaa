import type { ImportMapping, ImportRunResponse, ImportRunSummary, SavedImportMappingResponse } from '@lantern/contracts';
import { useQuery } from '@tanstack/react-query';
import { HttpError } from 'react-admin';
import { API_URL, api, lanternHeaders, noteActivity, toApiError } from '../providers/http';

/** The admin routes of the spreadsheet import (apps/api/src/workflows/imports/imports.controller.ts; docs/imports.md). */
export const IMPORTS_KEY = ['imports'] as const;

/** A run is busy while the API's background job works on it: the page polls it then. */
export const isBusy = (run: Pick<ImportRunResponse, 'status'> | undefined) => !!run && ['checking', 'queued', 'running'].includes(run.status);

export const useImportRuns = () => useQuery({ queryKey: [...IMPORTS_KEY, 'runs'], queryFn: () => api<ImportRunSummary[]>('/imports') });

export const useImportRun = (id: string | null) =>
  useQuery({
    queryKey: [...IMPORTS_KEY, 'run', id],
    queryFn: () => api<ImportRunResponse>(`/imports/${encodeURIComponent(id!)}`, { background: true }),
    enabled: id !== null,
    refetchInterval: (query) => (isBusy(query.state.data) ? 1000 : false),
  });

export const useSavedMappings = () => useQuery({ queryKey: [...IMPORTS_KEY, 'mappings'], queryFn: () => api<SavedImportMappingResponse[]>('/imports/mappings') });

/** Sends the sheet as multipart/form-data with the one HTTP client's headers (its name stays in the form, never the URL). */
export async function uploadSheet(file: File): Promise<ImportRunResponse> {
  const started = Date.now();
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${API_URL}/imports`, { method: 'POST', body: form, headers: lanternHeaders(), credentials: 'same-origin' });
  } catch (error) {
    throw toApiError(error);
  }
  noteActivity(started);
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(new HttpError(response.statusText || String(response.status), response.status, body));
  return body as ImportRunResponse;
}

export const saveRunMapping = (run: ImportRunResponse, mapping: ImportMapping) =>
  api<ImportRunResponse>(`/imports/${encodeURIComponent(run.id)}/mapping`, { method: 'PUT', body: { mapping, version: run.version } });

export const startDryRun = (id: string) => api<ImportRunResponse>(`/imports/${encodeURIComponent(id)}/dry-run`, { method: 'POST', body: {} });

export const startImport = (id: string) => api<ImportRunResponse>(`/imports/${encodeURIComponent(id)}/start`, { method: 'POST', body: {}, stepUp: true });

export const saveNamedMapping = (name: string, mapping: ImportMapping) => api<SavedImportMappingResponse>('/imports/mappings', { method: 'POST', body: { name, mapping } });

import type { FunderDataFields, FunderDataResponse } from '@lantern/contracts';
import { api } from '../../providers/http';

/** A case's funder data (HMIS, issue 16): started once, then changed; reads use react-admin's lists. */
export const funderDataApi = {
  create: (caseId: string, body: FunderDataFields) => api<FunderDataResponse>('/funder-data', { method: 'POST', body: { ...body, caseId } }),
  update: (id: string, body: FunderDataFields & { version: number }) => api<FunderDataResponse>(`/funder-data/${encodeURIComponent(id)}`, { method: 'PUT', body }),
};

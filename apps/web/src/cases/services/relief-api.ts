import type { ImmigrationReliefFields, ImmigrationReliefResponse } from '@lantern/contracts';
import { api } from '../../providers/http';

/** A case's immigration relief (issue 16): started once, then changed; reads use react-admin's lists. */
export const reliefApi = {
  create: (caseId: string, body: ImmigrationReliefFields) => api<ImmigrationReliefResponse>('/immigration-relief', { method: 'POST', body: { ...body, caseId } }),
  update: (id: string, body: ImmigrationReliefFields & { version: number }) =>
    api<ImmigrationReliefResponse>(`/immigration-relief/${encodeURIComponent(id)}`, { method: 'PUT', body }),
};

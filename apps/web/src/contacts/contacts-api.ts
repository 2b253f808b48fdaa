import type { ContactConversionResponse, ContactResponse, ContactSummaryResponse, CustomValue, DuplicateCheckResult } from '@lantern/contracts';
import { api } from '../providers/http';

const path = (id: string) => encodeURIComponent(id);

/** The contact's own actions (issue 17); reads and edits go through react-admin's `contacts` resource. */
export const contactsApi = {
  link: (id: string, version: number, survivorId: string) =>
    api<ContactResponse>(`/contacts/${path(id)}/link`, { method: 'POST', body: { version, survivorId } }),
  /** Likely duplicates of the survivor the contact would become (issue 17), asked before converting. */
  duplicates: (id: string) => api<DuplicateCheckResult>(`/contacts/${path(id)}/duplicates`, { method: 'POST', body: {} }),
  convert: (id: string, version: number, alias?: string, custom?: Record<string, CustomValue>) =>
    api<ContactConversionResponse>(`/contacts/${path(id)}/convert`, { method: 'POST', body: { version, ...(alias ? { alias } : {}), ...(custom ? { custom } : {}) } }),
  void: (id: string, version: number, reason: string) => api<ContactResponse>(`/contacts/${path(id)}/void`, { method: 'POST', body: { version, reason } }),
  summary: (from: string, to: string) =>
    api<ContactSummaryResponse>(`/contacts/summary?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
};

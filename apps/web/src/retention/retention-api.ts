import type { ErasureRequestResponse, LegalHoldResponse, PurgeRunResponse, RetentionPolicyResponse, RetentionPreviewResponse } from '@lantern/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { api, toApiError } from '../providers/http';

/** The admin routes of erasure and retention (apps/api/src/features/erasure/erasure.controller.ts). */
export const RETENTION_KEY = ['retention'] as const;

export const useErasureRequests = () => useQuery({ queryKey: [...RETENTION_KEY, 'requests'], queryFn: () => api<ErasureRequestResponse[]>('/retention/erasure-requests') });
export const usePolicy = () => useQuery({ queryKey: [...RETENTION_KEY, 'policy'], queryFn: () => api<RetentionPolicyResponse>('/retention/policy') });
export const usePreview = () => useQuery({ queryKey: [...RETENTION_KEY, 'preview'], queryFn: () => api<RetentionPreviewResponse>('/retention/preview') });
export const useHolds = () => useQuery({ queryKey: [...RETENTION_KEY, 'holds'], queryFn: () => api<LegalHoldResponse[]>('/retention/legal-holds') });
export const usePurgeReports = () => useQuery({ queryKey: [...RETENTION_KEY, 'reports'], queryFn: () => api<PurgeRunResponse[]>('/retention/reports') });

/**
 * A change, with the step-up dialog when the API asks for the password again; every list of the page is
 * read again after it. `onDone` gets the answer; errors are shown as a notice and returned to the form.
 */
export function useRetentionChange<I>(path: (input: I) => string, method: 'POST' | 'PUT', success: string, onDone?: () => void) {
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (input: I & { body: unknown }) => api<unknown>(path(input), { method, body: input.body, stepUp: true }),
    onSuccess: () => {
      notify(success, { type: 'success' });
      void client.invalidateQueries({ queryKey: RETENTION_KEY });
      onDone?.();
    },
    onError: (error) => notify(toApiError(error).message, { type: 'error' }),
  });
}

/** The per-field messages of a 400, for the form's helper texts. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!error) return {};
  return Object.fromEntries(Object.entries(toApiError(error).body.fieldErrors ?? {}).map(([field, messages]) => [field, messages.join(' ')]));
}

import { QueryClient } from '@tanstack/react-query';
import { memoryStore } from 'react-admin';
import { onQuickExit } from '../layout/quick-exit';
import { clearSession } from './session';
import { ApiError } from './http';

/**
 * react-admin's preferences (list parameters, column choices) live in memory only: a search typed
 * into a list must not survive in localStorage on a shared computer (docs/security-model.md).
 */
export const store = memoryStore();

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused or missing record (or "not signed in") will not change on a second try; only network
      // and server faults are retried.
      retry: (failureCount, error) => failureCount < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: false,
    },
  },
});

onQuickExit(() => {
  queryClient.clear();
  store.reset();
  clearSession();
});

import { QueryClient } from '@tanstack/react-query';
import { onQuickExit } from '../layout/quick-exit';
import { clearSession } from './session';
import { ApiError } from './http';
import { store } from './store';

export { store };

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
  clearSession();
});

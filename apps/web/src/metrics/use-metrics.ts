import type { MetricReleaseResponse } from '@lantern/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { isActive } from './metrics-labels';
import { metricsApi } from './metrics-api';

/** While a release is queued or being built its progress is read again every second. */
const POLL_MS = 1000;

export const METRICS_QUERY_KEYS = {
  catalogue: ['metrics', 'catalogue'] as const,
  releases: ['metrics', 'releases'] as const,
  release: (id: string) => ['metrics', 'releases', id] as const,
};

export function useMetricCatalogue(enabled = true) {
  return useQuery({ queryKey: METRICS_QUERY_KEYS.catalogue, queryFn: () => metricsApi.catalogue(), enabled });
}

/** Once a list is on screen, its re-reads are polls, not the person's activity (the idle timer keeps counting). */
export function useMetricReleases(enabled = true) {
  const client = useQueryClient();
  return useQuery({
    queryKey: METRICS_QUERY_KEYS.releases,
    queryFn: () => metricsApi.releases(client.getQueryData(METRICS_QUERY_KEYS.releases) !== undefined),
    refetchInterval: (query) => (query.state.data?.some(isActive) ? POLL_MS : false),
    enabled,
  });
}

export function useMetricRelease(id: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: METRICS_QUERY_KEYS.release(id),
    queryFn: async (): Promise<MetricReleaseResponse> => {
      const polling = client.getQueryData(METRICS_QUERY_KEYS.release(id)) !== undefined;
      const release = await metricsApi.release(id, polling);
      // The list shows the same status: refresh it when this release has moved on.
      if (!isActive(release)) void client.invalidateQueries({ queryKey: METRICS_QUERY_KEYS.releases, exact: true });
      return release;
    },
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? POLL_MS : false),
  });
}

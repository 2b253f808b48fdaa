import type { MetricCatalogueResponse, MetricMode, MetricReleaseResponse } from '@lantern/contracts';
import { downloadFile } from '../providers/download';
import { api, API_URL, httpClient } from '../providers/http';

/** GET /metrics/tables: what may be released, and how much of the noise budget each year has left. */
export type MetricCatalogue = MetricCatalogueResponse;
export type MetricCatalogueTable = MetricCatalogueResponse['tables'][number];

export interface NewReleaseBody {
  period: string;
  mode: MetricMode;
  tables?: string[];
}

const path = (id: string): string => encodeURIComponent(id);

/** Status reads while a release is being built are polls: `background` keeps them from extending an idle session. */
export const metricsApi = {
  catalogue: () => api<MetricCatalogue>('/metrics/tables'),
  releases: (background = false) => api<MetricReleaseResponse[]>('/metrics/releases', { background }),
  release: (id: string, background = false) => api<MetricReleaseResponse>(`/metrics/releases/${path(id)}`, { background }),
  /**
   * 202 when a release was started, 200 with the one made before (a period and protection are released
   * once). The HTTP client asks for the password again (step-up dialog) when the API wants it.
   */
  async createRelease(body: NewReleaseBody): Promise<{ release: MetricReleaseResponse; created: boolean }> {
    const { status, json } = await httpClient(`${API_URL}/metrics/releases`, { method: 'POST', body: JSON.stringify(body) });
    return { release: json as MetricReleaseResponse, created: status === 202 };
  },
};

/**
 * The zip is fetched with the session cookie and handed to the browser through an object URL, so no
 * link with a release id is left in the page or the history (providers/download.ts).
 */
export function downloadRelease(release: Pick<MetricReleaseResponse, 'id' | 'period' | 'mode'>): Promise<string> {
  return downloadFile(`${API_URL}/metrics/releases/${path(release.id)}/download`, {
    accept: 'application/zip',
    fallbackName: `lantern-metrics-${release.period}-${release.mode}.zip`,
  });
}

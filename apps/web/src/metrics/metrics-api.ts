import type { MetricCatalogueResponse, MetricMode, MetricReleaseResponse } from '@lantern/contracts';
import { noteServerTouch } from '../providers/activity';
import { api, API_URL, ApiError, httpClient, toApiError } from '../providers/http';
import { HttpError } from 'react-admin';

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

function filenameOf(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ?? fallback;
}

/**
 * The zip is fetched with the session cookie and handed to the browser through an object URL, so no
 * link with a release id is left in the page or the history.
 */
export async function downloadRelease(release: Pick<MetricReleaseResponse, 'id' | 'period' | 'mode'>): Promise<string> {
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(`${API_URL}/metrics/releases/${path(release.id)}/download`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/zip, application/problem+json' },
    });
  } catch (error) {
    throw toApiError(error);
  }
  if (response.status !== 401) noteServerTouch(started);
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => ({}));
    const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : response.statusText;
    throw toApiError(new HttpError(message || 'The download failed. Try again.', response.status, body));
  }
  const blob = await response.blob();
  if (blob.size === 0) throw new ApiError('The download was empty. Try again.', 502, { message: 'The download was empty. Try again.', fieldErrors: {} });
  const filename = filenameOf(response.headers.get('Content-Disposition'), `lantern-metrics-${release.period}-${release.mode}.zip`);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the blob to the browser's download; the URL is not needed afterwards.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return filename;
}

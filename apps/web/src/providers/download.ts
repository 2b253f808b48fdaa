import { HttpError } from 'react-admin';
import { noteServerTouch } from './activity';
import { ApiError, lanternHeaders, toApiError } from './http';
import { requestStepUp } from './step-up';

/** How far a download has come: bytes so far, and the whole when the server said it (Content-Length). */
export interface DownloadProgress {
  received: number;
  total: number | null;
}

export function filenameOf(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ?? fallback;
}

/**
 * A file from the API: the same headers, activity and step-up as every other call (providers/http.ts:
 * the dialog, then one more try); a refusal becomes the API's own error.
 */
async function fetchFile(url: string, accept: string, stepUp: boolean): Promise<Response> {
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: lanternHeaders({ Accept: `${accept}, application/problem+json` }) });
  } catch (error) {
    throw toApiError(error);
  }
  if (response.status !== 401) noteServerTouch(started);
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => ({}));
  const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : response.statusText;
  const error = toApiError(new HttpError(message, response.status, body));
  if (stepUp && error.status === 403 && error.code === 'AUTH_STEP_UP_REQUIRED' && (await requestStepUp())) return fetchFile(url, accept, false);
  throw error;
}

/** The body, read piece by piece so `onProgress` can show how far it has come. */
async function readBody(response: Response, onProgress?: (progress: DownloadProgress) => void): Promise<Blob> {
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!response.body || !onProgress) return response.blob();
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.byteLength;
    onProgress({ received, total });
  }
  return new Blob(parts as BlobPart[], { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
}

/**
 * Downloads a file from the API and hands it to the browser through an object URL: nothing of it stays
 * in the page, the history or browser storage. Resolves to the file's name.
 */
export async function downloadFile(url: string, options: { accept: string; fallbackName: string; onProgress?: (progress: DownloadProgress) => void }): Promise<string> {
  const response = await fetchFile(url, options.accept, true);
  const blob = await readBody(response, options.onProgress);
  if (blob.size === 0) throw new ApiError('The download was empty. Try again.', 502, { message: 'The download was empty. Try again.', fieldErrors: {} });
  const filename = filenameOf(response.headers.get('Content-Disposition'), options.fallbackName);
  const objectUrl = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = objectUrl;
    link.download = filename;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
  }
  return filename;
}

import type { DocumentResponse } from '@lantern/contracts';
import { HttpError } from 'react-admin';
import { API_URL, lanternHeaders, noteActivity, toApiError, type ApiError } from '../providers/http';

/** The fields of an upload, sent before the file (the API reads them first: features/documents/upload-form.ts). */
export interface UploadFields {
  caseId: string;
  kind: string;
  title: string;
  expiresOn?: string;
  consentId?: string;
}

export interface Upload {
  /** Resolves to the stored document, or rejects with an ApiError naming what is wrong. */
  done: Promise<DocumentResponse>;
  abort: () => void;
}

/**
 * Uploads a file with progress. `fetch` cannot report an upload's progress, so this is the one request
 * of the web app that uses XMLHttpRequest, with the headers of the one HTTP client
 * (apps/web/src/providers/http.ts). The file name travels in the form, never in the URL.
 */
export function uploadDocument(fields: UploadFields, file: File, onProgress: (fraction: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const started = Date.now();
  const done = new Promise<DocumentResponse>((resolve, reject) => {
    xhr.open('POST', `${API_URL}/documents`);
    lanternHeaders().forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      noteActivity(started);
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as DocumentResponse);
      else reject(toApiError(new HttpError(xhr.statusText || String(xhr.status), xhr.status, body)));
    };
    xhr.onerror = () => reject(toApiError(new TypeError('network')));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** Types a browser shows safely in a tab of its own (the API sends these inline, everything else as an attachment). */
export const PREVIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

async function fetchContent(id: string): Promise<Blob> {
  const started = Date.now();
  const response = await fetch(`${API_URL}/documents/${encodeURIComponent(id)}/content`, {
    headers: lanternHeaders(undefined),
    credentials: 'same-origin',
  }).catch((error: unknown) => {
    throw toApiError(error);
  });
  noteActivity(started);
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw toApiError(new HttpError(response.statusText || String(response.status), response.status, body));
  }
  return response.blob();
}

/**
 * Opens a PDF or image in a new tab. The file is fetched first and shown from a `blob:` address, so the
 * document's id never enters the browser's history (docs/architecture.md: no record id in a URL). The tab
 * is opened at once, on the click, so that no popup blocker stops it, and cut off from this page.
 */
export async function previewDocument(doc: Pick<DocumentResponse, 'id' | 'detectedType'>): Promise<void> {
  const tab = window.open('', '_blank');
  if (tab) tab.opener = null;
  try {
    const blob = await fetchContent(doc.id);
    const url = URL.createObjectURL(new Blob([blob], { type: doc.detectedType }));
    if (tab) tab.location.href = url;
    else window.location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    throw error as ApiError;
  }
}

/** Saves the file under its own name. */
export async function downloadDocument(doc: Pick<DocumentResponse, 'id' | 'filename' | 'title'>): Promise<void> {
  const blob = await fetchContent(doc.id);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = doc.filename ?? doc.title ?? 'document';
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

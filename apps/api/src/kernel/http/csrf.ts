import type { IncomingMessage } from 'node:http';
import { DomainError } from './domain-error.js';

/**
 * The header the web app sends with every request (apps/web/src/providers/http.ts). A page of
 * another site cannot add a custom header to a request to Lantern without a CORS preflight, which
 * Lantern never grants, so its presence shows the request came from Lantern's own pages.
 */
export const CLIENT_HEADER = 'x-lantern-client';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What an HTML form (or a "simple" cross-site fetch) can send without a preflight. Lantern's API reads
 * JSON only, so these are refused outright, whoever sends them, except on the one route that takes
 * files (below).
 */
const FORM_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * The routes that take `multipart/form-data`: the upload of a case document (issue 15,
 * features/documents/documents.controller.ts) and of a spreadsheet to import (issue 17,
 * workflows/imports/imports.controller.ts). Exactly these methods and paths, no query string. They
 * still need the signals below (a same-origin Origin, Sec-Fetch-Site: same-origin, or
 * X-Lantern-Client), which an HTML form of another site cannot give.
 */
export const UPLOAD_PATH = '/api/v1/documents';
export const IMPORT_UPLOAD_PATH = '/api/v1/imports';

/** Whether this request may carry a multipart body (configure-app.ts refuses one anywhere else, too). */
export function multipartAllowed(req: Pick<IncomingMessage, 'method' | 'url'>): boolean {
  return req.method === 'POST' && (req.url === UPLOAD_PATH || req.url === IMPORT_UPLOAD_PATH);
}

function first(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one?.split(',')[0]?.trim() || undefined;
}

/** The host the client addressed: behind a trusted proxy, the one it forwarded. */
function requestHost(req: IncomingMessage, trustProxy: boolean): string | undefined {
  return (trustProxy ? first(req.headers['x-forwarded-host']) : undefined) ?? first(req.headers.host);
}

/** Whether an Origin header names this very site (scheme http(s), same host and port). */
function isSameOrigin(origin: string, req: IncomingMessage, trustProxy: boolean): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // garbage
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const host = requestHost(req, trustProxy);
  // Compared by host and port: a TLS-terminating proxy may not tell Lantern the scheme the browser used.
  return !!host && url.host.toLowerCase() === host.toLowerCase();
}

/**
 * React-admin's stock REST client (`ra-data-simple-rest`) labels its DELETE `text/plain` with no body. That
 * is no form post (a form cannot send DELETE, and another site's DELETE needs a preflight whatever its
 * type), so the label alone is not refused; the signals below are still required.
 */
export function bodylessDelete(req: Pick<IncomingMessage, 'method' | 'headers'>): boolean {
  const length = req.headers['content-length'];
  return req.method === 'DELETE' && req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}

/**
 * Cross-site request forgery (issue 11, point 8): the session cookie is SameSite=Strict, and besides
 * that, every state-changing request must show it came from Lantern's own pages — a same-origin
 * `Origin`, or `Sec-Fetch-Site: same-origin`, or the web app's `X-Lantern-Client` header — and no
 * request may be a form post or text/plain. Body-less POSTs (logout, read-all, MFA off) included.
 * Returns the refusal, or null when the request may go on.
 */
export function csrfRefusal(req: IncomingMessage, trustProxy: boolean): DomainError | null {
  if (!STATE_CHANGING.has(req.method ?? '')) return null;
  // `Origin: null` says nothing either way: a browser sends it for its own POSTs under the page's
  // Referrer-Policy: no-referrer (as the Fetch standard has it), and a sandboxed frame sends it too. The
  // other signals decide then, and a page of another site can show none of them.
  const rawOrigin = first(req.headers.origin);
  const origin = rawOrigin === 'null' ? undefined : rawOrigin;
  const sameOrigin = origin !== undefined && isSameOrigin(origin, req, trustProxy);
  if (origin !== undefined && !sameOrigin) {
    return new DomainError('CSRF_REFUSED', 'This request came from another site (its Origin is not Lantern): it was refused');
  }
  const type = first(req.headers['content-type'])?.split(';')[0]?.trim().toLowerCase();
  if (type && FORM_TYPES.has(type) && !(type === 'multipart/form-data' && multipartAllowed(req)) && !bodylessDelete(req)) {
    return new DomainError('UNSUPPORTED_ENCODING', `Content-Type ${type} is not accepted (form posts are refused): send application/json`);
  }
  if (sameOrigin) return null;
  const site = first(req.headers['sec-fetch-site'])?.toLowerCase();
  if (site === 'same-origin') return null;
  if (site === 'cross-site' || site === 'same-site') {
    return new DomainError('CSRF_REFUSED', `This request came from another site (Sec-Fetch-Site: ${site}): it was refused`);
  }
  if (first(req.headers[CLIENT_HEADER])) return null;
  return new DomainError(
    'CSRF_REFUSED',
    'This request does not show it came from Lantern: send a same-origin Origin, Sec-Fetch-Site: same-origin, or the X-Lantern-Client header',
  );
}

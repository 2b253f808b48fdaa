import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A short plain token: letters, digits, `.`, `_`, `-`; at least 8 (a shorter one is too easy to collide). */
const TOKEN = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The caller's X-Request-Id when it is a UUID or a short plain token, else a fresh UUID. It is written
 * into log lines and audit rows (`audit_event.request_id`, 64 characters), so nothing else may pass:
 * no spaces, control characters, markup, percent-encoding or non-ASCII, nothing longer (issue 11).
 */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && (UUID.test(incoming) || TOKEN.test(incoming)) ? incoming : randomUUID();
}

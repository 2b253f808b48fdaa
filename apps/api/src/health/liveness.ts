import { createHash } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { StaticHeaders } from '../common/request-headers.js';
import { requestIdFor } from '../common/request-id.js';

/** What liveness answers: terminus's result for an empty list of checks. */
export const LIVE: HealthCheckResult = Object.freeze({ status: 'ok', info: {}, error: {}, details: {} });

/** Set by `@HealthCheck()` on the controller route. */
export const HEALTH_CACHE_CONTROL = 'no-cache, no-store, must-revalidate';

export interface LivenessHeaders {
  /** The security headers every response carries (helmet's, captured once). */
  security: StaticHeaders;
  /** The headers every /api response carries (no-store). */
  api: StaticHeaders;
}

/**
 * Answers `GET /api/health` in the HTTP server's request listener, before Express and Nest: the
 * liveness probe is polled by orchestrators and load balancers, and going through the framework
 * (router, guards, interceptors, serialization) made it cost ~20 times a bare Node answer.
 *
 * The answer is byte for byte what the Nest route (HealthController.live) sends: the same body, the
 * same security and cache headers, a request id, the same weak ETag. It holds no data and the route is
 * public, so the guards had nothing to decide. Only the exact form is answered here: any other method,
 * path spelling, query string or conditional request goes on to Express and the controller as before.
 */
export function answerLivenessFirst(server: Server, headers: LivenessHeaders): void {
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`expected one request listener (the Express app), found ${listeners.length}`);
  const framework = listeners[0]!;

  // A string body: Node sends it in one write with the head (a Buffer would take a writev of two).
  const body = JSON.stringify(LIVE);
  const final = new Map<string, [string, string]>();
  for (const [name, value] of [
    ...headers.security.set,
    ...headers.api.set,
    ['Cache-Control', HEALTH_CACHE_CONTROL],
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', String(Buffer.byteLength(body))],
    ['ETag', weakEtag(body)],
  ] as const) {
    final.set(name.toLowerCase(), [name, value]);
  }
  for (const name of [...headers.security.removed, ...headers.api.removed]) final.delete(name.toLowerCase());
  // X-Request-Id first, as the request-id middleware sets it; the rest in the order Express would.
  const template = ['X-Request-Id', '', ...[...final.values()].flat()];

  server.removeListener('request', framework);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (
      req.url === '/api/health' &&
      req.method === 'GET' &&
      req.headers['if-none-match'] === undefined &&
      req.headers['if-modified-since'] === undefined
    ) {
      const head = template.slice();
      head[1] = requestIdFor(req);
      res.writeHead(200, head);
      res.end(body);
      return;
    }
    framework(req, res);
  });
}

/** Express's default ETag (the `etag` package, weak): length and SHA-1 of the body. */
function weakEtag(body: string): string {
  const hash = createHash('sha1').update(body, 'utf8').digest('base64').substring(0, 27);
  return `W/"${Buffer.byteLength(body).toString(16)}-${hash}"`;
}

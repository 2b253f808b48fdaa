import type { IncomingMessage, ServerResponse } from 'node:http';

export interface StaticHeaders {
  /** In the order the middleware set them. */
  readonly set: ReadonlyArray<readonly [name: string, value: string]>;
  /** Headers it removes (helmet removes X-Powered-By). */
  readonly removed: readonly string[];
}

type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers a header-only middleware (helmet) sets, worked out once at start-up so every response
 * gets them from one loop instead of a chain of a dozen middlewares re-deriving the same strings.
 *
 * Refuses (throws at start-up) a middleware whose headers could depend on the request: one that
 * does anything but set or remove headers, does not finish synchronously, or sets different values
 * for two different requests (a CSP nonce, say). Such a middleware must stay a per-request middleware.
 */
export function captureStaticHeaders(middleware: HeaderMiddleware): StaticHeaders {
  const run = (url: string, method: string) => {
    const headers = new Map<string, string>();
    const removed = new Set<string>();
    let done = false;
    const res = {
      locals: {},
      setHeader(name: string, value: unknown) {
        if (typeof value !== 'string') throw new Error(`${name}: only string header values can be captured`);
        headers.set(name, value);
        removed.delete(name.toLowerCase());
        return res;
      },
      removeHeader(name: string) {
        headers.delete(name);
        removed.add(name.toLowerCase());
      },
    };
    const req = { url, originalUrl: url, method, headers: { host: 'capture.invalid' }, socket: {} };
    middleware(req as unknown as IncomingMessage, res as unknown as ServerResponse, (error?: unknown) => {
      if (error) throw error instanceof Error ? error : new Error(String(error));
      done = true;
    });
    if (!done) throw new Error('header middleware did not finish synchronously: it cannot be captured');
    return { set: [...headers], removed: [...removed] };
  };
  const first = run('/api/v1/capture', 'GET');
  const second = run('/other?x=1', 'POST');
  if (JSON.stringify(first) !== JSON.stringify(second)) throw new Error('header middleware depends on the request: it cannot be captured');
  return first;
}

/** Does to a response what the captured middleware would have done. */
export function applyStaticHeaders(res: ServerResponse, headers: StaticHeaders): void {
  for (const name of headers.removed) res.removeHeader(name);
  for (const [name, value] of headers.set) res.setHeader(name, value);
}

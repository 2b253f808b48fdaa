import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Lifecycle } from './lifecycle.service.js';

export const DRAIN_MILLIS = 25_000;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export interface Drain {
  draining: boolean;
  /** Responses of the requests being served. */
  inFlight: Set<ServerResponse>;
  /** When the last request in flight ended (or the gate was installed); null while one is in flight. */
  idleSince: number | null;
}

const drains = new WeakMap<Server, Drain>();

const REFUSAL = JSON.stringify({
  type: 'https://lantern.invalid/problems/service-unavailable',
  title: 'Service Unavailable',
  status: 503,
  detail: 'This Lantern instance is shutting down. Try again in a moment.',
  message: 'This Lantern instance is shutting down. Try again in a moment.',
  code: 'SERVICE_UNAVAILABLE',
});

/**
 * Puts the server's request handling behind a gate that counts requests in flight and, once draining,
 * refuses new ones (a client on a kept-alive connection keeps sending after SIGTERM): `503` with
 * `Connection: close` and `Retry-After`, so the client reconnects to another instance. main.ts calls it
 * once listening; `gracefulShutdown` calls it too (from then on) when it was not.
 */
export function trackRequests(server: Server): Drain {
  const known = drains.get(server);
  if (known) return known;
  const drain: Drain = { draining: false, inFlight: new Set(), idleSince: Date.now() };
  drains.set(server, drain);
  const listeners = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  // One listener for every response of this server (a response closes once), not a closure per request.
  function ended(this: ServerResponse): void {
    drain.inFlight.delete(this);
    if (drain.inFlight.size === 0) drain.idleSince = Date.now();
    // Its connection is idle now: close it at once rather than at the keep-alive timeout.
    if (drain.draining) setImmediate(() => server.closeIdleConnections());
  }
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (drain.draining) {
      res.writeHead(503, {
        'Content-Type': 'application/problem+json',
        'Content-Length': Buffer.byteLength(REFUSAL),
        Connection: 'close',
        'Retry-After': '1',
        'Cache-Control': 'no-store',
      });
      res.end(REFUSAL);
      return;
    }
    drain.inFlight.add(res);
    drain.idleSince = null;
    res.on('close', ended);
    for (const listener of listeners) listener.call(server, req, res);
  });
  return drain;
}

/**
 * docs/operations.md, graceful shutdown: readiness fails first (the load balancer stops sending); the
 * server stops accepting connections and closes idle ones at once; new requests on kept-alive
 * connections get 503 with `Connection: close`; requests in flight finish (each answer closes its
 * connection), and the app closes as soon as the last one has ended, or after `drainMillis` at most.
 */
export async function gracefulShutdown(app: INestApplication, server: Server, drainMillis = DRAIN_MILLIS): Promise<void> {
  app.get(Lifecycle).startDraining();
  const drain = trackRequests(server);
  drain.draining = true;
  for (const res of drain.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), drainMillis);
    force.unref();
    // Requests that began before the gate was installed are not counted: sweep their connections as they go idle.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    sweep.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
  await app.close();
}

import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Lifecycle } from './lifecycle.service.js';

export const DRAIN_MILLIS = 25_000;

/**
 * docs/security-model.md, shutdown: readiness fails first (the load balancer stops sending), the server stops
 * accepting connections, requests in flight finish (at most `drainMillis`), then the app closes.
 */
export async function gracefulShutdown(app: INestApplication, server: Server, drainMillis = DRAIN_MILLIS): Promise<void> {
  app.get(Lifecycle).startDraining();
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), drainMillis);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
  await app.close();
}

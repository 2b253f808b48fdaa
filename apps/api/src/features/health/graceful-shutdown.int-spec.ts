import type { AddressInfo } from 'node:net';
import { createOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../testing/fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { gracefulShutdown } from './graceful-shutdown.js';

describe('graceful shutdown', () => {
  let t: TestApp;
  let org: OrgFixture;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrgFixture(t.dataSource);
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
  });

  it('lets 20 requests in flight finish, refuses new work, and closes', async () => {
    const base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    let received = 0;
    t.http.on('request', () => received++);
    // Sign-ins are the slowest requests (an Argon2id verification each), so these are truly in flight.
    const inFlight = Array.from({ length: 20 }, (_, i) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.77.0.${i}` },
        body: JSON.stringify({ email: org.caseworker.email, password: FIXTURE_PASSWORD }),
      }).then((r) => r.status),
    );
    // SIGTERM arrives once the server holds all 20.
    while (received < 20) await new Promise((r) => setTimeout(r, 5));
    const closing = gracefulShutdown(t.app, t.http, 20_000);
    const statuses = await Promise.all(inFlight);
    expect(statuses).toEqual(Array(20).fill(200));
    await closing;
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  });
});

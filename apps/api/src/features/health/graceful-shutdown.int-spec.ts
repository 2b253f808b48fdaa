import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../testing/fixtures.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { gracefulShutdown, trackRequests } from './graceful-shutdown.js';

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
        headers: { 'content-type': 'application/json', 'x-lantern-client': 'web', 'x-forwarded-for': `10.77.0.${i}` },
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

describe('graceful shutdown under continuous traffic', () => {
  it('accepts no new request once draining, finishes those in flight, and closes as soon as the last has ended', async () => {
    const t = await createTestApp();
    const org = await createOrgFixture(t.dataSource);
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    trackRequests(t.http);
    const port = (t.http.address() as AddressInfo).port;
    let logins = 0;
    t.http.on('request', (req: IncomingMessage) => {
      if (req.url?.endsWith('/auth/login')) logins++;
    });

    // Four clients, each on its own kept-alive connection, send requests back to back.
    type Result = { sentAt: number; status: number; connection?: string };
    const results: Result[] = [];
    const send = (agent: Agent, method: string, path: string, body?: string, ip?: string) =>
      new Promise<Result>((resolve) => {
        const sentAt = performance.now();
        const headers: Record<string, string> = body ? { 'content-type': 'application/json', 'x-forwarded-for': ip ?? '10.78.0.1', 'x-lantern-client': 'test' } : {};
        const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve({ sentAt, status: res.statusCode ?? 0, connection: res.headers.connection }));
        });
        req.on('error', () => resolve({ sentAt, status: 0 }));
        req.end(body);
      });
    let stop = false;
    const loops = Array.from({ length: 4 }, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      while (!stop) {
        const result = await send(agent, 'GET', '/api/health');
        results.push(result);
        if (result.status === 0) await new Promise((r) => setTimeout(r, 5));
      }
      agent.destroy();
    });
    // Sign-ins (an Argon2id verification each) are in flight when the drain starts.
    const credentials = JSON.stringify({ email: org.caseworker.email, password: FIXTURE_PASSWORD });
    const inFlight = Array.from({ length: 6 }, (_, i) => send(new Agent({ keepAlive: true }), 'POST', '/api/v1/auth/login', credentials, `10.78.1.${i}`));
    while (logins < 6 || results.length < 20) await new Promise((r) => setTimeout(r, 5));

    const drainStart = performance.now();
    const closing = gracefulShutdown(t.app, t.http, 60_000);
    const signIns = await Promise.all(inFlight);
    const lastEnded = performance.now();
    await closing;
    const closedAfter = performance.now() - lastEnded;
    stop = true;
    await Promise.all(loops);

    expect(signIns.map((r) => r.status)).toEqual(Array(6).fill(200));
    // Their answers told the clients not to reuse the connection.
    expect(signIns.map((r) => r.connection)).toEqual(Array(6).fill('close'));
    // Nothing sent after the drain began was served: refused (503, Connection: close) or not connected.
    const late = results.filter((r) => r.sentAt > drainStart);
    expect(late.length).toBeGreaterThan(0);
    for (const r of late) expect(r.status === 0 || (r.status === 503 && r.connection === 'close')).toBe(true);
    // Closed as soon as the last request ended, nowhere near the 60 s cap.
    expect(closedAfter).toBeLessThan(30_000);
  });
});

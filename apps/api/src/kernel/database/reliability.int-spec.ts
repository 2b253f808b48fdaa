import request from 'supertest';
import type { DatabaseTarget } from './data-source-options.js';
import { withOrgWorld } from '../../testing/builders.js';
import { createOrgFixture, signIn, api, type OrgFixture } from '../../testing/fixtures.js';
import { TcpProxy } from '../../testing/tcp-proxy.js';
import { createTestApp, testDatabase, type TestApp } from '../../testing/test-app.js';

function through(proxy: TcpProxy, target: DatabaseTarget): DatabaseTarget {
  if (target.kind === 'embedded') return { ...target, host: '127.0.0.1', port: proxy.port };
  const url = new URL(target.url);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return { kind: 'server', url: url.toString() };
}

function endpoint(target: DatabaseTarget): [string, number] {
  if (target.kind === 'embedded') return [target.host, target.port];
  const url = new URL(target.url);
  return [url.hostname, Number(url.port || 5432)];
}

describe('when the database goes away', () => {
  let t: TestApp;
  let org: OrgFixture;
  let proxy: TcpProxy;

  beforeAll(async () => {
    const direct = testDatabase();
    proxy = new TcpProxy(...endpoint(direct));
    await proxy.start();
    t = await createTestApp({ target: through(proxy, direct) });
    org = await createOrgFixture(t.dataSource);
  });
  afterAll(async () => {
    await t.close();
    await proxy.cut();
  });

  it('answers 503 fast, keeps liveness up, fails readiness, and recovers by itself', async () => {
    const coordinator = await signIn(t, org.coordinator);
    await coordinator.get(api('/partner-orgs')).expect(200);

    await proxy.cut();
    const started = Date.now();
    const down = await coordinator.get(api('/partner-orgs'));
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(down.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(JSON.stringify(down.body)).not.toMatch(/ECONN|127\.0\.0\.1|at /);
    expect(Date.now() - started).toBeLessThan(5_000);
    await request(t.http).get('/api/health').expect(200);
    await request(t.http).get('/api/ready').expect(503);
    const write = await coordinator.post(api('/auth/logout'));
    expect(write.status).toBe(503);

    await proxy.restore();
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = (await coordinator.get(api('/partner-orgs'))).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    await request(t.http).get('/api/ready').expect(200);
  });
});

describe('when every pooled connection is busy', () => {
  const { t, org } = withOrgWorld([]);

  it('answers 503 within the connection timeout instead of hanging, and liveness stays up', async () => {
    const coordinator = await signIn(t, org.coordinator);
    const poolSize = testDatabase().kind === 'embedded' ? 1 : 10;
    const held = await Promise.all(
      Array.from({ length: poolSize }, async () => {
        const runner = t.dataSource.createQueryRunner();
        await runner.connect();
        return runner;
      }),
    );
    try {
      const started = Date.now();
      const res = await coordinator.get(api('/partner-orgs'));
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(5_000);
      await request(t.http).get('/api/health').expect(200);
    } finally {
      await Promise.all(held.map((r) => r.release()));
    }
    await coordinator.get(api('/partner-orgs')).expect(200);
  });
});

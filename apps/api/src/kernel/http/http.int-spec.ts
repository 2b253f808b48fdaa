import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { withOrgWorld } from '../../testing/builders.js';
import { signIn, api } from '../../testing/fixtures.js';

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}
interface OpenApi {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, { properties?: Record<string, { type?: string; items?: unknown }> }> };
}

describe('HTTP conventions', () => {
  const { t, org } = withOrgWorld([], { config: { apiDocs: true } });

  it('sends the security headers on every kind of response', async () => {
    const admin = await signIn(t, org.admin);
    const responses = [
      await request(t.http).get('/api/health'),
      await request(t.http).get(api('/partner-orgs')),
      await admin.get(api('/partner-orgs')),
      await admin.get(api('/no-such-route')),
      await admin.post(api('/partner-orgs')).send({}),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 401, 200, 404, 400]);
    for (const res of responses) {
      expect(res.headers['cache-control']).toMatch(/no-store/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=(\d+)/);
      expect(Number(/max-age=(\d+)/.exec(res.headers['strict-transport-security'])![1])).toBeGreaterThanOrEqual(31_536_000);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('serves OpenAPI at /api/openapi.json and the docs UI at /api/docs', async () => {
    const spec = await request(t.http).get('/api/openapi.json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/api/v1/partner-orgs', '/api/v1/auth/login', '/api/health']));
    const docs = await request(t.http).get('/api/docs/').redirects(1);
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
  });

  it('liveness does not touch the database; readiness does', async () => {
    await request(t.http).get('/api/health').expect(200);
    const ready = await request(t.http).get('/api/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('keeps every log line one JSON object whatever the input, and never logs bodies or query strings', async () => {
    const nasty = 'Maria\n{"level":60,"msg":"forged"}\u001b[31m"quoted"\r\n';
    const admin = await signIn(t, org.admin);
    const before = t.logs.length;
    await admin.get(api('/partner-orgs')).query({ filter: JSON.stringify({ q: nasty }) });
    await admin.post(api('/partner-orgs')).send({ name: nasty, serviceTypes: ['housing'] });
    await request(t.http).get(`/api/v1/${encodeURIComponent(nasty)}`);
    await request(t.http).post(api('/auth/login')).send({ email: 'maria@example.test', password: nasty });
    const lines = t.logs.slice(before);
    expect(lines.length).toBeGreaterThan(0);
    const routes = lines.map((l) => (JSON.parse(l) as { route?: string }).route).filter(Boolean);
    expect(routes).toEqual(expect.arrayContaining(['/api/v1/partner-orgs', '/api/v1/auth/login', '(unmatched)']));
    for (const line of lines) {
      const parsed = JSON.parse(line) as { msg?: string };
      expect(parsed.msg).not.toBe('forged');
      expect(line).not.toContain('Maria');
      expect(line).not.toContain('maria@example.test');
      expect(line).not.toContain('\u001b');
    }
  });

  it('fuzzes every write operation of the OpenAPI document without a 5xx or a stack trace', async () => {
    // Hundreds of requests: generous time on a busy CI machine.
    const admin = await signIn(t, org.admin);
    const spec = (await request(t.http).get('/api/openapi.json').expect(200)).body as OpenApi;
    const hostile: unknown[] = [
      null,
      [],
      'text',
      42,
      { __proto__: { polluted: true } },
      { constructor: { prototype: { polluted: true } } },
    ];
    const weird = ['', 'x'.repeat(100_000), '\u0000', '\ud800', '{{7*7}}', "'; DROP TABLE app_user; --", -1, 1e308, true, [], {}, null];
    let calls = 0;
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!['post', 'put', 'patch'].includes(method)) continue;
        if (path.includes('logout') || path.includes('mfa/disable')) continue;
        const url = path.replace('{id}', org.partnerOrg2.id);
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        const properties = ref ? Object.keys(spec.components.schemas[ref.split('/').pop()!]?.properties ?? {}) : [];
        const bodies: unknown[] = [...hostile];
        for (const property of properties) for (const value of weird) bodies.push({ [property]: value, version: 1 });
        for (const body of bodies) {
          const raw = typeof body === 'object' && body !== null && !Array.isArray(body) ? JSON.stringify(body).replace('"constructor"', '"constructor"') : JSON.stringify(body);
          const res = await admin[method as 'post'](url).set('Content-Type', 'application/json').send(raw ?? 'null');
          calls++;
          expect([method, path, String(raw).slice(0, 80), res.status < 500]).toEqual([method, path, String(raw).slice(0, 80), true]);
          expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules|QueryFailedError|SELECT |INSERT /);
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 180_000);

  it('rejects a body over 100 kB with 413', async () => {
    const admin = await signIn(t, org.admin);
    const res = await admin.post(api('/partner-orgs')).send({ name: 'x'.repeat(200_000), serviceTypes: ['housing'] });
    expect(res.status).toBe(413);
  });

  it('does not inflate a compressed request body: it is refused as malformed, never parsed past the limit', async () => {
    const admin = await signIn(t, org.admin);
    const body = gzipSync(Buffer.from(JSON.stringify({ name: 'x'.repeat(150_000), serviceTypes: ['housing'] })));
    expect(body.length).toBeLessThan(100 * 1024);
    const res = await admin.post(api('/partner-orgs')).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip')
      // The gzip bytes as they are (supertest would otherwise write a Buffer out as JSON).
      .serialize((data: Buffer) => data as never)
      .send(body);
    expect(res.status).toBe(400);
    expect((res.body as { code: string }).code).toBe('MALFORMED_BODY');
    expect(JSON.stringify(res.body)).not.toMatch(/stack|at \w+ \(/);
  });
});

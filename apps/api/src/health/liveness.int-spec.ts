import request from 'supertest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

/** The plain liveness probe is answered before Express (liveness.ts); it must not differ from the Nest route. */
describe('liveness answered before the framework', () => {
  let t: TestApp;
  /** Express's entry point: `app(req, res)` calls `app.handle(req, res)`. */
  let framework: { handle: (...args: unknown[]) => void };

  beforeAll(async () => {
    t = await createTestApp();
    framework = t.app.getHttpAdapter().getInstance() as typeof framework;
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const withoutPerRequest = (headers: Record<string, string>) => {
    const { date: _date, 'x-request-id': _id, ...rest } = headers;
    return rest;
  };

  it('sends exactly what the Nest route sends: body, status, headers and their order', async () => {
    const handle = jest.spyOn(framework, 'handle');
    const fast = await request(t.http).get('/api/health').expect(200);
    expect(handle).not.toHaveBeenCalled();
    const nest = await request(t.http).get('/api/health?via=nest').expect(200);
    expect(handle).toHaveBeenCalledTimes(1);

    expect(fast.text).toBe('{"status":"ok","info":{},"error":{},"details":{}}');
    expect(fast.text).toBe(nest.text);
    expect(withoutPerRequest(fast.headers)).toEqual(withoutPerRequest(nest.headers));
    expect(Object.keys(fast.headers)).toEqual(Object.keys(nest.headers));
    expect(fast.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    expect(fast.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(fast.headers.etag).toMatch(/^W\/"31-/);
  });

  it('gives each answer a request id like every route: a plain token is kept, anything else replaced', async () => {
    const kept = await request(t.http).get('/api/health').set('X-Request-Id', 'probe-0001.a_b').expect(200);
    expect(kept.headers['x-request-id']).toBe('probe-0001.a_b');
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(65), '{"level":60}']) {
      const res = await request(t.http).get('/api/health').set('X-Request-Id', bad).expect(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    const a = await request(t.http).get('/api/health');
    const b = await request(t.http).get('/api/health');
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('leaves every other form to Express and Nest', async () => {
    const handle = jest.spyOn(framework, 'handle');
    const fast = await request(t.http).get('/api/health').expect(200);
    // A conditional request gets Express's 304; HEAD, a trailing slash and other casing reach the route.
    await request(t.http).get('/api/health').set('If-None-Match', fast.headers.etag!).expect(304);
    const head = await request(t.http).head('/api/health').expect(200);
    expect(head.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    await request(t.http).get('/api/health/').expect(200);
    await request(t.http).get('/API/Health').expect(200);
    const post = await request(t.http).post('/api/health').send({}).expect(404);
    expect(post.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(post.headers['content-security-policy']).toBe(fast.headers['content-security-policy']);
    expect(handle).toHaveBeenCalledTimes(5);
  });

  it('is not in the access log, as before', async () => {
    const before = t.logs.length;
    await request(t.http).get('/api/health').expect(200);
    await request(t.http).get('/api/ready').expect(200);
    expect(t.logs.slice(before)).toEqual([]);
  });
});

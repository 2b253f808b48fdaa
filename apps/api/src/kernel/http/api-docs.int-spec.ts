import request from 'supertest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

/** Issue 11, point 9: `/api/docs` was public in production. */
describe('the API documentation', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });
  const app = async (config: Parameters<typeof createTestApp>[0]) => {
    const t = await createTestApp(config);
    apps.push(t);
    return t;
  };

  it('is off when NODE_ENV=production', async () => {
    const t = await app({ config: { env: 'production', demo: false, apiDocs: false } });
    await request(t.http).get('/api/openapi.json').expect(404);
    const docs = await request(t.http).get('/api/docs/').redirects(1);
    expect(docs.status).toBe(404);
    expect(docs.text).not.toMatch(/swagger/i);
  });

  it('is on in production only with LANTERN_API_DOCS=true', async () => {
    const t = await app({ config: { env: 'production', demo: false, apiDocs: true } });
    await request(t.http).get('/api/openapi.json').expect(200);
  });

  it('is on in development and tests', async () => {
    const t = await app({ config: { env: 'development', apiDocs: undefined } });
    await request(t.http).get('/api/openapi.json').expect(200);
  });

  it('follows NODE_ENV when the setting is absent', async () => {
    const t = await app({ config: { env: 'production', demo: false, apiDocs: undefined } });
    await request(t.http).get('/api/openapi.json').expect(404);
  });
});

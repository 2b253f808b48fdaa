import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { api, createOrgFixture, signIn } from './testing/fixtures.js';
import { createTestApp, type TestApp } from './testing/test-app.js';

/**
 * How the web app and the API's answers travel (issue 13, weight): compressed when the client accepts
 * it, hashed assets cached for a year, the page itself and every API answer never cached.
 */
describe('web delivery', () => {
  let t: TestApp;
  let dist: string;
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word-${i}`))};\n`;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'lantern-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), `<!doctype html><html lang="en"><title>Lantern</title><body>${'<!-- padding -->'.repeat(100)}</body></html>`);
    writeFileSync(join(dist, 'assets', 'index-3f2a1b.js'), script);
    t = await createTestApp({ config: { webDist: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const server = () => t.app.getHttpServer();

  it('sends hashed assets compressed (brotli or gzip, as asked) and cacheable for a year', async () => {
    const br = await request(server()).get('/assets/index-3f2a1b.js').set('Accept-Encoding', 'br').expect(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);

    const gzip = await request(server()).get('/assets/index-3f2a1b.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(script);

    const plain = await request(server()).get('/assets/index-3f2a1b.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(script));
  });

  it('sends the page compressed but never cached, for any in-app path', async () => {
    const page = await request(server()).get('/cases').set('Accept-Encoding', 'gzip').expect(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text).toContain('<title>Lantern</title>');
  });

  it('compresses JSON answers of 1 kB or more, leaves small ones alone, and never lets them be cached', async () => {
    const org = await createOrgFixture(t.dataSource);
    const admin = await signIn(t, org.admin);
    const me = await admin.get(api('/auth/me')).set('Accept-Encoding', 'gzip').expect(200);
    expect(me.headers['content-encoding']).toBe('gzip');
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.body.user.id).toBe(org.admin.id);

    const health = await request(server()).get('/api/health').set('Accept-Encoding', 'gzip').expect(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});

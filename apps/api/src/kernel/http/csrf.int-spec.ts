import request from 'supertest';
import { withOrgWorld } from '../../testing/builders.js';
import { api, freshIp, signIn, FIXTURE_PASSWORD } from '../../testing/fixtures.js';
import { bare } from '../../testing/web-client.js';

/**
 * Issue 11, point 8: logout, `notifications/read-all` and `auth/mfa/disable` accepted a foreign Origin
 * with text/plain; SameSite=Strict was the only barrier. Every state-changing request must now show it
 * came from Lantern's own pages, and form posts are refused.
 */
describe('CSRF: state-changing requests come from Lantern or not at all', () => {
  const { t, org } = withOrgWorld([]);

  const HOST = 'lantern.example.org';
  const BODYLESS = ['/auth/logout', '/notifications/read-all', '/auth/mfa/disable'];

  /** A signed-in agent whose requests say nothing of where they come from (no Origin, no header). */
  const session = () => signIn(t, org.caseworker);

  it.each(BODYLESS)('POST %s with a foreign Origin and text/plain is refused, and does nothing', async (path) => {
    const agent = await session();
    const res = await agent.post(api(path)).set('Host', HOST).set('Origin', 'https://evil.example').set('Content-Type', 'text/plain').send('x');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_REFUSED');
    expect(res.body.message).toMatch(/another site/);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    await agent.get(api('/auth/me')).expect(200);
  });

  it.each(BODYLESS)('POST %s without Origin, Sec-Fetch-Site or the web app header is refused', async (path) => {
    const agent = await session();
    const res = await bare(agent.post(api(path)));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_REFUSED');
    expect(res.body.message).toMatch(/X-Lantern-Client/);
    await agent.get(api('/auth/me')).expect(200);
  });

  it.each([
    ['text/plain', 'text/plain', '{"version":1}'],
    ['a form post', 'application/x-www-form-urlencoded', 'version=1'],
    ['a multipart form post', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n'],
  ])('%s is refused with 415 naming the content type, even from Lantern', async (_label, type, body) => {
    const agent = await session();
    const res = await agent.post(api('/notifications/read-all')).set('Host', HOST).set('Origin', `https://${HOST}`).set('Content-Type', type).send(body);
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_ENCODING');
    expect(res.body.message).toContain(type.split(';')[0]);
  });

  it('a body-less DELETE labelled text/plain (react-admin\'s stock client) goes on from Lantern; from elsewhere, or with a body, it is refused', async () => {
    const agent = await session();
    const path = api('/auth/sessions/00000000-0000-4000-8000-000000000000');
    const fromLantern = await bare(agent.delete(path).set('Host', HOST).set('Origin', `https://${HOST}`).set('Content-Type', 'text/plain'));
    expect([fromLantern.status, fromLantern.body.code]).toEqual([404, 'NOT_FOUND']);
    const foreign = await bare(agent.delete(path).set('Host', HOST).set('Origin', 'https://evil.example').set('Content-Type', 'text/plain'));
    expect([foreign.status, foreign.body.code]).toEqual([403, 'CSRF_REFUSED']);
    const unsigned = await bare(agent.delete(path).set('Host', HOST).set('Content-Type', 'text/plain'));
    expect([unsigned.status, unsigned.body.code]).toEqual([403, 'CSRF_REFUSED']);
    const withBody = await bare(agent.delete(path).set('Host', HOST).set('Origin', `https://${HOST}`).set('Content-Type', 'text/plain').send('{"x":1}'));
    expect([withBody.status, withBody.body.code]).toEqual([415, 'UNSUPPORTED_ENCODING']);
  });

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }],
    ['Origin: null (a sandboxed frame) and nothing else', { Origin: 'null' }],
    ['Origin: null with Sec-Fetch-Site: cross-site', { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' }],
    ['an Origin on another port', { Origin: `https://${HOST}:8443` }],
    ['a foreign Origin even with the web app header', { Origin: 'https://evil.example', 'X-Lantern-Client': 'web' }],
  ])('%s is refused', async (_label, headers) => {
    const agent = await session();
    const res = await agent.post(api('/notifications/read-all')).set('Host', HOST).set(headers);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_REFUSED');
  });

  it.each([
    ['a same-origin Origin', { Origin: `https://${HOST}` }],
    ['a same-origin Origin over plain http', { Origin: `http://${HOST}` }],
    ['Sec-Fetch-Site: same-origin', { 'Sec-Fetch-Site': 'same-origin' }],
    ['Origin: null with Sec-Fetch-Site: same-origin (a page under Referrer-Policy: no-referrer)', { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' }],
    ['Origin: null with the web app header', { Origin: 'null', 'X-Lantern-Client': 'web' }],
    ['the web app header', { 'X-Lantern-Client': 'web' }],
  ])('%s is accepted', async (_label, headers) => {
    const agent = await session();
    await bare(agent.post(api('/notifications/read-all')).set('Host', HOST).set(headers)).expect(200);
    await bare(agent.post(api('/auth/step-up')).set('Host', HOST).set(headers)).send({ password: FIXTURE_PASSWORD }).expect(204);
  });

  it('every method that changes state is checked; reads are not', async () => {
    const agent = await session();
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const res = await bare(agent[method](api('/auth/sessions/00000000-0000-4000-8000-000000000000')));
      expect([method, res.status, res.body.code]).toEqual([method, 403, 'CSRF_REFUSED']);
    }
    await bare(agent.get(api('/auth/me'))).expect(200);
  });

  it('sign-in itself (login CSRF): a bare or cross-site POST is refused, the web app’s is accepted', async () => {
    const body = { email: org.analyst.email, password: FIXTURE_PASSWORD };
    await bare(request(t.http).post(api('/auth/login')).set('X-Forwarded-For', freshIp())).send(body).expect(403);
    await request(t.http).post(api('/auth/login')).set('X-Forwarded-For', freshIp()).set('Origin', 'https://evil.example').send(body).expect(403);
    await request(t.http).post(api('/auth/login')).set('X-Forwarded-For', freshIp()).send(body).expect(200);
  });

  it('behind a trusted proxy, Origin is compared with the host the browser addressed (X-Forwarded-Host)', async () => {
    const agent = await session();
    await bare(agent.post(api('/notifications/read-all')).set('Host', 'api-internal:3000').set('X-Forwarded-Host', HOST).set('Origin', `https://${HOST}`)).expect(200);
    await bare(agent.post(api('/notifications/read-all')).set('Host', 'api-internal:3000').set('X-Forwarded-Host', HOST).set('Origin', 'https://api-internal:3000'))
      .expect(403);
  });
  describe('multipart/form-data: only for the upload of a document (POST /documents), with the same signals', () => {
    const form = '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\nlegal\r\n--x--\r\n';
    const type = 'multipart/form-data; boundary=x';

    it('from another site, or with no sign of Lantern, it is refused as any other change', async () => {
      const agent = await session();
      const foreign = await agent.post(api('/documents')).set('Host', HOST).set('Origin', 'https://evil.example').set('Content-Type', type).send(form);
      expect([foreign.status, foreign.body.code]).toEqual([403, 'CSRF_REFUSED']);
      const naked = await bare(agent.post(api('/documents')).set('Content-Type', type)).send(form);
      expect([naked.status, naked.body.code]).toEqual([403, 'CSRF_REFUSED']);
      const crossSite = await bare(agent.post(api('/documents')).set('Sec-Fetch-Site', 'cross-site').set('Content-Type', type)).send(form);
      expect([crossSite.status, crossSite.body.code]).toEqual([403, 'CSRF_REFUSED']);
    });

    it('anywhere else it is still 415: another path, a query string, another method', async () => {
      const agent = await session();
      for (const call of [
        agent.post(api('/case-notes')),
        agent.post(api('/documents?caseId=x')),
        agent.put(api('/documents')),
        agent.post(api('/documents/00000000-0000-4000-8000-000000000000')),
      ]) {
        const res = await call.set('Host', HOST).set('Origin', `https://${HOST}`).set('Content-Type', type).send(form);
        expect([res.status, res.body.code]).toEqual([415, 'UNSUPPORTED_ENCODING']);
      }
    });

    it('from Lantern it reaches the upload, which names what is wrong with the form', async () => {
      const agent = await session();
      for (const headers of [{ Origin: `https://${HOST}` }, { 'Sec-Fetch-Site': 'same-origin' }, { 'X-Lantern-Client': 'web' }]) {
        const res = await bare(agent.post(api('/documents')).set('Host', HOST).set(headers).set('Content-Type', type)).send(form);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });
});

import request from 'supertest';
import { withOrgWorld } from '../../testing/builders.js';
import { api, signIn } from '../../testing/fixtures.js';

interface AccessLine {
  level: number;
  service: string;
  msg: string;
  req: Record<string, unknown>;
  res: Record<string, unknown>;
  responseTime: number;
  route: string;
  recordId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('access log', () => {
  const { t, org } = withOrgWorld([]);

  const linesOf = (requestId: string) =>
    t.logs.map((l) => JSON.parse(l) as AccessLine).filter((l) => l.req?.id === requestId && l.msg === 'request completed');

  it('has one line per request: request id, method, route pattern, record id, status, time; never the path or query', async () => {
    const admin = await signIn(t, org.admin);
    const before = t.logs.length;
    const id = org.partnerOrg2.id;
    const res = await admin
      .get(api(`/partner-orgs/${id}`))
      .query({ q: 'Zyxquery', filter: '{"name":"Zyxfilter"}' })
      .set('X-Request-Id', 'trace-0001-abc')
      .expect(200);
    expect(res.headers['x-request-id']).toBe('trace-0001-abc');

    const lines = linesOf('trace-0001-abc');
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      level: 30,
      service: 'lantern-api',
      req: { id: 'trace-0001-abc', method: 'GET' },
      res: { statusCode: 200 },
      route: '/api/v1/partner-orgs/:id',
      recordId: id,
    });
    expect(Object.keys(line.req)).toEqual(['id', 'method']);
    expect(Object.keys(line.res)).toEqual(['statusCode']);
    expect(typeof line.responseTime).toBe('number');
    const written = t.logs.slice(before).join('\n');
    for (const leak of ['Zyxquery', 'Zyxfilter', '?q=', 'partner-orgs/' + id, 'cookie', 'lantern_sid']) expect(written).not.toContain(leak);
  });

  it('logs a generated id when the caller sends none or one that is not a plain token', async () => {
    for (const sent of [undefined, 'short', 'two words here']) {
      const call = request(t.http).get(api('/partner-orgs'));
      const res = await (sent ? call.set('X-Request-Id', sent) : call).expect(401);
      const id = res.headers['x-request-id'] as string;
      expect(id).toMatch(UUID);
      expect(linesOf(id)).toEqual([expect.objectContaining({ level: 40, route: '/api/v1/partner-orgs', res: { statusCode: 401 } })]);
    }
  });

  it('logs requests refused before routing (a body that is not JSON, an unknown path) as unmatched', async () => {
    const malformed = await request(t.http).post(api('/auth/login')).set('Content-Type', 'application/json').send('{"email": "Zyxbody');
    expect(malformed.status).toBe(400);
    expect(linesOf(malformed.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({ level: 40, route: '(unmatched)', res: { statusCode: 400 } }),
    ]);
    const unknown = await request(t.http).get('/api/v1/Zyxpath/nowhere').expect(404);
    expect(linesOf(unknown.headers['x-request-id'] as string)).toEqual([expect.objectContaining({ route: '(unmatched)' })]);
    expect(t.logs.join('\n')).not.toContain('Zyx');
  });
});

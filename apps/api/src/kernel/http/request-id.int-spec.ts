import request from 'supertest';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { withOrgWorld } from '../../testing/builders.js';
import { api, freshIp } from '../../testing/fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Issue 11, point 9: the client's X-Request-Id was written into audit rows as given. */
describe('X-Request-Id hygiene', () => {
  const { t, org } = withOrgWorld([]);

  /** A failed sign-in: it writes an audit row carrying the request id. */
  const failedLogin = (requestId: string) =>
    request(t.http)
      .post(api('/auth/login'))
      .set('X-Forwarded-For', freshIp())
      .set('X-Request-Id', requestId)
      .send({ email: org.analyst.email, password: 'not the password at all' })
      .expect(401);

  const auditedIds = async (userId: string) =>
    (await t.dataSource.getRepository(AuditEvent).find({ where: { subjectId: userId, action: 'login_failed' } })).map((r) => r.requestId);

  it.each([
    ['a UUID', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['an upper-case UUID', '0F8FAD5B-D9CB-469F-A165-70867728950E'],
    ['a short token', 'trace-0001.abc_DEF'],
    ['64 characters', 'a'.repeat(64)],
  ])('keeps %s, in the answer and the audit row', async (_label, id) => {
    const res = await failedLogin(id);
    expect(res.headers['x-request-id']).toBe(id);
    expect(await auditedIds(org.analyst.id)).toContain(id);
  });

  it.each([
    ['65 characters', 'a'.repeat(65)],
    ['spaces', 'two words here'],
    ['markup', '<script>alert(1)</script>'],
    ['percent-encoding', 'abc%0d%0aforged'],
    ['non-ASCII', 'ïdentifiant-123'],
    ['quotes and braces', '"},{"level":60'],
    ['too short to be unique', 'abc'],
  ])('replaces %s with a fresh UUID, in the answer and the audit row', async (_label, id) => {
    const res = await failedLogin(id);
    const given = res.headers['x-request-id'] as string;
    expect(given).toMatch(UUID);
    expect(given).not.toBe(id);
    const ids = await auditedIds(org.analyst.id);
    expect(ids).toContain(given);
    expect(ids).not.toContain(id);
  });
});

import type TestAgent from 'supertest/lib/agent.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { api, createOrgFixture, FIXTURE_PASSWORD, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { EXPORT_ROW_LIMIT } from './record-exports.js';

/**
 * Record export (issue 16): a list as CSV, through the record-access layer. The file holds the rows and
 * fields a page of the same list would (scoped, field-filtered, with its filters), survivor data needs a
 * fresh step-up, one `export` audit row names every record, and more than 10,000 rows is refused.
 */
describe('record export (GET /<resource>/export)', () => {
  let t: TestApp;
  let org: OrgFixture;
  let caseIds: string[];

  /** The header's column names, and the number of records (no cell of these lists holds a line break). */
  const parse = (text: string) => {
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter((line) => line !== '');
    return { columns: lines[0]!.split(','), records: lines.length - 1, text };
  };
  const exported = async (agent: TestAgent, path: string, query: Record<string, unknown> = {}) => {
    const res = await agent.get(api(path)).query(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)]))).buffer(true).parse((r, done) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => (body += chunk));
      r.on('end', () => done(null, body));
    });
    return res;
  };
  /** The keys a page of the same list carries, as the CSV names them (nested objects dotted). */
  const keysOf = (rows: Record<string, unknown>[]) =>
    [...new Set(rows.flatMap((row) => Object.entries(row).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).map((n) => `${k}.${n}`) : [k]))))].sort();

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrgFixture(t.dataSource);
    const cw = await signIn(t, org.caseworker);
    caseIds = [];
    for (let i = 0; i < 3; i++) caseIds.push((await createSurvivorWithCase(cw, { alias: `Export ${i}` })).kase.id);
    await createSurvivorWithCase(await signIn(t, org.caseworker2), { alias: 'Not hers' });
  });
  afterAll(() => t.close());

  it('gives a caseworker her cases with the fields of her list, and names them in one export audit row', async () => {
    const cw = await signIn(t, org.caseworker);
    const page = (await cw.get(api('/cases')).query({ range: '[0,99]' }).expect(200)).body as Record<string, unknown>[];
    const res = await exported(cw, '/cases/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = parse(res.body as string);
    expect(csv.records).toBe(page.length);
    expect([...csv.columns].sort()).toEqual(keysOf(page));
    expect(csv.text).not.toContain('Not hers');
    const [audit] = await t.dataSource.getRepository(AuditEvent).find({ where: { actorId: org.caseworker.id, action: 'export' }, order: { seq: 'DESC' }, take: 1 });
    expect(audit).toMatchObject({ subjectType: 'Case' });
    expect([...audit!.subjectIds!].sort()).toEqual(page.map((c) => c.id).sort());
  });

  it('applies the list\'s filters, and refuses one on a field the person may not read', async () => {
    const coordinator = await signIn(t, org.coordinator);
    const all = parse((await exported(coordinator, '/cases/export')).body as string);
    const intake = parse((await exported(coordinator, '/cases/export', { filter: { status: 'intake', assignedCaseworkerId: org.caseworker.id } })).body as string);
    expect(intake.records).toBe(3);
    expect(all.records).toBeGreaterThanOrEqual(4);
    const refused = await exported(await signIn(t, org.admin), '/cases/export', { filter: { riskLevel: 'high' } });
    expect(refused.status).toBe(400);
  });

  it('needs a fresh step-up for survivor data, not for the program\'s partner organizations', async () => {
    const coordinator = await signIn(t, org.coordinator);
    t.clock.advanceMinutes(6);
    for (const path of ['/cases/export', '/referrals/export']) {
      const res = await exported(coordinator, path);
      expect({ path, status: res.status, code: JSON.parse(res.body as string).code }).toEqual({ path, status: 403, code: 'AUTH_STEP_UP_REQUIRED' });
    }
    expect((await exported(coordinator, '/partner-orgs/export')).status).toBe(200);
    await coordinator.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
    expect((await exported(coordinator, '/cases/export')).status).toBe(200);
  });

  it('is refused to those who may not read the list: an analyst\'s cases, a caseworker\'s audit log', async () => {
    expect((await exported(await signIn(t, org.analyst), '/cases/export')).status).toBe(403);
    expect((await exported(await signIn(t, org.caseworker), '/audit-events/export')).status).toBe(403);
    const admin = await signIn(t, org.admin);
    const log = await exported(admin, '/audit-events/export', { filter: { action: 'export' } });
    expect(log.status).toBe(200);
    expect(parse(log.body as string).records).toBeGreaterThanOrEqual(1);
  });

  it('writes a cell that starts like a formula as text, and refuses more than 10,000 rows, naming the filter', async () => {
    const admin = await signIn(t, org.admin);
    await admin.post(api('/partner-orgs')).send({ name: '=HYPERLINK("http://evil.example","x")', serviceTypes: ['housing'], capacity: 1, phone: '+1 555 0100' }).expect(201);
    await admin.post(api('/partner-orgs')).send({ name: 'HYPERLINK sign', serviceTypes: ['housing'], capacity: 1, contactName: "-2+3+cmd|' /C calc'!A0" }).expect(201);
    const users = parse((await exported(admin, '/users/export')).body as string);
    expect(users.records).toBeGreaterThanOrEqual(5);
    const formula = (await exported(admin, '/partner-orgs/export', { filter: { q: 'HYPERLINK' } })).body as string;
    expect(formula).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    // The rule of every file Lantern writes (inertCell): a sign then more than a number is a formula, a phone number stays one.
    expect(formula).toContain(`'-2+3+cmd|' /C calc'!A0`);
    expect(formula).toMatch(/,\+1 555 0100(,|\r\n)/);

    await t.dataSource.query(
      `INSERT INTO partner_org (organization_id, name) SELECT $1, 'Bulk export ' || n FROM generate_series(1, $2::int) n`,
      [org.organizationId, EXPORT_ROW_LIMIT + 1],
    );
    try {
      const tooMany = await exported(admin, '/partner-orgs/export');
      expect(tooMany.status).toBe(422);
      const problem = JSON.parse(tooMany.body as string);
      expect(problem.code).toBe('EXPORT_TOO_LARGE');
      expect(problem.errors).toHaveProperty('filter');
      // Narrowed, it goes through.
      expect(parse((await exported(admin, '/partner-orgs/export', { filter: { q: 'Bulk export 10001' } })).body as string).records).toBe(1);
    } finally {
      await t.dataSource.query(`DELETE FROM partner_org WHERE organization_id = $1 AND name LIKE 'Bulk export %'`, [org.organizationId]);
    }
  });
});

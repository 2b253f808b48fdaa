import type { MeResponse } from '@lantern/contracts';
import { SUBJECT_TYPES, decodeRules, defineRulesFor, packAbilityRules, unpackAbilityRules } from '@lantern/permissions';
import type TestAgent from 'supertest/lib/agent.js';
import { api, createOrgFixture, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { entityOf } from './subject-entities.js';

/**
 * The record-access layer (issue 9): list reads are audited one row per request, filters and sorts on
 * unreadable fields are refused, bad filter values are 400s, the read budget answers 429 and tells the
 * admins, and the ability carries no per-record ids whatever the caseload.
 */
describe('record access', () => {
  let t: TestApp;
  let org: OrgFixture;
  let caseworker: TestAgent;
  let caseIds: string[];

  beforeAll(async () => {
    t = await createTestApp({ config: { readBudget: { records: 8, windowSeconds: 600 } } });
    org = await createOrgFixture(t.dataSource);
    caseworker = await signIn(t, org.caseworker);
    caseIds = [];
    for (let i = 0; i < 3; i++) caseIds.push((await createSurvivorWithCase(caseworker)).kase.id);
  });
  afterAll(() => t.close());

  const auditRows = (requestId: string) =>
    t.dataSource.query(`SELECT action, subject_type, subject_id, subject_ids, fields FROM audit_event WHERE request_id = $1`, [requestId]) as Promise<
      { action: string; subject_type: string; subject_id: string | null; subject_ids: string[] | null; fields: string[] }[]
    >;

  it('finds the table of every permission subject by its name (the layer imports no feature)', () => {
    const tables = SUBJECT_TYPES.filter((s) => s !== 'Metrics' && s !== 'Jobs' && s !== 'FunderReports' && s !== 'Retention' && s !== 'Imports' && s !== 'CustomFields' && s !== 'FormSettings').map((s) => [s, t.dataSource.getMetadata(entityOf(s)).tableName]);
    expect(Object.fromEntries(tables)).toMatchObject({ Case: 'survivor_case', Survivor: 'survivor', CaseNote: 'case_note', BreakGlassGrant: 'break_glass_grant' });
    expect(tables).toHaveLength(SUBJECT_TYPES.length - 7);
    expect(() => entityOf('Metrics')).toThrow();
  });

  it('audits a list read as one row naming every record returned, and the case history shows it', async () => {
    const res = await caseworker.get(api('/cases')).query({ range: '[0,1]', sort: '["caseNumber","ASC"]' }).expect(200);
    expect(res.body).toHaveLength(2);
    const rows = await auditRows(res.headers['x-request-id'] as string);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'list', subject_type: 'Case', subject_id: null });
    expect([...rows[0]!.subject_ids!].sort()).toEqual(res.body.map((c: { id: string }) => c.id).sort());
    expect(rows[0]!.fields).toEqual(expect.arrayContaining(['caseNumber', 'riskLevel']));

    const listed = res.body[0].id as string;
    const history = await caseworker.get(api(`/cases/${listed}/history`)).expect(200);
    expect(history.body.some((e: { action: string }) => e.action === 'list')).toBe(true);
    // A case not on that page does not show the list read.
    const other = caseIds.find((id) => !res.body.some((c: { id: string }) => c.id === id))!;
    const otherHistory = await caseworker.get(api(`/cases/${other}/history`)).expect(200);
    expect(otherHistory.body.some((e: { action: string }) => e.action === 'list')).toBe(false);
  });

  it('writes no list row for an empty page and none for lists that are not survivor files', async () => {
    const empty = await caseworker.get(api('/cases')).query({ filter: JSON.stringify({ status: 'closed' }) }).expect(200);
    expect(empty.body).toEqual([]);
    expect(await auditRows(empty.headers['x-request-id'] as string)).toEqual([]);
    const partners = await caseworker.get(api('/partner-orgs')).expect(200);
    expect(partners.body.length).toBeGreaterThan(0);
    expect(await auditRows(partners.headers['x-request-id'] as string)).toEqual([]);
  });

  it('refuses filters and sorts on fields the caller may not read, naming them', async () => {
    const admin = await signIn(t, org.admin);
    const byRisk = await admin.get(api('/cases')).query({ filter: JSON.stringify({ riskLevel: 'high' }) }).expect(400);
    expect(byRisk.body.errors).toHaveProperty(['filter.riskLevel']);
    const sorted = await admin.get(api('/cases')).query({ sort: '["riskLevel","DESC"]' }).expect(400);
    expect(sorted.body.errors).toHaveProperty('sort');
    // What an admin may read is still a filter (status fields).
    await admin.get(api('/cases')).query({ filter: JSON.stringify({ status: 'intake' }) }).expect(200);
    // The caseworker reads risk on every case she can list: allowed.
    await caseworker.get(api('/cases')).query({ filter: JSON.stringify({ riskLevel: 'high' }) }).expect(200);
  });

  it('answers 400 naming the field for control characters and dates PostgreSQL cannot hold, never 500', async () => {
    const nul = await caseworker.get(api('/cases')).query({ filter: JSON.stringify({ caseNumber: 'LN-\u0000' }) }).expect(400);
    expect(nul.body.errors).toHaveProperty(['filter.caseNumber']);
    const bell = await caseworker.get(api('/cases')).query({ filter: JSON.stringify({ caseNumber: 'LN\u0007' }) }).expect(400);
    expect(bell.body.errors).toHaveProperty(['filter.caseNumber']);
    const admin = await signIn(t, org.admin);
    for (const date of ['+275760-09-13T00:00:00Z', '0000-01-01', '10000-01-01', '2026-13-45']) {
      const res = await admin.get(api('/audit-events')).query({ filter: JSON.stringify({ occurredAt_gte: date }) });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty(['filter.occurredAt_gte']);
    }
    await admin.get(api('/audit-events')).query({ filter: JSON.stringify({ occurredAt_gte: '2026-01-01T00:00:00Z' }) }).expect(200);
  });

  it('keeps /auth/me small and free of record ids, whatever the caseload', async () => {
    const before = Buffer.byteLength(JSON.stringify((await caseworker.get(api('/auth/me')).expect(200)).body));
    // 2,000 more cases on her caseload, written straight to the tables.
    await t.dataSource.query(
      `WITH s AS (
         INSERT INTO survivor (organization_id, alias, created_by)
         SELECT $1, 'Bulk ' || n, $2 FROM generate_series(1, 2000) n RETURNING id)
       INSERT INTO survivor_case (organization_id, case_number, survivor_id, assigned_caseworker_id, opened_at)
       SELECT $1, 'LN-BULK-' || row_number() OVER (), s.id, $2, now() FROM s`,
      [org.organizationId, org.caseworker.id],
    );
    try {
      const me = await caseworker.get(api('/auth/me')).expect(200);
      const text = JSON.stringify(me.body);
      expect(Buffer.byteLength(text)).toBeLessThan(10_000);
      expect(Buffer.byteLength(text)).toBe(before);
      for (const id of caseIds) expect(text).not.toContain(id);
      // And the rules still give her every one of them, decided in SQL.
      const page = await caseworker.get(api('/cases')).query({ range: '[0,0]' }).expect(200);
      expect(page.headers['content-range']).toBe('cases 0-0/2003');
    } finally {
      // The test files of a jest worker share its database, and the next app to start would first index
      // these survivors' names (survivor-name-indexer.ts): seconds of an embedded start spent on our rows.
      await t.dataSource.query(`DELETE FROM survivor_case WHERE organization_id = $1 AND case_number LIKE 'LN-BULK-%'`, [org.organizationId]);
      await t.dataSource.query(`DELETE FROM survivor WHERE organization_id = $1 AND alias LIKE 'Bulk %'`, [org.organizationId]);
    }
  });

  it('keeps /auth/me under 10 kB for every role, partners included, and the rules decode to what the API holds', async () => {
    for (const person of [org.admin, org.coordinator, org.caseworker, org.partner, org.analyst]) {
      const me = (await (await signIn(t, person)).get(api('/auth/me')).expect(200)).body as MeResponse;
      expect({ role: me.user.role, bytes: Buffer.byteLength(JSON.stringify(me)) < 10_000 }).toEqual({ role: me.user.role, bytes: true });
      // What the web app builds its ability from (providers/session.ts) is the API's own rule set (the
      // instant the rules were built for aside: grants and consents expire by it).
      const server = defineRulesFor(me.user, { now: t.clock.now() });
      const instantsAside = (rules: unknown) => JSON.stringify(rules).replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<now>"');
      expect(instantsAside(decodeRules(me.rules, me.user))).toBe(instantsAside(unpackAbilityRules(JSON.parse(JSON.stringify(packAbilityRules(server))))));
    }
  });

  it('past the read budget, answers 429 with Retry-After and tells the admins once; the window passes', async () => {
    const reader = await signIn(t, org.caseworker2);
    const own: string[] = [];
    for (let i = 0; i < 5; i++) own.push((await createSurvivorWithCase(reader)).kase.id);
    // Re-reading the same records spends nothing.
    for (let i = 0; i < 3; i++) await reader.get(api(`/cases/${own[0]}`)).expect(200);
    await reader.get(api('/cases')).query({ range: '[0,4]' }).expect(200); // 5 distinct cases
    const survivors = await reader.get(api('/survivors')).query({ range: '[0,4]' }).expect(200); // 5 survivors: 10 > 8
    expect(survivors.body).toHaveLength(5);
    const refused = await reader.get(api(`/cases/${own[1]}`)).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(refused.body.code).toBe('READ_BUDGET_EXCEEDED');
    await reader.get(api('/cases')).expect(429);

    const admin = await signIn(t, org.admin);
    const notes = await admin.get(api('/notifications')).expect(200);
    const alerts = notes.body.filter((n: { kind: string }) => n.kind === 'unusual_reads');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].title).toContain(org.caseworker2.displayName);
    // Another caseworker is not affected.
    await caseworker.get(api(`/cases/${caseIds[0]}`)).expect(200);

    t.clock.advance(601_000);
    await reader.get(api(`/cases/${own[1]}`)).expect(200);
  });
});

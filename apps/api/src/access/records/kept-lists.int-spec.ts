import { CASE_STATUSES, CONTACT_CHANNELS, RISK_LEVELS } from '@lantern/contracts';
import fc from 'fast-check';
import type TestAgent from 'supertest/lib/agent.js';
import { api, createOrgFixture, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { isEmbedded } from '../../kernel/database/data-source-options.js';
import { MAX_NAMED_LIST_STATEMENTS } from './kept-lists.js';
import { RecordAccess } from './record-access.js';

/**
 * docs/benchmarks.md, "The list's SQL kept per shape": a list answered from its kept SQL is the list built
 * afresh, row for row, in the same order, with the same total and the same fields, for random filters,
 * sorts, pages and roles; lists with a callback filter are built, not kept.
 */
describe('lists kept per shape', () => {
  let t: TestApp;
  let org: OrgFixture;
  let access: RecordAccess;
  const caseIds: string[] = [];
  const survivorIds: string[] = [];
  const agents: Record<string, TestAgent> = {};

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrgFixture(t.dataSource);
    access = t.app.get(RecordAccess);
    for (const role of ['caseworker', 'caseworker2', 'coordinator', 'admin', 'analyst', 'partner'] as const) agents[role] = await signIn(t, org.users[role]);
    for (let i = 0; i < 8; i++) {
      const agent = i % 2 === 0 ? agents.caseworker! : agents.caseworker2!;
      const { kase, survivor } = await createSurvivorWithCase(agent);
      caseIds.push(kase.id);
      survivorIds.push(survivor.id);
      if (i % 4 === 1) await agent.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'active' }).expect(200);
      if (i % 4 >= 2) await agent.patch(api(`/cases/${kase.id}`)).send({ riskLevel: RISK_LEVELS[i % 3], version: kase.version }).expect(200);
      await agent
        .post(api('/contacts'))
        .send({ channel: CONTACT_CHANNELS[i % CONTACT_CHANNELS.length], occurredAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), ...(i % 3 === 0 ? { followUpOn: '2030-01-15' } : {}) })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  /** The answer as the client gets it: status, Content-Range and the body's exact bytes. */
  const answer = async (agent: TestAgent, path: string, query: Record<string, unknown>, kept: boolean) => {
    access.keptLists.enabled = kept;
    try {
      const res = await agent.get(api(path)).query(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)])));
      return `${res.status} ${String(res.headers['content-range'])} ${res.text.replace(/"requestId":"[^"]*"/, '')}`;
    } finally {
      access.keptLists.enabled = true;
    }
  };

  const range = fc.integer({ min: 0, max: 6 }).chain((start) => fc.tuple(fc.constant(start), fc.integer({ min: start, max: start + 9 })));
  // Built when the test runs: the fixtures' ids exist only once beforeAll ran.
  const caseQuery = () => fc.record(
    {
      filter: fc.record(
        {
          status: fc.constantFrom(...CASE_STATUSES),
          riskLevel: fc.constantFrom(...RISK_LEVELS),
          assignedCaseworkerId: fc.constantFrom(org.caseworker.id, org.caseworker2.id),
          unassigned: fc.boolean(),
          survivorId: fc.constantFrom(...survivorIds),
          id: fc.subarray(caseIds, { minLength: 1 }),
        },
        { requiredKeys: [] },
      ),
      sort: fc.tuple(fc.constantFrom('openedAt', 'caseNumber', 'riskLevel', 'lastContactAt', 'status', 'updatedAt', 'id'), fc.constantFrom('ASC', 'DESC')),
      range,
    },
    { requiredKeys: [] },
  );
  const contactQuery = fc.record(
    {
      filter: fc.record(
        {
          channel: fc.constantFrom(...CONTACT_CHANNELS),
          followUpNeeded: fc.boolean(),
          occurredFrom: fc.integer({ min: 1, max: 9 }).map((d) => `2026-01-0${d}`),
          occurredTo: fc.integer({ min: 1, max: 9 }).map((d) => `2026-01-0${d}T12:00:00Z`),
          // A callback filter: never kept, and the same answer.
          voided: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      sort: fc.tuple(fc.constantFrom('occurredAt', 'createdAt', 'followUpOn'), fc.constantFrom('ASC', 'DESC')),
      range,
    },
    { requiredKeys: [] },
  );

  it('answers every list exactly as the list built afresh: rows, order, total and fields', async () => {
    const role = fc.constantFrom('caseworker', 'caseworker2', 'coordinator', 'admin', 'analyst', 'partner');
    const request = fc.oneof(
      fc.record({ path: fc.constant('/cases'), query: caseQuery() }),
      fc.record({ path: fc.constant('/contacts'), query: contactQuery }),
    );
    await fc.assert(
      fc.asyncProperty(role, request, async (who, { path, query }) => {
        const agent = agents[who]!;
        const kept = await answer(agent, path, query, true);
        // Twice: the first request of a shape builds and keeps it, the second reads what was kept.
        expect(await answer(agent, path, query, true)).toBe(kept);
        expect(kept).toBe(await answer(agent, path, query, false));
      }),
      { numRuns: 80 },
    );
    expect(access.keptLists.size).toBeGreaterThan(0);
    // On a server the kept statements went as named, prepared statements (a page and a count per shape
    // at most), bounded; the embedded database names none (docs/architecture.md, "Named statements").
    const named = access.keptLists.names.size;
    if (isEmbedded(t.dataSource)) expect(named).toBe(0);
    else expect(named).toBeGreaterThan(0);
    expect(named).toBeLessThanOrEqual(Math.min(MAX_NAMED_LIST_STATEMENTS, 2 * access.keptLists.size));
  });

  it('keeps a case list’s shape once, and never one with a callback filter', async () => {
    const agent = agents.coordinator!;
    const before = access.keptLists.size;
    const query = { filter: { status: 'intake', riskLevel: 'high' }, sort: ['caseNumber', 'DESC'], range: [0, 2] };
    await answer(agent, '/cases', query, true);
    expect(access.keptLists.size).toBe(before + 1);
    // Other values, same shape: the same kept SQL.
    await answer(agent, '/cases', { ...query, filter: { status: 'closed', riskLevel: 'low' }, range: [3, 9] }, true);
    expect(access.keptLists.size).toBe(before + 1);
    // A callback filter (contacts' `voided`): built every time, nothing kept.
    await answer(agent, '/contacts', { filter: { voided: true } }, true);
    await answer(agent, '/contacts', { filter: { voided: false } }, true);
    expect(access.keptLists.size).toBe(before + 1);
  });
});

import { CASE_STATUSES, CONTACT_CHANNELS, RISK_LEVELS } from '@lantern/contracts';
import fc from 'fast-check';
import type TestAgent from 'supertest/lib/agent.js';
import { api, createOrgFixture, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { isEmbedded } from '../../kernel/database/data-source-options.js';
import { COUNT_CAP, DEFAULT_PAGE_SIZE } from '../../kernel/http/list-query.js';
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

  /** The answer as the client gets it: status, Content-Range and the body's exact bytes (`prefer`: the Prefer header). */
  const answer = async (agent: TestAgent, path: string, query: Record<string, unknown>, kept: boolean, prefer?: string) => {
    access.keptLists.enabled = kept;
    try {
      const req = agent.get(api(path)).query(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, JSON.stringify(v)])));
      const res = await (prefer ? req.set('Prefer', prefer) : req);
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

  /**
   * docs/architecture.md, "Capped counts": with `Prefer: count=capped`, a list's count stops one row past
   * the cap (or past the page's end, if further): the same rows and bytes, and the exact total when the
   * list is shorter than that, else `/*`. The cap is lowered to 3 so that these few rows reach it.
   */
  it('answers a capped count when asked: the exact total below the cap, `*` at it, kept and built alike', async () => {
    const role = fc.constantFrom('caseworker', 'caseworker2', 'coordinator', 'admin', 'analyst', 'partner');
    const request = fc.oneof(
      fc.record({ path: fc.constant('/cases'), query: caseQuery() }),
      fc.record({ path: fc.constant('/contacts'), query: contactQuery }),
    );
    const cap = 3;
    access.countCap = cap;
    try {
      await fc.assert(
        fc.asyncProperty(role, request, fc.constantFrom('count=capped', 'return=minimal, count="capped"', 'COUNT=Capped; x=1'), async (who, { path, query }, prefer) => {
          const agent = agents[who]!;
          const exact = await answer(agent, path, query, true);
          const capped = await answer(agent, path, query, true, prefer);
          // Twice kept (built, then read back), and built afresh: one answer.
          expect(await answer(agent, path, query, true, prefer)).toBe(capped);
          expect(await answer(agent, path, query, false, prefer)).toBe(capped);
          const match = /^200 (\S+) (\*|\d+)-(\d+)\/(\d+) /.exec(exact);
          if (!match) {
            // An empty page or a refusal: no count to cap.
            expect(capped).toBe(exact);
            return;
          }
          const [, resource, first, last, total] = match;
          // The page the API read (list-query.ts): the range's, or the default 25, and never fewer than the ids asked for.
          const [skip, ranged] = query.range ? [query.range[0], query.range[1] - query.range[0] + 1] : [0, DEFAULT_PAGE_SIZE];
          const ids = (query.filter as { id?: string[] } | undefined)?.id;
          const take = Math.max(ranged, ids?.length ?? 0);
          if (Number(total) >= Math.max(cap, skip + take) + 1) {
            // The same rows, and a total told only as "more": a next page exists.
            expect(capped).toBe(exact.replace(`${resource} ${first}-${last}/${total} `, `${resource} ${first}-${last}/* `));
            expect(Number(last) + 1).toBeLessThan(Number(total));
          } else {
            expect(capped).toBe(exact);
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      access.countCap = COUNT_CAP;
    }
  });

  it('counts every row for a client that does not ask for a capped count (ra-data-simple-rest), and up to the cap for one that does', async () => {
    access.countCap = 3;
    try {
      const query = { filter: {}, sort: ['openedAt', 'DESC'], range: [0, 1] };
      const plain = await answer(agents.coordinator!, '/cases', query, true);
      expect(plain).toMatch(/^200 cases 0-1\/(\d+) /);
      const total = Number(/\/(\d+) /.exec(plain)![1]);
      expect(total).toBeGreaterThanOrEqual(8);
      // Asked for, below the cap (a page that reaches past it: the cap rises with it): exact.
      const deep = { ...query, range: [total - 2, total - 1] };
      expect(await answer(agents.coordinator!, '/cases', deep, true, 'count=capped')).toBe(await answer(agents.coordinator!, '/cases', deep, true));
      expect(await answer(agents.coordinator!, '/cases', deep, true, 'count=capped')).toMatch(new RegExp(`^200 cases ${total - 2}-${total - 1}/${total} `));
      // Past it: `*`, kept and built.
      expect(await answer(agents.coordinator!, '/cases', query, false, 'count=capped')).toBe(plain.replace(`/${total} `, '/* '));
      // Other preferences are not this one.
      expect(await answer(agents.coordinator!, '/cases', query, true, 'count=exact')).toBe(plain);
      expect(await answer(agents.coordinator!, '/cases', query, true, 'respond-async')).toBe(plain);
      expect(await answer(agents.coordinator!, '/cases', query, true, 'count=capped')).toMatch(/^200 cases 0-1\/\* /);
    } finally {
      access.countCap = COUNT_CAP;
    }
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

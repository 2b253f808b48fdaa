import { CASE_STATUSES, RISK_LEVELS } from '@lantern/contracts';
import fc from 'fast-check';
import { createOrgFixture, signIn, api, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

/**
 * docs/security-model.md: random filters, sorts, page sizes and getMany id lists never return a row the rules
 * deny, and Content-Range never counts one.
 */
describe('case lists never leak', () => {
  let t: TestApp;
  let org: OrgFixture;
  let other: OrgFixture;
  const ids: { mine: string[]; colleague: string[]; foreign: string[] } = { mine: [], colleague: [], foreign: [] };

  beforeAll(async () => {
    t = await createTestApp();
    [org, other] = await Promise.all([createOrgFixture(t.dataSource), createOrgFixture(t.dataSource)]);
    const [mine, colleague, foreign] = await Promise.all([signIn(t, org.caseworker), signIn(t, org.caseworker2), signIn(t, other.caseworker)]);
    // Six cases each, the three people side by side (one after the other, this setup took 20 s on a loaded machine).
    const sixCases = async (agent: typeof mine, bucket: string[]) => {
      for (let i = 0; i < 6; i++) {
        const { kase } = await createSurvivorWithCase(agent);
        bucket.push(kase.id);
        if (i % 3 === 1) await agent.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'active' }).expect(200);
        if (i % 3 === 2) await agent.patch(api(`/cases/${kase.id}`)).send({ riskLevel: RISK_LEVELS[i % 3], version: kase.version }).expect(200);
      }
    };
    await Promise.all([sixCases(mine, ids.mine), sixCases(colleague, ids.colleague), sixCases(foreign, ids.foreign)]);
  });
  afterAll(() => t.close());

  it('for random list queries, a caseworker sees only their own cases and counts only those', async () => {
    const agent = await signIn(t, org.caseworker);
    const everyone = [...ids.mine, ...ids.colleague, ...ids.foreign];
    const query = fc.record(
      {
        filter: fc.record(
          {
            status: fc.constantFrom(...CASE_STATUSES),
            riskLevel: fc.constantFrom(...RISK_LEVELS),
            assignedCaseworkerId: fc.constantFrom(org.caseworker.id, org.caseworker2.id, other.caseworker.id),
            id: fc.subarray(everyone, { minLength: 1 }),
          },
          { requiredKeys: [] },
        ),
        sort: fc.tuple(fc.constantFrom('openedAt', 'caseNumber', 'riskLevel', 'lastContactAt', 'status', 'updatedAt'), fc.constantFrom('ASC', 'DESC')),
        range: fc.integer({ min: 0, max: 8 }).chain((start) => fc.tuple(fc.constant(start), fc.integer({ min: start, max: start + 20 }))),
      },
      { requiredKeys: ['sort', 'range'] },
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const res = await agent
          .get(api('/cases'))
          .query({ ...(q.filter ? { filter: JSON.stringify(q.filter) } : {}), sort: JSON.stringify(q.sort), range: JSON.stringify(q.range) })
          .expect(200);
        for (const row of res.body as { id: string; assignedCaseworkerId: string }[]) {
          expect(ids.mine).toContain(row.id);
          expect(row.assignedCaseworkerId).toBe(org.caseworker.id);
        }
        const total = Number(/\/(\d+)$/.exec(res.headers['content-range'] as string)![1]);
        expect(total).toBeLessThanOrEqual(ids.mine.length);
        // The total (carried by the page's own statement when the page is full) is exactly what the
        // same filter lists in full.
        const all = await agent
          .get(api('/cases'))
          .query({ ...(q.filter ? { filter: JSON.stringify(q.filter) } : {}), sort: JSON.stringify(q.sort), range: '[0,99]' })
          .expect(200);
        expect(total).toBe((all.body as unknown[]).length);
      }),
      { numRuns: 60 },
    );
  });

  it('a coordinator\'s lists stay inside the organization', async () => {
    const agent = await signIn(t, org.coordinator);
    const res = await agent
      .get(api('/cases'))
      .query({ filter: JSON.stringify({ id: [...ids.mine, ...ids.colleague, ...ids.foreign] }), range: '[0,99]' })
      .expect(200);
    expect(res.body.map((c: { id: string }) => c.id).sort()).toEqual([...ids.mine, ...ids.colleague].sort());
    expect(res.headers['content-range']).toBe(`cases 0-11/12`);
    const assigned = await agent.get(api('/cases')).query({ filter: JSON.stringify({ unassigned: false, id: ids.mine }) }).expect(200);
    expect(assigned.body).toHaveLength(ids.mine.length);
    const unassigned = await agent.get(api('/cases')).query({ filter: JSON.stringify({ unassigned: true, id: ids.mine }) }).expect(200);
    expect(unassigned.body).toEqual([]);
    await agent.get(api('/cases')).query({ filter: JSON.stringify({ unassigned: 'yes' }) }).expect(400);
  });
});

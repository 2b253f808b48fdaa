import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { api, createOrgFixture, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
type Entry = Record<string, unknown> & { id: string };

/**
 * Issue 17: the contacts listed on a survivor's page (apps/web/src/survivors/SurvivorContacts.tsx) are
 * the list of contacts filtered by her id, through the record-access layer: scoped, field-filtered and
 * audited; nobody learns of a contact her rules do not let her read.
 */
describe("the contacts on a survivor's page", () => {
  let t: TestApp;
  let org: OrgFixture;
  let cw: Agent;
  let survivorId: string;
  const linked: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrgFixture(t.dataSource);
    cw = await signIn(t, org.caseworker);
    survivorId = (await createSurvivorWithCase(cw)).survivor.id;
    for (let i = 0; i < 2; i++) {
      const entry = (await cw.post(api('/contacts')).send({ channel: 'call', anonymous: false, name: 'Zyxsurvivorcontact Diaz', note: 'Called about housing' }).expect(201)).body as Entry;
      await cw.post(api(`/contacts/${entry.id}/link`)).send({ version: 1, survivorId }).expect(200);
      linked.push(entry.id);
    }
    // Another contact, not hers.
    await cw.post(api('/contacts')).send({ channel: 'walk_in', anonymous: true }).expect(201);
  });
  afterAll(() => t.close());

  const hers = (agent: Agent, status = 200) => agent.get(api('/contacts')).query({ filter: JSON.stringify({ survivorId }), range: '[0,24]', sort: '["occurredAt","DESC"]' }).expect(status);

  it('her caseworker sees both, with the named details; the read is audited naming them', async () => {
    const res = await hers(cw);
    expect(res.body.map((c: Entry) => c.id).sort()).toEqual([...linked].sort());
    expect(res.body[0]).toMatchObject({ survivorId, name: 'Zyxsurvivorcontact Diaz' });
    const [row] = await t.dataSource.getRepository(AuditEvent).find({ where: { requestId: res.headers['x-request-id'] as string } });
    expect(row).toMatchObject({ action: 'list', subjectType: 'Contact' });
    expect([...row!.subjectIds!].sort()).toEqual([...linked].sort());
  });

  it('a coordinator sees them without the named details; another caseworker sees none; others are refused', async () => {
    const coordinator = (await hers(await signIn(t, org.coordinator))).body as Entry[];
    expect(coordinator.map((c) => c.id).sort()).toEqual([...linked].sort());
    for (const entry of coordinator) for (const field of ['name', 'phone', 'email', 'area', 'note']) expect([field, entry[field]]).toEqual([field, undefined]);
    expect((await hers(await signIn(t, org.caseworker2))).body).toEqual([]);
    for (const role of ['admin', 'analyst', 'partner'] as const) await hers(await signIn(t, org.users[role]), 403);
  });
});

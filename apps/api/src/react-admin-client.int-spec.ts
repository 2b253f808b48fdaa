import type { AddressInfo } from 'node:net';
import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider } from 'ra-core';
import { withOrgWorld } from './testing/builders.js';
import { api, FIXTURE_PASSWORD, signIn } from './testing/fixtures.js';
import { createSurvivorWithCase } from './testing/records.js';

/**
 * React-admin's stock REST client (`ra-data-simple-rest`, unchanged) against the API (issue 13): lists
 * with Content-Range, getOne, getMany, getManyReference, and updates that send the record back as it was
 * fetched, read-only fields included. A read-only field that was changed is refused, naming it.
 */
describe('a stock react-admin client', () => {
  let base: string;
  let client: DataProvider;
  let created: Awaited<ReturnType<typeof createSurvivorWithCase>>[];

  async function providerFor(email: string): Promise<DataProvider> {
    const login = await fetch(`${base}${api('/auth/login')}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base },
      body: JSON.stringify({ email, password: FIXTURE_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const httpClient = (url: string, options: fetchUtils.Options = {}) => {
      const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
      if (!headers.has('Accept')) headers.set('Accept', 'application/json');
      headers.set('Cookie', cookie);
      headers.set('Origin', base);
      return fetchUtils.fetchJson(url, { ...options, headers });
    };
    return simpleRestProvider(`${base}/api/v1`, httpClient);
  }

  const { t, org } = withOrgWorld([]);
  beforeAll(async () => {
    await new Promise<void>((resolve) => t.http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    const caseworker = await signIn(t, org.caseworker);
    created = [];
    for (let i = 0; i < 3; i++) created.push(await createSurvivorWithCase(caseworker));
    client = await providerFor(org.caseworker.email);
  });

  it('reads lists, single records, several by id and references, as react-admin asks for them', async () => {
    const list = await client.getList('cases', { pagination: { page: 1, perPage: 2 }, sort: { field: 'openedAt', order: 'DESC' }, filter: {} });
    expect(list.data).toHaveLength(2);
    expect(list.total).toBe(3);

    const one = await client.getOne('cases', { id: created[0]!.kase.id });
    expect(one.data).toMatchObject({ id: created[0]!.kase.id, survivorId: created[0]!.survivor.id });

    const many = await client.getMany('cases', { ids: created.map((c) => c.kase.id) });
    expect(many.data.map((c) => c.id).sort()).toEqual(created.map((c) => c.kase.id).sort());

    const references = await client.getManyReference('cases', {
      target: 'survivorId',
      id: created[1]!.survivor.id,
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'openedAt', order: 'DESC' },
      filter: {},
    });
    expect(references.data.map((c) => c.id)).toEqual([created[1]!.kase.id]);
    expect(references.total).toBe(1);
  });

  it('updates a case and a survivor from the record as fetched, read-only fields and all', async () => {
    const kase = (await client.getOne('cases', { id: created[0]!.kase.id })).data;
    expect(kase).toHaveProperty('organizationId');
    expect(kase).toHaveProperty('createdAt');
    const updated = await client.update('cases', { id: kase.id, data: { ...kase, riskLevel: 'high' }, previousData: kase });
    expect(updated.data).toMatchObject({ id: kase.id, riskLevel: 'high', version: kase.version + 1 });

    const survivor = (await client.getOne('survivors', { id: created[0]!.survivor.id })).data;
    const renamed = await client.update('survivors', { id: survivor.id, data: { ...survivor, alias: 'Renamed by a stock client' }, previousData: survivor });
    expect(renamed.data).toMatchObject({ id: survivor.id, alias: 'Renamed by a stock client' });
  });

  it('updates a partner organization and a user from the record as fetched (an admin)', async () => {
    const admin = await providerFor(org.admin.email);
    const partner = (await admin.getOne('partner-orgs', { id: org.partnerOrg.id })).data;
    const roomier = await admin.update('partner-orgs', { id: partner.id, data: { ...partner, capacity: partner.capacity + 1 }, previousData: partner });
    expect(roomier.data).toMatchObject({ id: partner.id, capacity: partner.capacity + 1 });

    const user = (await admin.getOne('users', { id: org.caseworker2.id })).data;
    const renamed = await admin.update('users', { id: user.id, data: { ...user, displayName: 'Renamed Caseworker' }, previousData: user });
    expect(renamed.data).toMatchObject({ id: user.id, displayName: 'Renamed Caseworker' });
    const moved = admin.update('users', { id: user.id, data: { ...renamed.data, organizationId: partner.id }, previousData: renamed.data });
    await expect(moved).rejects.toMatchObject({ status: 400, body: { errors: { organizationId: expect.any(Array) } } });
  });

  it('filters by the field name itself, and still by the older filter name', async () => {
    const byField = await client.getList('partner-orgs', { pagination: { page: 1, perPage: 50 }, sort: { field: 'name', order: 'ASC' }, filter: { serviceTypes: 'housing' } });
    const byAlias = await client.getList('partner-orgs', { pagination: { page: 1, perPage: 50 }, sort: { field: 'name', order: 'ASC' }, filter: { serviceType: 'housing' } });
    const all = await client.getList('partner-orgs', { pagination: { page: 1, perPage: 50 }, sort: { field: 'name', order: 'ASC' }, filter: {} });
    const housing = all.data.filter((p) => (p.serviceTypes as string[]).includes('housing')).map((p) => p.id);
    expect(housing.length).toBeGreaterThan(0);
    expect(housing.length).toBeLessThan(all.data.length);
    expect(byField.data.map((p) => p.id)).toEqual(housing);
    expect(byAlias.data.map((p) => p.id)).toEqual(housing);
  });

  it('refuses a change to a read-only field, naming it, and changes nothing', async () => {
    const kase = (await client.getOne('cases', { id: created[1]!.kase.id })).data;
    const attempt = client.update('cases', {
      id: kase.id,
      data: { ...kase, riskLevel: 'high', organizationId: '00000000-0000-4000-8000-000000000001', openedAt: '2001-01-01T00:00:00.000Z' },
      previousData: kase,
    });
    await expect(attempt).rejects.toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: { organizationId: expect.any(Array), openedAt: expect.any(Array) } } });
    expect((await client.getOne('cases', { id: kase.id })).data).toMatchObject({ riskLevel: kase.riskLevel, version: kase.version });

    // A field the record never had is still refused by the whitelist, as before.
    const unknown = client.update('cases', { id: kase.id, data: { ...kase, invented: 1 }, previousData: kase });
    await expect(unknown).rejects.toMatchObject({ status: 400, body: { errors: { invented: expect.any(Array) } } });
  });

  it('creates, updates several and deletes where the API allows it, and a refused delete changes nothing', async () => {
    const survivor = (await client.create('survivors', { data: { alias: 'Made by a stock client' } })).data;
    expect(survivor).toMatchObject({ id: expect.any(String), alias: 'Made by a stock client' });
    const kase = (await client.create('cases', { data: { survivorId: survivor.id } })).data;
    expect(kase).toMatchObject({ id: expect.any(String), survivorId: survivor.id });
    const note = (await client.create('case-notes', { data: { caseId: kase.id, noteType: 'contact', contactMethod: 'phone', body: 'Called back' } })).data;
    expect(note).toMatchObject({ caseId: kase.id, noteType: 'contact' });
    const today = t.clock.now().toISOString().slice(0, 10);
    const review = new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    const plan = (await client.create('service-plans', { data: { caseId: kase.id, planType: 'Livelihood', startsOn: today, reviewDate: review } })).data;
    const goal = (await client.create('goals', { data: { planId: plan.id, domain: 'housing', description: 'A safe flat' } })).data;
    const tasks = [
      (await client.create('tasks', { data: { goalId: goal.id, description: 'Call the housing office', owner: 'caseworker' } })).data,
      (await client.create('tasks', { data: { goalId: goal.id, description: 'Visit the flat', owner: 'caseworker' } })).data,
    ];

    // updateMany: react-admin sends one PUT per id with the same partial data.
    const fetched = await client.getMany('tasks', { ids: tasks.map((task) => task.id) });
    const changed = await client.updateMany('tasks', { ids: tasks.map((task) => task.id), data: { description: 'Renamed together', version: fetched.data[0]!.version } });
    expect([...(changed.data ?? [])].sort()).toEqual(tasks.map((task) => task.id).sort());
    const after = await client.getMany('tasks', { ids: tasks.map((task) => task.id) });
    expect(after.data.map((task) => task.description)).toEqual(['Renamed together', 'Renamed together']);

    // An appointment: created, then updated from the record as fetched (its computed conflicts included).
    const startsAt = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString();
    const appointment = (await client.create('appointments', { data: { caseId: kase.id, startsAt, durationMinutes: 30, kind: 'meeting' } })).data;
    expect(appointment).toHaveProperty('conflicts');
    const longer = await client.update('appointments', { id: appointment.id, data: { ...appointment, durationMinutes: 45 }, previousData: appointment });
    expect(longer.data).toMatchObject({ id: appointment.id, durationMinutes: 45 });

    // A service given (issue 16): logged, then corrected from the record as fetched.
    const service = (await client.create('service-deliveries', { data: { caseId: kase.id, deliveredOn: today, category: 'crisis_intervention', durationMinutes: 30 } })).data;
    const corrected = await client.update('service-deliveries', { id: service.id, data: { ...service, units: 2 }, previousData: service });
    expect(corrected.data).toMatchObject({ id: service.id, units: 2, durationMinutes: 30 });

    // A contact before a case (issue 17): logged, then corrected from the record as fetched.
    const contact = (await client.create('contacts', { data: { channel: 'call', anonymous: false, name: 'Stock Client' } })).data;
    const fixedContact = await client.update('contacts', { id: contact.id, data: { ...contact, immediateDanger: 'no' }, previousData: contact });
    expect(fixedContact.data).toMatchObject({ id: contact.id, immediateDanger: 'no', name: 'Stock Client' });

    // Nothing of a case file is deleted by a bare DELETE (appointments are cancelled, services voided, cases
    // closed, a document needs a reason): each refusal is a 4xx, and the record is still there, unchanged.
    for (const [resource, record] of [
      ['appointments', longer.data],
      ['service-deliveries', corrected.data],
      ['contacts', fixedContact.data],
      ['cases', kase],
    ] as const) {
      const refused = await client.delete(resource, { id: record.id, previousData: record }).then(
        () => null,
        (error: { status: number }) => error,
      );
      expect({ resource, status: refused?.status }).toEqual({ resource, status: 404 });
      expect((await client.getOne(resource, { id: record.id })).data).toMatchObject({ id: record.id, version: record.version });
    }
  });

  it('lists and opens a record of every resource its reader may list', async () => {
    const admin = await providerFor(org.admin.email);
    // A case's funder data (issue 16), started and changed the stock way: the record as fetched goes back with the change.
    const funderData = (await client.create('funder-data', { data: { caseId: created[0]!.kase.id, veteranStatus: 0 } })).data;
    const changed = await client.update('funder-data', { id: funderData.id, data: { ...funderData, veteranStatus: 1 }, previousData: funderData });
    expect(changed.data).toMatchObject({ veteranStatus: 1, version: 2 });
    const resources: [DataProvider, string][] = [
      [client, 'cases'],
      [client, 'survivors'],
      [client, 'case-notes'],
      [client, 'consents'],
      [client, 'intakes'],
      [client, 'service-plans'],
      [client, 'goals'],
      [client, 'tasks'],
      [client, 'appointments'],
      [client, 'service-deliveries'],
      [client, 'immigration-relief'],
      [client, 'funder-data'],
      [client, 'contacts'],
      [client, 'referrals'],
      [client, 'outcomes'],
      [client, 'documents'],
      [client, 'notifications'],
      [admin, 'users'],
      [admin, 'partner-orgs'],
      [admin, 'audit-events'],
      [admin, 'break-glass-grants'],
    ];
    for (const [provider, resource] of resources) {
      const list = await provider.getList(resource, { pagination: { page: 1, perPage: 5 }, sort: { field: 'id', order: 'ASC' }, filter: {} }).catch((error: { status?: number; body?: unknown }) => {
        throw new Error(`getList ${resource}: ${error.status} ${JSON.stringify(error.body)}`);
      });
      expect({ resource, total: typeof list.total }).toEqual({ resource, total: 'number' });
      expect(list.data.length).toBeLessThanOrEqual(5);
      const first = list.data[0];
      // Goals, tasks, notifications and grants are shown inside their case or menu, never opened alone.
      if (first && !['goals', 'tasks', 'notifications', 'break-glass-grants'].includes(resource)) {
        const one = await provider.getOne(resource, { id: first.id });
        expect({ resource, id: one.data.id }).toEqual({ resource, id: first.id });
      }
    }
  });
});

import request from 'supertest';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { withTwoOrgWorld } from '../../testing/builders.js';
import { signIn, api } from '../../testing/fixtures.js';
import { PartnerOrg } from './partner-org.entity.js';

describe('partner orgs', () => {
  const { t, org, other } = withTwoOrgWorld([]);

  const auditRows = (subjectId: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { subjectId }, order: { seq: 'ASC' } });

  describe('admin', () => {
    it('creates a partner org, audited in the same request with the fields it set', async () => {
      const admin = await signIn(t, org.admin);
      const res = await admin
        .post(api('/partner-orgs'))
        .set('X-Request-Id', 'req-create-partner-1')
        .send({ name: 'Northside Housing', serviceTypes: ['housing'], capacity: 4, contactEmail: 'desk@northside.test' })
        .expect(201);
      expect(res.body).toMatchObject({ name: 'Northside Housing', serviceTypes: ['housing'], capacity: 4, active: true, version: 1 });
      expect(res.body.organizationId).toBe(org.organizationId);
      const rows = await auditRows(res.body.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        action: 'create',
        outcome: 'success',
        actorId: org.admin.id,
        actorRole: 'admin',
        subjectType: 'PartnerOrg',
        requestId: 'req-create-partner-1',
        fields: ['capacity', 'contactEmail', 'name', 'serviceTypes'],
      });
    });

    it('edits with the current version, records changed field names only, and refuses a stale version', async () => {
      const admin = await signIn(t, org.admin);
      const created = (await admin.post(api('/partner-orgs')).send({ name: 'Eastside Legal', serviceTypes: ['legal'] }).expect(201)).body;
      const edited = await admin
        .put(api(`/partner-orgs/${created.id}`))
        .send({ capacity: 9, acceptingReferrals: false, name: 'Eastside Legal', version: 1 })
        .expect(200);
      expect(edited.body).toMatchObject({ capacity: 9, acceptingReferrals: false, version: 2 });
      const rows = await auditRows(created.id);
      expect(rows.map((r) => [r.action, r.fields])).toEqual([
        ['create', ['name', 'serviceTypes']],
        ['update', ['acceptingReferrals', 'capacity']],
      ]);

      const stale = await admin.put(api(`/partner-orgs/${created.id}`)).send({ capacity: 1, version: 1 }).expect(409);
      expect(stale.body).toMatchObject({ status: 409, code: 'STALE_VERSION', errors: { version: expect.any(Array) } });
      const row = await t.dataSource.getRepository(PartnerOrg).findOneByOrFail({ id: created.id });
      expect(row.capacity).toBe(9);
      expect(await auditRows(created.id)).toHaveLength(2);
    });

    it('deactivates a partner org (no deletion)', async () => {
      const admin = await signIn(t, org.admin);
      const created = (await admin.post(api('/partner-orgs')).send({ name: 'Old Partner', serviceTypes: ['other'] }).expect(201)).body;
      await admin.patch(api(`/partner-orgs/${created.id}`)).send({ active: false, version: 1 }).expect(200);
      await admin.delete(api(`/partner-orgs/${created.id}`)).expect(404);
      const list = await admin.get(api('/partner-orgs')).query({ filter: JSON.stringify({ active: false }) }).expect(200);
      expect(list.body.map((p: { id: string }) => p.id)).toContain(created.id);
    });

    it('refuses a duplicate name within the organization with 409 naming the field', async () => {
      const admin = await signIn(t, org.admin);
      const res = await admin.post(api('/partner-orgs')).send({ name: org.partnerOrg.name, serviceTypes: ['housing'] }).expect(409);
      expect(res.body.errors).toEqual({ name: [expect.stringContaining('already used')] });
    });
  });

  describe('bad input: 400 naming the field, nothing written', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['missing name', { serviceTypes: ['housing'] }, 'name'],
      ['empty name', { name: '   ', serviceTypes: ['housing'] }, 'name'],
      ['over-long name', { name: 'x'.repeat(201), serviceTypes: ['housing'] }, 'name'],
      ['NUL in name', { name: 'bad\u0000name', serviceTypes: ['housing'] }, 'name'],
      ['unknown service type', { name: 'A', serviceTypes: ['spa'] }, 'serviceTypes'],
      ['service types not a list', { name: 'A', serviceTypes: 'housing' }, 'serviceTypes'],
      ['capacity as a string', { name: 'A', serviceTypes: ['housing'], capacity: '3' }, 'capacity'],
      ['negative capacity', { name: 'A', serviceTypes: ['housing'], capacity: -1 }, 'capacity'],
      ['fractional capacity', { name: 'A', serviceTypes: ['housing'], capacity: 1.5 }, 'capacity'],
      ['bad e-mail', { name: 'A', serviceTypes: ['housing'], contactEmail: 'not-an-email' }, 'contactEmail'],
      ['bad phone', { name: 'A', serviceTypes: ['housing'], phone: 'call me' }, 'phone'],
      ['unknown field', { name: 'A', serviceTypes: ['housing'], rating: 5 }, 'rating'],
      ['read-only field', { name: 'A', serviceTypes: ['housing'], organizationId: '00000000-0000-4000-8000-000000000000' }, 'organizationId'],
      ['id in body', { name: 'A', serviceTypes: ['housing'], id: '00000000-0000-4000-8000-000000000000' }, 'id'],
    ];
    it.each(cases)('%s', async (_label, body, field) => {
      const admin = await signIn(t, org.admin);
      const before = await t.dataSource.getRepository(PartnerOrg).count();
      const res = await admin.post(api('/partner-orgs')).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toHaveProperty([field]);
      expect(res.body.message).toContain(field);
      expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|SELECT|INSERT|node_modules/);
      expect(await t.dataSource.getRepository(PartnerOrg).count()).toBe(before);
    });

    it('malformed JSON and prototype keys are 400 without a trace', async () => {
      const admin = await signIn(t, org.admin);
      const malformed = await admin.post(api('/partner-orgs')).set('Content-Type', 'application/json').send('{"name": ').expect(400);
      expect(malformed.body.code).toBe('MALFORMED_BODY');
      const proto = await admin
        .post(api('/partner-orgs'))
        .set('Content-Type', 'application/json')
        .send('{"name":"A","serviceTypes":["housing"],"__proto__":{"admin":true}}')
        .expect(400);
      expect(proto.body.status).toBe(400);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('an update without a version is refused', async () => {
      const admin = await signIn(t, org.admin);
      const res = await admin.put(api(`/partner-orgs/${org.partnerOrg.id}`)).send({ capacity: 1 }).expect(400);
      expect(res.body.errors).toHaveProperty(['version']);
    });

    it('a non-uuid id is 400 naming id', async () => {
      const admin = await signIn(t, org.admin);
      const res = await admin.get(api('/partner-orgs/123')).expect(400);
      expect(res.body.errors).toEqual({ id: ['must be a uuid'] });
    });
  });

  describe('lists', () => {
    it('filters by service type and accepting referrals, sorts, pages, and counts only what the caller may see', async () => {
      const coordinator = await signIn(t, org.coordinator);
      const all = await coordinator.get(api('/partner-orgs')).query({ range: '[0,99]' }).expect(200);
      const ownCount = await t.dataSource.getRepository(PartnerOrg).count({ where: { organizationId: org.organizationId } });
      expect(all.headers['content-range']).toBe(`partner-orgs 0-${ownCount - 1}/${ownCount}`);
      expect(all.body.every((p: { organizationId: string }) => p.organizationId === org.organizationId)).toBe(true);

      const housing = await coordinator
        .get(api('/partner-orgs'))
        .query({ filter: JSON.stringify({ serviceType: 'housing', acceptingReferrals: true }), sort: '["capacity","DESC"]' })
        .expect(200);
      expect(housing.body.length).toBeGreaterThan(0);
      for (const p of housing.body) {
        expect(p.serviceTypes).toContain('housing');
        expect(p.acceptingReferrals).toBe(true);
      }
      const capacities = housing.body.map((p: { capacity: number }) => p.capacity);
      expect(capacities).toEqual([...capacities].sort((a, b) => b - a));

      const page = await coordinator.get(api('/partner-orgs')).query({ range: '[1,1]', sort: '["name","ASC"]' }).expect(200);
      expect(page.body).toHaveLength(1);
      expect(page.headers['content-range']).toBe(`partner-orgs 1-1/${ownCount}`);
    });

    it('getMany by id never returns another organization\'s row', async () => {
      const coordinator = await signIn(t, org.coordinator);
      const res = await coordinator
        .get(api('/partner-orgs'))
        .query({ filter: JSON.stringify({ id: [org.partnerOrg.id, other.partnerOrg.id] }) })
        .expect(200);
      expect(res.body.map((p: { id: string }) => p.id)).toEqual([org.partnerOrg.id]);
      expect(res.headers['content-range']).toBe('partner-orgs 0-0/1');
    });

    it.each([
      [{ filter: '{"nope":1}' }, 'filter.nope'],
      [{ filter: '{"serviceType":"spa"}' }, 'filter.serviceType'],
      [{ filter: 'not json' }, 'filter'],
      [{ sort: '["contactEmail","ASC"]' }, 'sort'],
      [{ sort: '["name","SIDEWAYS"]' }, 'sort'],
      [{ range: '[5,2]' }, 'range'],
      [{ range: '[0,1000]' }, 'range'],
      [{ range: '[-1,3]' }, 'range'],
      [{ limit: '10' }, 'limit'],
    ])('bad list parameters %j are a 400 naming %s', async (query, field) => {
      const coordinator = await signIn(t, org.coordinator);
      const res = await coordinator.get(api('/partner-orgs')).query(query).expect(400);
      expect(res.body.errors).toHaveProperty([field]);
    });

    it('a duplicated parameter is a 400, not a crash', async () => {
      const coordinator = await signIn(t, org.coordinator);
      await coordinator.get(`${api('/partner-orgs')}?sort=["name","ASC"]&sort=["name","DESC"]`).expect(400);
    });
  });

  describe('who may do what', () => {
    it('coordinators and caseworkers read; they cannot create or edit', async () => {
      for (const user of [org.coordinator, org.caseworker]) {
        const agent = await signIn(t, user);
        await agent.get(api('/partner-orgs')).expect(200);
        await agent.get(api(`/partner-orgs/${org.partnerOrg.id}`)).expect(200);
        await agent.post(api('/partner-orgs')).send({ name: 'Nope', serviceTypes: ['housing'] }).expect(403);
        await agent.put(api(`/partner-orgs/${org.partnerOrg.id}`)).send({ capacity: 0, version: 1 }).expect(403);
      }
    });

    it('analysts reach nothing here, and the denial is audited', async () => {
      const analyst = await signIn(t, org.analyst);
      await analyst.get(api('/partner-orgs')).expect(403);
      await analyst.get(api(`/partner-orgs/${org.partnerOrg.id}`)).expect(403);
      const denial = await t.dataSource
        .getRepository(AuditEvent)
        .findOne({ where: { actorId: org.analyst.id, action: 'denied', subjectType: 'PartnerOrg' } });
      expect(denial).toMatchObject({ outcome: 'denied', reason: 'read' });
    });

    it('another organization\'s partner org is a 404 and an audited denial', async () => {
      const admin = await signIn(t, org.admin);
      await admin.get(api(`/partner-orgs/${other.partnerOrg.id}`)).expect(404);
      await admin.put(api(`/partner-orgs/${other.partnerOrg.id}`)).send({ capacity: 0, version: 1 }).expect(404);
      const denials = await t.dataSource
        .getRepository(AuditEvent)
        .find({ where: { actorId: org.admin.id, action: 'denied', subjectId: other.partnerOrg.id } });
      expect(denials.map((d) => d.reason).sort()).toEqual(['read', 'update']);
      const untouched = await t.dataSource.getRepository(PartnerOrg).findOneByOrFail({ id: other.partnerOrg.id });
      expect(untouched.capacity).toBe(other.partnerOrg.capacity);
    });

    it('a partner user sees only their own org and may change only its capacity and contact', async () => {
      const partner = await signIn(t, org.partner);
      const list = await partner.get(api('/partner-orgs')).expect(200);
      expect(list.body.map((p: { id: string }) => p.id)).toEqual([org.partnerOrg.id]);
      await partner.get(api(`/partner-orgs/${org.partnerOrg2.id}`)).expect(404);

      const current = (await partner.get(api(`/partner-orgs/${org.partnerOrg.id}`)).expect(200)).body;
      const ok = await partner
        .put(api(`/partner-orgs/${org.partnerOrg.id}`))
        .send({ capacity: 2, acceptingReferrals: false, version: current.version })
        .expect(200);
      expect(ok.body).toMatchObject({ capacity: 2, acceptingReferrals: false });

      const refused = await partner
        .put(api(`/partner-orgs/${org.partnerOrg.id}`))
        .send({ name: 'Renamed', version: ok.body.version })
        .expect(403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN_FIELDS', errors: { name: expect.any(Array) } });
      const row = await t.dataSource.getRepository(PartnerOrg).findOneByOrFail({ id: org.partnerOrg.id });
      expect(row.name).toBe(org.partnerOrg.name);
      await partner.put(api(`/partner-orgs/${org.partnerOrg2.id}`)).send({ capacity: 1, version: 1 }).expect(404);
    });

    it('an anonymous request is 401', async () => {
      await request(t.http).get(api('/partner-orgs')).expect(401);
    });
  });
});

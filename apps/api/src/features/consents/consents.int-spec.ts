import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { withTwoOrgWorld, type Agent } from '../../testing/builders.js';
import { lastAudit, signIn, api } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';

describe('consents', () => {
  const { t, org, other, as: { caseworker: cw, caseworker2: cw2, coordinator } } = withTwoOrgWorld(['caseworker', 'caseworker2', 'coordinator']);

  const lastAuditOf = (actorId: string, action: AuditEvent['action']) => lastAudit(t, actorId, action);

  const record = (agent: Agent, survivorId: string, extra: Record<string, unknown> = {}) =>
    agent.post(api('/consents')).send({ survivorId, purpose: 'services', method: 'verbal', ...extra });

  it('listing consents is audited: one row naming every consent returned', async () => {
    const { survivor, kase } = await createSurvivorWithCase(cw);
    const a = (await record(cw, survivor.id, { caseId: kase.id }).expect(201)).body;
    const b = (
      await record(cw, survivor.id, { purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: ['alias'], method: 'written' }).expect(201)
    ).body;
    expect(a).toMatchObject({ survivorId: survivor.id, caseId: kase.id, state: 'live' });
    const list = (await cw.get(api('/consents')).query({ filter: JSON.stringify({ survivorId: survivor.id }) }).expect(200)).body as { id: string }[];
    expect(list.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    const row = await lastAuditOf(org.caseworker.id, 'list');
    expect(row).toMatchObject({ subjectType: 'Consent', subjectId: null });
    expect(row!.subjectIds!.sort()).toEqual([a.id, b.id].sort());
    expect(row!.fields).toEqual(expect.arrayContaining(['survivorId', 'purpose', 'state']));

    // The coordinator reads the whole program's consents: audited too.
    const seen = (await coordinator.get(api('/consents')).query({ filter: JSON.stringify({ survivorId: survivor.id }) }).expect(200)).body as { id: string }[];
    expect(seen).toHaveLength(2);
    expect((await lastAuditOf(org.coordinator.id, 'list'))!.subjectIds!.sort()).toEqual([a.id, b.id].sort());
  });

  it('opening a consent is audited; out of reach it is a 404 (with an audited denial inside the organization)', async () => {
    const { survivor } = await createSurvivorWithCase(cw);
    const consent = (await record(cw, survivor.id).expect(201)).body;
    const opened = (await cw.get(api(`/consents/${consent.id}`)).expect(200)).body;
    expect(opened).toMatchObject({ id: consent.id, survivorId: survivor.id, purpose: 'services', state: 'live' });
    const read = await lastAuditOf(org.caseworker.id, 'read');
    expect(read).toMatchObject({ subjectType: 'Consent', subjectId: consent.id });
    expect(read!.fields).toEqual(expect.arrayContaining(['purpose', 'survivorId']));

    await cw2.get(api(`/consents/${consent.id}`)).expect(404);
    expect(await lastAuditOf(org.caseworker2.id, 'denied')).toMatchObject({ subjectType: 'Consent', subjectId: consent.id });
    expect((await cw2.get(api('/consents')).query({ filter: JSON.stringify({ survivorId: survivor.id }) }).expect(200)).body).toEqual([]);
    // Another organization learns nothing, and no row names the id in its trail.
    const foreign = await signIn(t, other.caseworker);
    await foreign.get(api(`/consents/${consent.id}`)).expect(404);
    expect(await t.dataSource.getRepository(AuditEvent).count({ where: { actorId: other.caseworker.id, subjectId: consent.id } })).toBe(0);
  });

  it('a survivor registered without a case yet: her consents are the registering caseworker\'s, in full', async () => {
    const survivor = (await cw.post(api('/survivors')).send({ alias: `No case ${Date.now()}` }).expect(201)).body;
    const created = (await record(cw, survivor.id).expect(201)).body;
    // The create response is filtered on the record with its survivor loaded: every field, not none.
    expect(created).toMatchObject({ survivorId: survivor.id, purpose: 'services', method: 'verbal', state: 'live' });
    expect(Object.keys(created)).toEqual(expect.arrayContaining(['id', 'organizationId', 'grantedAt', 'version']));
    await cw.get(api(`/consents/${created.id}`)).expect(200);
    await cw2.get(api(`/consents/${created.id}`)).expect(404);
    await record(cw2, survivor.id).expect(400);

    // Once her case goes to another caseworker, the consent goes with it.
    const kase = (await cw.post(api('/cases')).send({ survivorId: survivor.id }).expect(201)).body;
    await coordinator.post(api(`/cases/${kase.id}/assign`)).send({ caseworkerId: org.caseworker2.id, version: kase.version }).expect(200);
    await cw.get(api(`/consents/${created.id}`)).expect(404);
    expect((await cw2.get(api(`/consents/${created.id}`)).expect(200)).body).toMatchObject({ id: created.id, state: 'live' });
    await cw.post(api(`/consents/${created.id}/revoke`)).send({ reason: 'No longer mine' }).expect(404);
    const revoked = (await cw2.post(api(`/consents/${created.id}/revoke`)).send({ reason: 'She withdrew it' }).expect(200)).body;
    expect(revoked).toMatchObject({ state: 'revoked', revocationReason: 'She withdrew it' });
    await cw2.post(api(`/consents/${created.id}/revoke`)).send({ reason: 'Again' }).expect(409);
  });

  it('refuses consent for a survivor off the caseload', async () => {
    const { survivor } = await createSurvivorWithCase(cw);
    const res = await record(cw2, survivor.id).expect(400);
    expect(res.body.errors).toHaveProperty(['survivorId']);
    const consent = (await record(cw, survivor.id).expect(201)).body;
    await cw2.post(api(`/consents/${consent.id}/revoke`)).send({ reason: 'Not mine either' }).expect(404);
    expect((await cw.get(api(`/consents/${consent.id}`)).expect(200)).body.state).toBe('live');
  });

  it('a coordinator records the consent a survivor gave, from the case, and may revoke one; audited like the caseworker', async () => {
    const { survivor, kase } = await createSurvivorWithCase(cw);
    // The case tells the coordinator she may record one (the Consent tab shows the button from this).
    const opened = (await coordinator.get(api(`/cases/${kase.id}`)).expect(200)).body;
    expect(opened.permissions.consent).toMatchObject({ read: true, create: true, revoke: true });
    const created = (
      await coordinator
        .post(api('/consents'))
        .send({ survivorId: survivor.id, caseId: kase.id, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: ['alias'], method: 'verbal' })
        .expect(201)
    ).body;
    expect(created).toMatchObject({ state: 'live', sharedFields: ['alias'], survivorId: survivor.id });
    expect(await lastAuditOf(org.coordinator.id, 'create')).toMatchObject({ subjectType: 'Consent', subjectId: created.id });
    // The caseworker sees it on her survivor's file.
    expect((await cw.get(api(`/consents/${created.id}`)).expect(200)).body.state).toBe('live');
    const revoked = (await coordinator.post(api(`/consents/${created.id}/revoke`)).send({ reason: 'She withdrew it by phone' }).expect(200)).body;
    expect(revoked).toMatchObject({ state: 'revoked' });
  });

  it('a coordinator never records one for another organization; partners and admins never do', async () => {
    const { survivor } = await createSurvivorWithCase(cw);
    const otherCw = await signIn(t, other.caseworker);
    const { survivor: elsewhere } = await createSurvivorWithCase(otherCw);
    const refused = await record(coordinator, elsewhere.id).expect(400);
    expect(refused.body.errors).toHaveProperty(['survivorId']);
    const admin = await signIn(t, org.admin);
    await record(admin, survivor.id).expect(403);
    const partner = await signIn(t, org.partner);
    await record(partner, survivor.id).expect(403);
    expect((await cw.get(api('/consents')).query({ filter: JSON.stringify({ survivorId: survivor.id }) }).expect(200)).body).toEqual([]);
  });
});

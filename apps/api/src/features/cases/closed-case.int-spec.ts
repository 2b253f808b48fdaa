import { api, createOrgFixture, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { closeCase, createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

/**
 * A closed case is read-only (issue 13): its fields, its caseworker, its notes, plan and new consents
 * answer 409 CASE_CLOSED and change nothing; follow-up assessments and consent revocation still work,
 * and reopening opens it again.
 */
describe('closed cases', () => {
  let t: TestApp;
  let org: OrgFixture;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrgFixture(t.dataSource);
  });
  afterAll(() => t.close());

  const today = () => t.clock.now().toISOString().slice(0, 10);

  it('refuses every change to a closed case and its records with 409 CASE_CLOSED, and keeps the two exceptions', async () => {
    const caseworker = await signIn(t, org.caseworker);
    const coordinator = await signIn(t, org.coordinator);
    const { survivor, kase } = await createSurvivorWithCase(caseworker);
    await caseworker.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'active' }).expect(200);
    const consent = await caseworker
      .post(api('/consents'))
      .send({ survivorId: survivor.id, caseId: kase.id, purpose: 'services', method: 'verbal' })
      .expect(201);
    await closeCase(caseworker, kase.id, {}, t.clock.now());
    const closed = (await caseworker.get(api(`/cases/${kase.id}`)).expect(200)).body;
    expect(closed.status).toBe('closed');

    const refusals = [
      await caseworker.put(api(`/cases/${kase.id}`)).send({ riskLevel: 'high', version: closed.version }),
      await caseworker.patch(api(`/cases/${kase.id}`)).send({ riskLevel: 'high', version: closed.version }),
      await coordinator.post(api(`/cases/${kase.id}/assign`)).send({ caseworkerId: org.caseworker2.id, version: closed.version }),
      await caseworker.post(api('/case-notes')).send({ caseId: kase.id, body: 'After closing', noteType: 'contact', contactMethod: 'phone' }),
      await caseworker.post(api('/consents')).send({ survivorId: survivor.id, caseId: kase.id, purpose: 'services', method: 'verbal' }),
    ];
    for (const answer of refusals) {
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 409, code: 'CASE_CLOSED' });
    }
    const after = (await caseworker.get(api(`/cases/${kase.id}`)).expect(200)).body;
    expect(after).toMatchObject({ riskLevel: closed.riskLevel, assignedCaseworkerId: org.caseworker.id, version: closed.version });

    // The exceptions: a follow-up assessment, and revoking a consent.
    await caseworker
      .post(api('/outcomes'))
      .send({ caseId: kase.id, stage: '90_days', assessedOn: today(), housingSituation: 410, safetyRating: 4 })
      .expect(201);
    await caseworker.post(api(`/consents/${consent.body.id}/revoke`)).send({ reason: 'Asked to withdraw' }).expect(200);

    // Reopening (a coordinator's call) makes it editable again.
    await coordinator.post(api(`/cases/${kase.id}/reopen`)).send({ reason: 'New contact' }).expect(200);
    const reopened = (await caseworker.get(api(`/cases/${kase.id}`)).expect(200)).body;
    await caseworker.patch(api(`/cases/${kase.id}`)).send({ riskLevel: 'high', version: reopened.version }).expect(200);
  });
});

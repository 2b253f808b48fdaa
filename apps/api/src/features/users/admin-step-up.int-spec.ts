import { generate } from 'otplib';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { RecoveryCode } from '../../access/auth/recovery-code.entity.js';
import { User } from '../../access/auth/user.entity.js';
import { api, createOrgFixture, FIXTURE_PASSWORD, freshIp, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { withTwoOrgWorld } from '../../testing/builders.js';

/**
 * Issue 11, point 3: with a session older than the step-up window an admin created an admin account
 * and changed another admin's e-mail. Every sensitive admin action now needs a password (or code)
 * entered in the last 5 minutes.
 */
describe('step-up for every sensitive admin action', () => {
  const { t, org, other } = withTwoOrgWorld([]);

  /** An admin whose last proof of identity is 6 minutes old. */
  async function staleAdmin(fixture: OrgFixture = org): Promise<TestAgent> {
    const agent = await signIn(t, fixture.admin);
    t.clock.advanceMinutes(6);
    return agent;
  }

  const stepUp = (agent: TestAgent) => agent.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
  const version = async (id: string) => (await t.dataSource.getRepository(User).findOneByOrFail({ id })).version;

  it('creating a user (the review: an admin account with a chosen password)', async () => {
    const admin = await staleAdmin();
    const email = `new-admin-${Date.now()}@example.test`;
    const body = { email, displayName: 'New Admin', role: 'admin', password: 'a long and unusual passphrase here' };
    const refused = await admin.post(api('/users')).send(body).expect(403);
    expect(refused.body.code).toBe('AUTH_STEP_UP_REQUIRED');
    expect(await t.dataSource.getRepository(User).countBy({ email })).toBe(0);
    await stepUp(admin);
    await admin.post(api('/users')).send(body).expect(201);
  });

  it.each([
    ['the e-mail', (f: OrgFixture) => ({ email: `changed-${Math.random().toString(36).slice(2)}@example.test`, id: f.coordinator.id })],
    ['the role', (f: OrgFixture) => ({ role: 'coordinator', id: f.analyst.id })],
    ['the partner organization', (f: OrgFixture) => ({ partnerOrgId: f.partnerOrg2.id, id: f.partner.id })],
  ])('changing %s of a user', async (_label, change) => {
    const fixture = await createOrgFixture(t.dataSource);
    const admin = await staleAdmin(fixture);
    const { id, ...patch } = change(fixture);
    const refused = await admin.put(api(`/users/${id}`)).send({ ...patch, version: await version(id) }).expect(403);
    expect(refused.body.code).toBe('AUTH_STEP_UP_REQUIRED');
    await stepUp(admin);
    await admin.put(api(`/users/${id}`)).send({ ...patch, version: await version(id) }).expect(200);
  });

  it('switching an account back on, but not switching it off or renaming it', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const admin = await staleAdmin(fixture);
    const id = fixture.caseworker2.id;
    await admin.put(api(`/users/${id}`)).send({ displayName: 'Renamed', version: await version(id) }).expect(200);
    await admin.put(api(`/users/${id}`)).send({ active: false, version: await version(id) }).expect(200);
    const refused = await admin.put(api(`/users/${id}`)).send({ active: true, version: await version(id) }).expect(403);
    expect(refused.body.code).toBe('AUTH_STEP_UP_REQUIRED');
    await stepUp(admin);
    await admin.put(api(`/users/${id}`)).send({ active: true, version: await version(id) }).expect(200);
  });

  it('deactivating (or reactivating) a partner organization', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const admin = await staleAdmin(fixture);
    const id = fixture.partnerOrg2.id;
    const current = async () => (await admin.get(api(`/partner-orgs/${id}`)).expect(200)).body.version as number;
    await admin.put(api(`/partner-orgs/${id}`)).send({ capacity: 7, version: await current() }).expect(200);
    const refused = await admin.put(api(`/partner-orgs/${id}`)).send({ active: false, version: await current() }).expect(403);
    expect(refused.body.code).toBe('AUTH_STEP_UP_REQUIRED');
    await stepUp(admin);
    await admin.put(api(`/partner-orgs/${id}`)).send({ active: false, version: await current() }).expect(200);
  });

  describe("resetting another user's second factor", () => {
    let fixture: OrgFixture;
    let secret: string;
    const code = () => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

    beforeAll(async () => {
      fixture = await createOrgFixture(t.dataSource);
      const agent = await signIn(t, fixture.coordinator);
      secret = (await agent.post(api('/auth/mfa/setup')).expect(200)).body.secret;
      await agent.post(api('/auth/mfa/enable')).send({ code: await code() }).expect(200);
      t.clock.advance(31_000);
    });

    it('needs an admin of the same organization and a fresh step-up, erases the factor, ends the sessions and is audited', async () => {
      const target = fixture.coordinator;
      const path = api(`/users/${target.id}/mfa/reset`);
      const targetSession = request.agent(t.http).set('X-Forwarded-For', freshIp());
      await targetSession.post(api('/auth/login')).send({ email: target.email, password: FIXTURE_PASSWORD, totp: await code() }).expect(200);

      for (const who of ['coordinator', 'caseworker', 'analyst', 'partner'] as const) {
        const agent = await signIn(t, fixture.users[who], FIXTURE_PASSWORD).catch(() => null);
        if (agent) await agent.post(path).expect(403);
      }
      await (await signIn(t, other.admin)).post(path).expect(404);

      const admin = await staleAdmin(fixture);
      const refused = await admin.post(path).expect(403);
      expect(refused.body.code).toBe('AUTH_STEP_UP_REQUIRED');
      expect((await t.dataSource.getRepository(User).findOneByOrFail({ id: target.id })).mfaEnabled).toBe(true);

      await stepUp(admin);
      const reset = await admin.post(path).expect(200);
      expect(reset.body.mfaEnabled).toBe(false);
      const row = await t.dataSource.getRepository(User).findOneByOrFail({ id: target.id });
      expect([row.mfaEnabled, row.totpSecret, row.totpLastStep]).toEqual([false, null, null]);
      expect(await t.dataSource.getRepository(RecoveryCode).countBy({ userId: target.id })).toBe(0);
      await targetSession.get(api('/auth/me')).expect(401);
      const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'mfa_reset', subjectId: target.id });
      expect(audit.actorId).toBe(fixture.admin.id);
      expect(audit.fields).toEqual(['mfaEnabled']);
      // The person signs in with the password alone again (and may enrol anew).
      await request(t.http).post(api('/auth/login')).set('X-Forwarded-For', freshIp()).send({ email: target.email, password: FIXTURE_PASSWORD }).expect(200);
    });

    it("an admin does not reset their own (that is the account page's job)", async () => {
      const admin = await signIn(t, fixture.admin);
      await admin.post(api(`/users/${fixture.admin.id}/mfa/reset`)).expect(403);
    });
  });
});

import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { withTwoOrgWorld } from '../../testing/builders.js';
import { createOrgFixture, signIn, api, FIXTURE_PASSWORD } from '../../testing/fixtures.js';
import { User } from '../../access/auth/user.entity.js';

describe('users', () => {
  const { t, org, other } = withTwoOrgWorld([]);

  const newEmail = () => `u-${Math.random().toString(36).slice(2)}@example.test`;

  it('an admin creates a user who can then sign in; the password is never echoed or audited', async () => {
    const admin = await signIn(t, org.admin);
    const email = newEmail();
    const res = await admin
      .post(api('/users'))
      .send({ email: email.toUpperCase(), displayName: 'New Caseworker', role: 'caseworker', password: 'a long enough new passphrase' })
      .expect(201);
    expect(res.body).toMatchObject({ email, role: 'caseworker', active: true, mfaEnabled: false });
    expect(Object.keys(res.body)).not.toContain('password');
    expect(Object.keys(res.body)).not.toContain('passwordHash');
    expect(JSON.stringify(res.body)).not.toContain('passphrase');
    const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ subjectId: res.body.id, action: 'create' });
    expect(audit.fields).toContain('password');
    expect(JSON.stringify(audit)).not.toContain('passphrase');
    await signIn(t, { email }, 'a long enough new passphrase');
  });

  it('partner staff must name a partner org of the same organization; other roles must not', async () => {
    const admin = await signIn(t, org.admin);
    const base = { displayName: 'P', password: 'a long enough new passphrase' };
    const missing = await admin.post(api('/users')).send({ ...base, email: newEmail(), role: 'partner' }).expect(400);
    expect(missing.body.errors).toHaveProperty(['partnerOrgId']);
    const foreign = await admin
      .post(api('/users'))
      .send({ ...base, email: newEmail(), role: 'partner', partnerOrgId: other.partnerOrg.id })
      .expect(400);
    expect(foreign.body.errors).toHaveProperty(['partnerOrgId']);
    const misplaced = await admin
      .post(api('/users'))
      .send({ ...base, email: newEmail(), role: 'caseworker', partnerOrgId: org.partnerOrg.id })
      .expect(400);
    expect(misplaced.body.errors).toHaveProperty(['partnerOrgId']);
    await admin.post(api('/users')).send({ ...base, email: newEmail(), role: 'partner', partnerOrgId: org.partnerOrg.id }).expect(201);
  });

  it('a duplicate e-mail is a 409 naming email', async () => {
    const admin = await signIn(t, org.admin);
    const res = await admin
      .post(api('/users'))
      .send({ email: org.caseworker.email, displayName: 'Dup', role: 'caseworker', password: 'a long enough new passphrase' })
      .expect(409);
    expect(res.body.errors).toHaveProperty(['email']);
  });

  it('deactivating a user ends their sessions at once', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const victim = await signIn(t, fixture.caseworker);
    await victim.get(api('/auth/me')).expect(200);
    const admin = await signIn(t, fixture.admin);
    await admin.put(api(`/users/${fixture.caseworker.id}`)).send({ active: false, version: fixture.caseworker.version }).expect(200);
    await victim.get(api('/auth/me')).expect(401);
    await signIn(t, fixture.caseworker).then(
      () => {
        throw new Error('a deactivated user signed in');
      },
      (error: Error) => expect(error.message).toContain('401'),
    );
  });

  it('never leaves an organization without an active administrator', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const admin = await signIn(t, fixture.admin);
    const self = (await admin.get(api(`/users/${fixture.admin.id}`)).expect(200)).body;
    const demote = await admin.put(api(`/users/${self.id}`)).send({ role: 'coordinator', version: self.version }).expect(409);
    expect(demote.body.code).toBe('LAST_ADMIN');
    const disable = await admin.put(api(`/users/${self.id}`)).send({ active: false, version: self.version }).expect(409);
    expect(disable.body.errors).toHaveProperty(['active']);
    // With a second admin, the first may step down.
    const second = (
      await admin
        .post(api('/users'))
        .send({ email: newEmail(), displayName: 'Second Admin', role: 'admin', password: 'a long enough new passphrase' })
        .expect(201)
    ).body;
    expect(second.role).toBe('admin');
    await admin.put(api(`/users/${self.id}`)).send({ role: 'coordinator', version: self.version }).expect(200);
    const row = await t.dataSource.getRepository(User).findOneByOrFail({ id: self.id });
    expect(row.role).toBe('coordinator');
  });

  it('changing a role ends the user\'s sessions (their permissions changed)', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const analyst = await signIn(t, fixture.analyst);
    const admin = await signIn(t, fixture.admin);
    await admin.put(api(`/users/${fixture.analyst.id}`)).send({ role: 'coordinator', version: fixture.analyst.version }).expect(200);
    await analyst.get(api('/auth/me')).expect(401);
  });

  describe('who sees whom', () => {
    it('coordinators see the directory of their organization without private fields', async () => {
      const coordinator = await signIn(t, org.coordinator);
      const res = await coordinator.get(api('/users')).query({ range: '[0,99]' }).expect(200);
      const ids = res.body.map((u: { id: string }) => u.id);
      expect(ids).toEqual(expect.arrayContaining([org.caseworker.id, org.caseworker2.id]));
      expect(ids).not.toContain(other.caseworker.id);
      const someoneElse = res.body.find((u: { id: string }) => u.id === org.caseworker.id);
      expect(Object.keys(someoneElse).sort()).toEqual(['active', 'displayName', 'email', 'id', 'partnerOrgId', 'role']);
      await coordinator.post(api('/users')).send({ email: newEmail(), displayName: 'x', role: 'caseworker', password: FIXTURE_PASSWORD }).expect(403);
    });

    it.each(['caseworker', 'partner', 'analyst'] as const)('a %s sees only themselves', async (role) => {
      const user = org.users[role];
      const agent = await signIn(t, user);
      const list = await agent.get(api('/users')).expect(200);
      expect(list.body.map((u: { id: string }) => u.id)).toEqual([user.id]);
      expect(list.headers['content-range']).toBe('users 0-0/1');
      await agent.get(api(`/users/${user.id}`)).expect(200);
      await agent.get(api(`/users/${org.admin.id}`)).expect(404);
      await agent.put(api(`/users/${user.id}`)).send({ role: 'admin', version: user.version }).expect(403);
      const row = await t.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
      expect(row.role).toBe(role);
    });

    it('an admin cannot read or change users of another organization', async () => {
      const admin = await signIn(t, org.admin);
      await admin.get(api(`/users/${other.admin.id}`)).expect(404);
      await admin.put(api(`/users/${other.caseworker.id}`)).send({ active: false, version: 1 }).expect(404);
      const row = await t.dataSource.getRepository(User).findOneByOrFail({ id: other.caseworker.id });
      expect(row.active).toBe(true);
    });

    it('an admin may not set fields outside the user allowlist', async () => {
      const admin = await signIn(t, org.admin);
      const { mfaEnabled, version } = (await admin.get(api(`/users/${org.caseworker2.id}`)).expect(200)).body;
      // A read-only field sent back as it was read is ignored (react-admin sends the whole record);
      // changing it is refused, naming it, and so is a field a user record does not have.
      const changed = await admin.put(api(`/users/${org.caseworker2.id}`)).send({ mfaEnabled: !mfaEnabled, version }).expect(400);
      expect(changed.body.errors).toHaveProperty(['mfaEnabled']);
      const invented = await admin.put(api(`/users/${org.caseworker2.id}`)).send({ totpSecret: 'x', version }).expect(400);
      expect(invented.body.errors).toHaveProperty(['totpSecret']);
      await admin.patch(api(`/users/${org.caseworker2.id}`)).send({ mfaEnabled, version }).expect(400);
      const row = await t.dataSource.getRepository(User).findOneByOrFail({ id: org.caseworker2.id });
      expect({ mfaEnabled: row.mfaEnabled, version: row.version }).toEqual({ mfaEnabled, version });
    });
  });
});

import { createHash, createHmac } from 'node:crypto';
import { generate } from 'otplib';
import request from 'supertest';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { withOrgWorld } from '../../testing/builders.js';
import { createOrgFixture, freshIp, FIXTURE_PASSWORD, signIn, api } from '../../testing/fixtures.js';
import { TEST_KEYS } from '../../testing/test-app.js';
import { User } from './user.entity.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { Session } from './session.entity.js';

const cookieOf = (res: request.Response): string | undefined =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('lantern_sid='));

describe('sign-in and sessions', () => {
  const { t, org } = withOrgWorld([]);

  const login = (body: Record<string, unknown>, ip = freshIp()) =>
    request(t.http).post(api('/auth/login')).set('X-Forwarded-For', ip).send(body);

  it('sets an HttpOnly, SameSite=Strict, host-only session cookie and returns the user and packed rules', async () => {
    const res = await login({ email: org.caseworker.email, password: FIXTURE_PASSWORD }).expect(200);
    const cookie = cookieOf(res)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(res.body)).not.toContain(token);
    expect(res.body.user).toEqual({
      id: org.caseworker.id,
      email: org.caseworker.email,
      displayName: org.caseworker.displayName,
      role: 'caseworker',
      organizationId: org.organizationId,
      partnerOrgId: null,
      locale: 'en',
    });
    expect(Array.isArray(res.body.rules.packed)).toBe(true);
    // Only a hash of the token is stored.
    const stored = await t.dataSource.getRepository(Session).find({ where: { userId: org.caseworker.id } });
    expect(stored.some((s) => s.tokenHash === token)).toBe(false);
  });

  it('gives a new session id at every sign-in', async () => {
    const a = cookieOf(await login({ email: org.caseworker.email, password: FIXTURE_PASSWORD }).expect(200));
    const b = cookieOf(await login({ email: org.caseworker.email, password: FIXTURE_PASSWORD }).expect(200));
    expect(a).toBeDefined();
    expect(a).not.toEqual(b);
  });

  it('answers an unknown user and a wrong password identically', async () => {
    const wrong = await login({ email: org.coordinator.email, password: 'not the right password at all' });
    const unknown = await login({ email: 'nobody-here@example.test', password: 'not the right password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.message).toBe('The e-mail address or password is not correct');
    expect(cookieOf(wrong)).toBeUndefined();
  });

  it('refuses a truncated, extended or re-cased password', async () => {
    for (const password of [FIXTURE_PASSWORD.slice(0, -1), `${FIXTURE_PASSWORD}x`, FIXTURE_PASSWORD.toUpperCase()]) {
      await login({ email: org.analyst.email, password }).expect(401);
    }
  });

  it('records logins and failed logins in the audit trail without the typed name', async () => {
    const ip = freshIp();
    await login({ email: org.analyst.email, password: 'definitely wrong password' }, ip).expect(401);
    await login({ email: 'ghost-user@example.test', password: 'definitely wrong password' }, ip).expect(401);
    await login({ email: org.analyst.email, password: FIXTURE_PASSWORD }, ip).expect(200);
    const rows = await t.dataSource.getRepository(AuditEvent).find({ where: { subjectId: org.analyst.id }, order: { seq: 'ASC' } });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['login_failed', 'login']));
    const all = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE reason LIKE '%ghost-user%' OR ip LIKE '%ghost%'`);
    expect(all[0].n).toBe(0);
  });

  describe('throttling', () => {
    it('throttles one name from one address by the 6th wrong password, with the same answer for unknown names and for the right password', async () => {
      for (const email of [org.caseworker2.email, 'no-such-user-throttle@example.test']) {
        const ip = freshIp();
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++) statuses.push((await login({ email, password: `wrong password number ${i}` }, ip)).status);
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      }
      const ip = freshIp();
      for (let i = 0; i < 5; i++) await login({ email: org.caseworker.email, password: `wrong password number ${i}` }, ip).expect(401);
      const wrong = await login({ email: org.caseworker.email, password: 'another wrong password' }, ip);
      const right = await login({ email: org.caseworker.email, password: FIXTURE_PASSWORD }, ip);
      expect(right.status).toBe(429);
      expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
      const strip = (res: request.Response) => ({ ...res.body, requestId: undefined });
      expect(strip(right)).toEqual(strip(wrong));
      expect(Math.abs(Number(right.headers['retry-after']) - Number(wrong.headers['retry-after']))).toBeLessThanOrEqual(1);
      expect(cookieOf(right)).toBeUndefined();
      t.clock.advance(61_000);
      await login({ email: org.caseworker.email, password: FIXTURE_PASSWORD }, ip).expect(200);
    });

    it('does not lock the person out: the right password from another address still signs in', async () => {
      const target = await createOrgFixture(t.dataSource);
      const attacker = freshIp();
      for (let i = 0; i < 8; i++) await login({ email: target.caseworker.email, password: `guess number ${i} is wrong` }, attacker);
      await login({ email: target.caseworker.email, password: FIXTURE_PASSWORD }, attacker).expect(429);
      await login({ email: target.caseworker.email, password: FIXTURE_PASSWORD }).expect(200);
    });

    it('backs off exponentially per address: each failure past the free ones doubles the wait', async () => {
      const target = await createOrgFixture(t.dataSource);
      const ip = freshIp();
      const waits: number[] = [];
      for (let round = 0; round < 4; round++) {
        for (;;) {
          const res = await login({ email: target.analyst.email, password: 'a wrong password again' }, ip);
          if (res.status === 429) {
            waits.push(Number(res.headers['retry-after']));
            t.clock.advance(Number(res.headers['retry-after']) * 1000 + 1000);
            break;
          }
          expect(res.status).toBe(401);
        }
      }
      // 1, 2, 4, 8 minutes (Retry-After in seconds, rounded up: a busy machine may shave a second off).
      expect(waits.map((w) => Math.round(w / 60))).toEqual([1, 2, 4, 8]);
    });

    it('never locks an account guessed from many addresses, and tells its admins once', async () => {
      const target = await createOrgFixture(t.dataSource);
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await login({ email: target.coordinator.email, password: `spread guess ${i}` })).status);
      expect(new Set(statuses)).toEqual(new Set([401]));
      await login({ email: target.coordinator.email, password: FIXTURE_PASSWORD }).expect(200);
      const admin = await signIn(t, target.admin);
      const notes = (await admin.get(api('/notifications')).expect(200)).body as { kind: string; title: string }[];
      const alerts = notes.filter((n) => n.kind === 'failed_secret_checks');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.title).toContain(target.coordinator.displayName);
      // The person themselves is not told by this channel, nor are other organizations' admins.
      const otherAdmin = await signIn(t, org.admin);
      const others = (await otherAdmin.get(api('/notifications')).expect(200)).body as { kind: string; title: string }[];
      expect(others.filter((n) => n.title.includes(target.coordinator.displayName))).toHaveLength(0);
    });

    it('throttles one client address guessing across many names', async () => {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await login({ email: `spray-${i}@example.test`, password: 'Summer2026Summer2026' }, ip)).status);
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      t.clock.advance(61_000);
    });

    it('keeps only keyed hashes of names and addresses', async () => {
      const ip = freshIp();
      const email = `keyed-${Date.now()}@example.test`;
      await login({ email, password: 'not the password at all' }, ip).expect(401);
      const rows = (await t.dataSource.query('SELECT bucket_key, rule FROM throttle_bucket')) as { bucket_key: string; rule: string }[];
      const dump = JSON.stringify(rows);
      expect(dump).not.toContain(email);
      expect(dump).not.toContain(ip);
      const unkeyed = createHash('sha256').update(`account:${email}`).digest('hex');
      expect(dump).not.toContain(unkeyed);
      const keyed = createHmac('sha256', TEST_KEYS.blindIndexKey).update(`throttle:password:account|${email}`).digest('hex');
      expect(rows.map((r) => r.bucket_key)).toContain(keyed);
    });
  });

  describe('session lifetime', () => {
    it('ends after 15 minutes idle', async () => {
      const agent = await signIn(t, org.coordinator);
      t.clock.advanceMinutes(14);
      await agent.get(api('/auth/me')).expect(200);
      t.clock.advanceMinutes(14);
      await agent.get(api('/auth/me')).expect(200);
      t.clock.advanceMinutes(16);
      const res = await agent.get(api('/auth/me')).expect(401);
      expect(res.body.code).toBe('AUTH_SESSION_EXPIRED');
      await agent.get(api('/auth/me')).expect(401);
    });

    it('background polling does not keep a session alive', async () => {
      const agent = await signIn(t, org.coordinator);
      t.clock.advanceMinutes(10);
      await agent.get(api('/auth/me')).set('X-Lantern-Background', '1').expect(200);
      t.clock.advanceMinutes(6);
      await agent.get(api('/auth/me')).expect(401);
    });

    it('ends 12 hours after sign-in even when active', async () => {
      const agent = await signIn(t, org.coordinator);
      for (let i = 0; i < 71; i++) {
        t.clock.advanceMinutes(10);
        await agent.get(api('/auth/me')).expect(200);
      }
      t.clock.advanceMinutes(11);
      await agent.get(api('/auth/me')).expect(401);
    });

    it('logout ends the session at once', async () => {
      const agent = await signIn(t, org.caseworker);
      await agent.post(api('/auth/logout')).expect(204);
      await agent.get(api('/auth/me')).expect(401);
      const rows = await t.dataSource.getRepository(AuditEvent).find({ where: { actorId: org.caseworker.id, action: 'logout' } });
      expect(rows.length).toBeGreaterThan(0);
    });

    it('a user lists their sessions and ends another one', async () => {
      const first = await signIn(t, org.analyst);
      const second = await signIn(t, org.analyst);
      const sessions = (await second.get(api('/auth/sessions')).expect(200)).body as { id: string; current: boolean }[];
      expect(sessions.filter((s) => s.current)).toHaveLength(1);
      const other = (await first.get(api('/auth/sessions')).expect(200)).body.find((s: { current: boolean }) => s.current).id;
      await second.delete(api(`/auth/sessions/${other}`)).expect(204);
      await first.get(api('/auth/me')).expect(401);
      await second.get(api('/auth/me')).expect(200);
      // Another user's session cannot be ended.
      const stranger = await signIn(t, org.coordinator);
      const strangers = (await stranger.get(api('/auth/sessions')).expect(200)).body[0].id;
      await second.delete(api(`/auth/sessions/${strangers}`)).expect(404);
      await stranger.get(api('/auth/me')).expect(200);
    });
  });

  describe('the session lookup on every request', () => {
    // One statement reads the session and its user (session.service.ts); nothing of it is kept between
    // requests, so a change made by anyone, even straight in the database, counts at the next request.
    it('reads revocation, deactivation, role and the MFA restriction afresh at the very next request', async () => {
      const own = await createOrgFixture(t.dataSource);
      const agent = await signIn(t, own.analyst);
      await agent.get(api('/cases')).expect(403);
      await t.dataSource.query('UPDATE app_user SET role = $1 WHERE id = $2', ['coordinator', own.analyst.id]);
      await agent.get(api('/cases')).expect(200);
      await t.dataSource.query('UPDATE session SET mfa_enrolment_required = TRUE WHERE user_id = $1', [own.analyst.id]);
      expect((await agent.get(api('/cases')).expect(403)).body.code).toBe('AUTH_MFA_ENROLMENT_REQUIRED');
      await t.dataSource.query('UPDATE session SET mfa_enrolment_required = FALSE WHERE user_id = $1', [own.analyst.id]);
      await agent.get(api('/cases')).expect(200);
      // Deactivated, its sessions not ended: refused all the same, and back once active again.
      await t.dataSource.query('UPDATE app_user SET active = FALSE WHERE id = $1', [own.analyst.id]);
      expect((await agent.get(api('/auth/me')).expect(401)).body.code).toBe('AUTH_REQUIRED');
      await t.dataSource.query('UPDATE app_user SET active = TRUE WHERE id = $1', [own.analyst.id]);
      await agent.get(api('/auth/me')).expect(200);
      await t.dataSource.query('UPDATE session SET revoked_at = $1 WHERE user_id = $2', [t.clock.now(), own.analyst.id]);
      expect((await agent.get(api('/auth/me')).expect(401)).body.code).toBe('AUTH_REQUIRED');
    });

    it('refuses a token of the wrong length and an unknown one', async () => {
      await request(t.http).get(api('/auth/me')).set('Cookie', 'lantern_sid=short').expect(401);
      await request(t.http).get(api('/auth/me')).set('Cookie', `lantern_sid=${'x'.repeat(43)}`).expect(401);
    });
  });

  describe('passwords', () => {
    it('changing the password needs the current one and ends the other sessions', async () => {
      const fixture = await createOrgFixture(t.dataSource);
      const user = fixture.caseworker;
      const other = await signIn(t, user);
      const agent = await signIn(t, user);
      const next = 'a completely new passphrase for robin';
      await agent.post(api('/auth/password')).send({ currentPassword: 'wrong current password', newPassword: next }).expect(400);
      await agent.post(api('/auth/password')).send({ currentPassword: FIXTURE_PASSWORD, newPassword: 'short' }).expect(400);
      await agent.post(api('/auth/password')).send({ currentPassword: FIXTURE_PASSWORD, newPassword: next }).expect(204);
      await other.get(api('/auth/me')).expect(401);
      await agent.get(api('/auth/me')).expect(200);
      await login({ email: user.email, password: FIXTURE_PASSWORD }).expect(401);
      await login({ email: user.email, password: next }).expect(200);
    });

    const phrase = (n: number) => 'river stone lamp quiet 7 '.repeat(10).slice(0, n);
    it.each([
      ['14 characters', phrase(14), 14, 400],
      ['15 characters', phrase(15), 15, 201],
      ['64 characters', phrase(64), 64, 201],
      ['128 characters', phrase(128), 128, 201],
      ['129 characters', phrase(129), 129, 400],
      ['a common password', 'passwordpassword', 16, 400],
      ['digits in a row (the review)', '123456789012345', 15, 400],
      ['the product name', 'LanternLantern2026!', 19, 400],
      ['only repeated characters', 'aaaaaaaaaaaaaaaaaaaa', 20, 400],
    ] as const)('a new account with a password of %s (%j, %i chars) answers %i', async (_label, password, length, status) => {
      expect([...password].length).toBe(length);
      const admin = await signIn(t, org.admin);
      const res = await admin
        .post(api('/users'))
        .send({ email: `pw-${Math.random().toString(36).slice(2)}@example.test`, displayName: 'Pat', role: 'analyst', password });
      expect(res.status).toBe(status);
      if (status === 400) expect(res.body.errors).toHaveProperty(['password']);
      if (password === '123456789012345') expect(res.body.errors.password[0]).toMatch(/too easy to guess: .+/);
    });

    // An account the admin makes through the API (the fixture people's hash is testing/fixtures.ts's own, cheaper).
    it('stores only Argon2id hashes', async () => {
      const admin = await signIn(t, org.admin);
      const created = await admin
        .post(api('/users'))
        .send({ email: `pw-${Math.random().toString(36).slice(2)}@example.test`, displayName: 'Pat', role: 'analyst', password: phrase(20) })
        .expect(201);
      const row = await t.dataSource.getRepository(User).findOneByOrFail({ id: created.body.id });
      expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });
  });

  describe('second factor', () => {
    let user: User;
    let agent: Awaited<ReturnType<typeof signIn>>;
    let secret: string;
    let recoveryCodes: string[];
    const code = () => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

    beforeAll(async () => {
      const fixture = await createOrgFixture(t.dataSource);
      user = fixture.coordinator;
      agent = await signIn(t, user);
      secret = (await agent.post(api('/auth/mfa/setup')).expect(200)).body.secret;
      await agent.post(api('/auth/mfa/enable')).send({ code: '000000' }).expect(400);
      recoveryCodes = (await agent.post(api('/auth/mfa/enable')).send({ code: await code() }).expect(200)).body.recoveryCodes;
      t.clock.advance(31_000);
    });

    it('keeps the secret encrypted and recovery codes hashed', async () => {
      const row = await t.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
      expect(row.totpSecret).toMatch(/^v1\.t1\./);
      expect(row.totpSecret).not.toContain(secret);
      const codes = await t.dataSource.getRepository(RecoveryCode).find({ where: { userId: user.id } });
      expect(codes).toHaveLength(10);
      expect(recoveryCodes).toHaveLength(10);
      for (const c of codes) expect(recoveryCodes.join()).not.toContain(c.codeHash);
    });

    it('gives no session before the code, and accepts a code once only', async () => {
      const ip = freshIp();
      const noCode = await login({ email: user.email, password: FIXTURE_PASSWORD }, ip).expect(401);
      expect(noCode.body.code).toBe('AUTH_MFA_REQUIRED');
      expect(cookieOf(noCode)).toBeUndefined();
      const now = await code();
      const ok = await login({ email: user.email, password: FIXTURE_PASSWORD, totp: now }, ip).expect(200);
      expect(cookieOf(ok)).toBeDefined();
      const replay = await login({ email: user.email, password: FIXTURE_PASSWORD, totp: now }, ip).expect(401);
      expect(replay.body.code).toBe('AUTH_MFA_INVALID');
      expect(cookieOf(replay)).toBeUndefined();
      t.clock.advance(30_000);
      await login({ email: user.email, password: FIXTURE_PASSWORD, totp: await code() }, ip).expect(200);
    });

    it('accepts a recovery code once', async () => {
      const [first] = recoveryCodes;
      await login({ email: user.email, password: FIXTURE_PASSWORD, recoveryCode: first }).expect(200);
      await login({ email: user.email, password: FIXTURE_PASSWORD, recoveryCode: first }).expect(401);
    });

    it('stops after 5 wrong codes', async () => {
      // Past the quiet spell after which earlier wrong codes (the reused recovery code) are forgotten.
      t.clock.advanceMinutes(4 * 60 + 1);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await login({ email: user.email, password: FIXTURE_PASSWORD, totp: '000001' })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      t.clock.advanceMinutes(16);
    });
  });

  describe('step-up', () => {
    it('a role change needs a password entered in the last 5 minutes, and step-up rotates the session id', async () => {
      const fixture = await createOrgFixture(t.dataSource);
      const admin = await signIn(t, fixture.admin);
      t.clock.advanceMinutes(6);
      const target = fixture.analyst;
      const refused = await admin.put(api(`/users/${target.id}`)).send({ role: 'coordinator', version: target.version }).expect(403);
      expect(refused.body.code).toBe('AUTH_STEP_UP_REQUIRED');
      await admin.post(api('/auth/step-up')).send({ password: 'wrong password for step up' }).expect(400);
      const before = (await admin.get(api('/auth/sessions')).expect(200)).body;
      const stepped = await admin.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
      expect(cookieOf(stepped)).toBeDefined();
      await admin.put(api(`/users/${target.id}`)).send({ role: 'coordinator', version: target.version }).expect(200);
      const after = (await admin.get(api('/auth/sessions')).expect(200)).body;
      expect(after.map((s: { id: string }) => s.id)).toEqual(before.map((s: { id: string }) => s.id));
    });
  });

  it('has no default credentials outside demo mode', async () => {
    for (const email of ['admin@harbor.demo', 'admin@example.com', 'admin']) {
      await login({ email, password: 'lantern-demo-password' }).expect((res) => expect([400, 401]).toContain(res.status));
    }
    const demoUsers = await t.dataSource.getRepository(User).count({ where: { email: 'admin@harbor.demo' } });
    expect(demoUsers).toBe(0);
  });

  it('counts a sign-in attempt only once it is evaluated', async () => {
    const count = async () => ((await t.dataSource.query('SELECT coalesce(sum(hits), 0)::int AS n FROM throttle_bucket')) as { n: number }[])[0]!.n;
    const before = await count();
    await login({ email: 'not-an-email', password: 'x' }).expect(400);
    expect(await count()).toBe(before);
  });
});

import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { withTwoOrgWorld } from '../../testing/builders.js';
import { api, createOrgFixture, FIXTURE_PASSWORD, freshIp, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import type { User } from './user.entity.js';

/**
 * Issue 11, points 2 and 4: every check of a secret goes through one throttle, keyed per account and
 * client address (never one bucket for everyone), and answers 429 with Retry-After, the same for a
 * right and a wrong guess once throttled.
 */
describe('one throttle for every secret check', () => {
  const { t, org, other } = withTwoOrgWorld([]);

  /** An agent signed in from one address, kept for every request it makes. */
  async function signedInFrom(user: Pick<User, 'email'>, ip = freshIp()): Promise<TestAgent> {
    const agent = request.agent(t.http).set('X-Forwarded-For', ip);
    await agent.post(api('/auth/login')).send({ email: user.email, password: FIXTURE_PASSWORD }).expect(200);
    return agent;
  }

  const strip = (res: request.Response) => ({ ...res.body, requestId: undefined });

  /** Five wrong guesses pass (as the check's own failure); the sixth, and the right answer after it, get 429. */
  async function expectThrottledAfterFive(wrong: () => Promise<request.Response>, right: () => Promise<request.Response>, failure: number) {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await wrong()).status);
    expect(statuses).toEqual(Array(5).fill(failure));
    const sixth = await wrong();
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe('AUTH_THROTTLED');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    const rightAnswer = await right();
    expect(rightAnswer.status).toBe(429);
    expect(strip(rightAnswer)).toEqual(strip(sixth));
  }

  it('step-up with a password', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const agent = await signedInFrom(fixture.admin);
    await expectThrottledAfterFive(
      () => agent.post(api('/auth/step-up')).send({ password: 'not my password at all' }),
      () => agent.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }),
      400,
    );
  });

  it('break-glass (the password entered again)', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const agent = await signedInFrom(fixture.coordinator);
    const body = (password: string) => ({ survivorId: randomUUID(), reason: 'Emergency: the survivor is at the door', password });
    await expectThrottledAfterFive(
      () => agent.post(api('/break-glass-grants')).send(body('not my password at all')),
      () => agent.post(api('/break-glass-grants')).send(body(FIXTURE_PASSWORD)),
      400,
    );
  });

  it('the password change (the current password)', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const agent = await signedInFrom(fixture.analyst);
    const body = (currentPassword: string) => ({ currentPassword, newPassword: 'a fresh passphrase for the analyst' });
    await expectThrottledAfterFive(
      () => agent.post(api('/auth/password')).send(body('not my password at all')),
      () => agent.post(api('/auth/password')).send(body(FIXTURE_PASSWORD)),
      400,
    );
  });

  it('one password, one count: wrong guesses through step-up, break-glass and the password change add up', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const agent = await signedInFrom(fixture.coordinator);
    await agent.post(api('/auth/step-up')).send({ password: 'wrong guess one' }).expect(400);
    await agent.post(api('/auth/step-up')).send({ password: 'wrong guess two' }).expect(400);
    const glass = { survivorId: randomUUID(), reason: 'Emergency: the survivor is at the door' };
    await agent.post(api('/break-glass-grants')).send({ ...glass, password: 'wrong guess three' }).expect(400);
    await agent.post(api('/break-glass-grants')).send({ ...glass, password: 'wrong guess four' }).expect(400);
    await agent.post(api('/auth/password')).send({ currentPassword: 'wrong guess five', newPassword: 'a fresh passphrase for me' }).expect(400);
    await agent.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(429);
  });

  describe('second factors', () => {
    let fixture: OrgFixture;
    let secret: string;
    let recoveryCodes: string[];
    const code = () => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });

    beforeAll(async () => {
      fixture = await createOrgFixture(t.dataSource);
      const agent = await signedInFrom(fixture.coordinator);
      secret = (await agent.post(api('/auth/mfa/setup')).expect(200)).body.secret;
      recoveryCodes = (await agent.post(api('/auth/mfa/enable')).send({ code: await code() }).expect(200)).body.recoveryCodes;
      t.clock.advance(31_000);
    });

    const login = (body: Record<string, unknown>, ip = freshIp()) =>
      request(t.http).post(api('/auth/login')).set('X-Forwarded-For', ip).send({ email: fixture.coordinator.email, password: FIXTURE_PASSWORD, ...body });

    it('recovery codes at sign-in, from any address', async () => {
      t.clock.advanceMinutes(4 * 60 + 1);
      await expectThrottledAfterFive(
        () => login({ recoveryCode: 'WRONG-CODE-0000' }),
        () => login({ recoveryCode: recoveryCodes[0] }),
        401,
      );
    });

    it('TOTP codes at step-up', async () => {
      t.clock.advanceMinutes(4 * 60 + 1);
      const agent = request.agent(t.http).set('X-Forwarded-For', freshIp());
      await agent.post(api('/auth/login')).send({ email: fixture.coordinator.email, password: FIXTURE_PASSWORD, totp: await code() }).expect(200);
      t.clock.advance(31_000);
      await expectThrottledAfterFive(
        () => agent.post(api('/auth/step-up')).send({ totp: '000000' }),
        async () => agent.post(api('/auth/step-up')).send({ totp: await code() }),
        400,
      );
      t.clock.advanceMinutes(4 * 60 + 1);
    });

    it('tells the admins when a second factor is being guessed (someone holds the password)', async () => {
      const admin = await signedInFrom(fixture.admin);
      const notes = (await admin.get(api('/notifications')).expect(200)).body as { kind: string; title: string }[];
      expect(notes.filter((n) => n.kind === 'failed_secret_checks' && n.title.includes('second factor')).length).toBeGreaterThan(0);
    });
  });

  describe('isolation (the review: five wrong step-ups by one caseworker locked out another organization’s admin)', () => {
    it('one person’s wrong step-ups throttle neither a colleague nor another organization’s admin at the same address', async () => {
      const shared = freshIp();
      const caseworker = await signedInFrom(org.caseworker, shared);
      const colleague = await signedInFrom(org.coordinator, shared);
      const foreignAdmin = await signedInFrom(other.admin, shared);
      for (let i = 0; i < 6; i++) await caseworker.post(api('/auth/step-up')).send({ password: `wrong guess ${i}` });
      await caseworker.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(429);
      await colleague.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
      await foreignAdmin.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
    });

    it('a throttled address does not lock the person out from another address', async () => {
      const fixture = await createOrgFixture(t.dataSource);
      const stolen = await signedInFrom(fixture.caseworker);
      for (let i = 0; i < 6; i++) await stolen.post(api('/auth/step-up')).send({ password: `wrong guess ${i}` });
      await stolen.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(429);
      const own = await signedInFrom(fixture.caseworker);
      await own.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
    });

    it('sign-in throttling of one organization’s user leaves another organization’s users alone', async () => {
      const ip = freshIp();
      for (let i = 0; i < 6; i++) {
        await request(t.http).post(api('/auth/login')).set('X-Forwarded-For', ip).send({ email: org.analyst.email, password: `wrong ${i} password` });
      }
      await request(t.http).post(api('/auth/login')).set('X-Forwarded-For', ip).send({ email: org.analyst.email, password: FIXTURE_PASSWORD }).expect(429);
      await request(t.http).post(api('/auth/login')).set('X-Forwarded-For', ip).send({ email: other.analyst.email, password: FIXTURE_PASSWORD }).expect(200);
      t.clock.advance(61_000);
    });
  });
});

describe('the throttle behind an untrusted proxy (every request from one address)', () => {
  it('counts each person apart: one person’s wrong step-ups do not throttle another', async () => {
    const t = await createTestApp({ config: { trustProxy: false } });
    try {
      const org = await createOrgFixture(t.dataSource);
      const a = await signIn(t, org.caseworker);
      const b = await signIn(t, org.caseworker2);
      for (let i = 0; i < 6; i++) await a.post(api('/auth/step-up')).send({ password: `wrong guess ${i}` });
      await a.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(429);
      await b.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
    } finally {
      await t.close();
    }
  });
});

import { generate } from 'otplib';
import request from 'supertest';
import { withOrgWorld } from '../../testing/builders.js';
import { freshIp, FIXTURE_PASSWORD, signIn, api } from '../../testing/fixtures.js';

// Production settings: Secure cookies and a required second factor for admins. One app per file:
// passport registers its strategies in a process-wide registry.
describe('sign-in outside demo mode', () => {
  const { t, org } = withOrgWorld([], { config: { demo: false, secureCookies: true } });

  it('uses Secure and the __Host- prefix', async () => {
    const res = await request(t.http)
      .post(api('/auth/login'))
      .set('X-Forwarded-For', freshIp())
      .send({ email: org.caseworker.email, password: FIXTURE_PASSWORD })
      .expect(200);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!;
    expect(cookie).toMatch(/^__Host-lantern_sid=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
  });

  it('requires admins to enrol a second factor before anything else', async () => {
    const admin = await signIn(t, org.admin, FIXTURE_PASSWORD, true);
    const me = await admin.get(api('/auth/me')).expect(200);
    expect(me.body.mfaEnrolmentRequired).toBe(true);
    const blocked = await admin.get(api('/partner-orgs')).expect(403);
    expect(blocked.body.code).toBe('AUTH_MFA_ENROLMENT_REQUIRED');
    await admin.get(api('/users')).expect(403);
    const secret = (await admin.post(api('/auth/mfa/setup')).expect(200)).body.secret as string;
    const code = await generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) });
    await admin.post(api('/auth/mfa/enable')).send({ code }).expect(200);
    await admin.get(api('/partner-orgs')).expect(200);
    // Admins may not turn it off again outside demo mode.
    const refused = await admin.post(api('/auth/mfa/disable')).expect(409);
    expect(refused.body.code).toBe('MFA_REQUIRED_FOR_ROLE');
  });

  it('offers, but does not force, a second factor to other roles', async () => {
    const caseworker = await signIn(t, org.caseworker, FIXTURE_PASSWORD, true);
    const me = await caseworker.get(api('/auth/me')).expect(200);
    expect(me.body).toMatchObject({ mfaEnrolmentRequired: false, mfaEnabled: false, demo: false });
    await caseworker.get(api('/partner-orgs')).expect(200);
  });
});

import { generate } from 'otplib';
import request from 'supertest';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { sha256Hex } from '../../kernel/crypto/hashing.js';
import { api, createOrgFixture, freshIp, signIn, FIXTURE_PASSWORD, type OrgFixture } from '../../testing/fixtures.js';
import { setAsideEarlierMail, SmtpCatcher, type CaughtMail } from '../../testing/smtp-catcher.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { MailDelivery, MAX_ATTEMPTS, NotificationsService } from '../notifications/index.js';

/** The canary names the fixtures use for survivor data (features/survivors/survivor-records.int-spec.ts). */
// Its own canary: survivor-records.int-spec.ts checks that 'Zyxcanary' (an encrypted legal name there) is
// in no raw column of the test database, which this file shares on the server run; an alias is plaintext.
const CANARY = 'Zyxmailcanary Brindlewick';
const NEW_PASSWORD = 'lanterns glow over quiet harbors 7';
const PUBLIC_URL = 'https://lantern.example.test';

const tokenIn = (mail: CaughtMail, kind: 'invitation' | 'reset'): string => {
  const match = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/#${kind}=([A-Za-z0-9_-]{43})`).exec(mail.text);
  if (!match) throw new Error(`no ${kind} link in the mail`);
  return match[1]!;
};

describe('e-mail, invitations and password reset (issue 14), through a real SMTP server', () => {
  let t: TestApp;
  let org: OrgFixture;
  let smtp: SmtpCatcher;
  let delivery: MailDelivery;
  /** The organization's admin, signed in with a second factor (outside demo mode admins must have one). */
  let admin: Awaited<ReturnType<typeof signIn>>;
  /** Every mail that arrived over the whole file, for the canary check at the end. */
  const arrived = () => smtp.mails;

  /** Runs the outbox as the `mail.deliver` job does, after any delivery a request started. */
  const deliver = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return delivery.deliverDue();
  };
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    smtp = await new SmtpCatcher().start();
    t = await createTestApp({
      config: { demo: false, mail: { smtpUrl: smtp.url, from: 'Lantern <lantern@example.test>', publicUrl: PUBLIC_URL } },
    });
    delivery = t.app.get(MailDelivery);
    await setAsideEarlierMail(t.dataSource);
    org = await createOrgFixture(t.dataSource);
    admin = await adminWithSecondFactor(org);
  });

  const adminWithSecondFactor = async (fixture: OrgFixture) => {
    const agent = await signIn(t, fixture.admin);
    const { body } = await agent.post(api('/auth/mfa/setup')).expect(200);
    await agent
      .post(api('/auth/mfa/enable'))
      .send({ code: await generate({ secret: body.secret, epoch: Math.floor(t.clock.now().getTime() / 1000) }) })
      .expect(200);
    return agent;
  };
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  describe('invitations', () => {

    it('an admin invites a caseworker: the mail arrives with a single-use link, and the invitee sets a password and is signed in', async () => {
      const email = `new-${Date.now()}@example.test`;
      const res = await admin.post(api('/accounts/invitations')).send({ email, displayName: CANARY, role: 'caseworker', locale: 'es' }).expect(201);
      expect(res.body).toMatchObject({ email, role: 'caseworker', status: 'pending', sentCount: 1 });
      await deliver();
      const [mail] = await smtp.waitFor(1).then(() => mailsTo(email));
      expect(mail!.to).toEqual([email]);
      expect(mail!.from).toBe('lantern@example.test');
      expect(mail!.subject).toBe('Lantern: su invitación');
      expect(mail!.html).toContain(`${PUBLIC_URL}/#invitation=`);
      const token = tokenIn(mail!, 'invitation');

      // Only the token's hash is stored; the mail's body was encrypted and is gone once sent.
      const [row] = await t.dataSource.query('SELECT token_hash FROM invitation WHERE id = $1', [res.body.id]);
      expect(row.token_hash).toBe(sha256Hex(token));
      const outbox = await t.dataSource.query('SELECT * FROM notification_outbox WHERE reference_id = $1', [res.body.id]);
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ status: 'sent', body: null, last_error: null, transport: 'smtp', attempts: 1 });
      expect(JSON.stringify(outbox)).not.toContain(token);

      const anonymous = request.agent(t.http).set('X-Forwarded-For', freshIp());
      const preview = await anonymous.post(api('/accounts/invitations/preview')).send({ token }).expect(200);
      expect(preview.body).toMatchObject({ email, role: 'caseworker', mfaRequired: false });
      const weak = await anonymous.post(api('/accounts/invitations/accept')).send({ token, password: '123456789012345' }).expect(400);
      expect(Object.keys(weak.body.errors)).toEqual(['password']);
      const accepted = await anonymous.post(api('/accounts/invitations/accept')).send({ token, password: NEW_PASSWORD }).expect(200);
      expect(accepted.body.user).toMatchObject({ email, role: 'caseworker', organizationId: org.organizationId, locale: 'es' });
      await anonymous.get(api('/auth/me')).expect(200);
      // A fresh session counts as a step-up: the second factor can be enrolled at once.
      await anonymous.post(api('/auth/mfa/setup')).expect(200);

      // The link works once: nothing changes the second time.
      const again = await request(t.http).post(api('/accounts/invitations/accept')).send({ token, password: `${NEW_PASSWORD} again` }).expect(410);
      expect(again.body.code).toBe('LINK_INVALID');
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM app_user WHERE email = $1', [email])).toEqual([{ n: 1 }]);
      await request(t.http).post(api('/accounts/invitations/preview')).send({ token }).expect(410);

      const audit = await t.dataSource.getRepository(AuditEvent).find({ where: { subjectId: res.body.id }, order: { seq: 'ASC' } });
      expect(audit.map((a) => a.action)).toEqual(['invite', 'invite_accept']);
      const list = await admin.get(api('/accounts/invitations')).expect(200);
      expect(list.body.find((i: { id: string }) => i.id === res.body.id).status).toBe('accepted');
    });

    it('resending gives a new link and kills the old one; revoking kills it; an expired link changes nothing', async () => {
      const email = `resend-${Date.now()}@example.test`;
      const { body: invitation } = await admin.post(api('/accounts/invitations')).send({ email, displayName: 'Resent Person', role: 'coordinator' }).expect(201);
      await deliver();
      const first = tokenIn(mailsTo(email)[0]!, 'invitation');
      await admin.post(api('/accounts/invitations')).send({ email, displayName: 'Twice', role: 'coordinator' }).expect(409);
      const resent = await admin.post(api(`/accounts/invitations/${invitation.id}/resend`)).expect(200);
      expect(resent.body.sentCount).toBe(2);
      await deliver();
      const second = tokenIn(mailsTo(email)[1]!, 'invitation');
      expect(second).not.toBe(first);
      await request(t.http).post(api('/accounts/invitations/preview')).send({ token: first }).expect(410);
      await request(t.http).post(api('/accounts/invitations/preview')).send({ token: second }).expect(200);

      await admin.post(api(`/accounts/invitations/${invitation.id}/revoke`)).expect(200);
      await request(t.http).post(api('/accounts/invitations/accept')).send({ token: second, password: NEW_PASSWORD }).expect(410);
      await admin.post(api(`/accounts/invitations/${invitation.id}/resend`)).expect(409);
      const audit = await t.dataSource.getRepository(AuditEvent).find({ where: { subjectId: invitation.id }, order: { seq: 'ASC' } });
      expect(audit.map((a) => a.action)).toEqual(['invite', 'invite_resend', 'invite_revoke']);

      const late = `late-${Date.now()}@example.test`;
      await admin.post(api('/accounts/invitations')).send({ email: late, displayName: 'Late Person', role: 'analyst' }).expect(201);
      await deliver();
      const lateToken = tokenIn(mailsTo(late)[0]!, 'invitation');
      t.clock.advance(72 * 3_600_000 + 60_000);
      try {
        await request(t.http).post(api('/accounts/invitations/accept')).send({ token: lateToken, password: NEW_PASSWORD }).expect(410);
        expect(await t.dataSource.query('SELECT count(*)::int AS n FROM app_user WHERE email = $1', [late])).toEqual([{ n: 0 }]);
      } finally {
        t.clock.advance(-(72 * 3_600_000 + 60_000));
      }
    });

    it('only admins invite, and only after a fresh step-up; a partner invitation needs one of their partner orgs', async () => {
      const coordinator = await signIn(t, org.coordinator);
      await coordinator.post(api('/accounts/invitations')).send({ email: 'x@example.test', displayName: 'X', role: 'caseworker' }).expect(403);
      await coordinator.get(api('/accounts/invitations')).expect(403);
      await request(t.http).get(api('/accounts/invitations')).expect(401);
      const missing = await admin.post(api('/accounts/invitations')).send({ email: 'p@example.test', displayName: 'P', role: 'partner' }).expect(400);
      expect(Object.keys(missing.body.errors)).toEqual(['partnerOrgId']);
      await admin.post(api('/accounts/invitations')).send({ email: org.caseworker.email, displayName: 'Dup', role: 'caseworker' }).expect(409);
      t.clock.advanceMinutes(6);
      try {
        const res = await admin.post(api('/accounts/invitations')).send({ email: `late-${Date.now()}@example.test`, displayName: 'Y', role: 'caseworker' }).expect(403);
        expect(res.body.code).toBe('AUTH_STEP_UP_REQUIRED');
      } finally {
        t.clock.advanceMinutes(-6);
      }
      await admin
        .post(api('/accounts/invitations'))
        .send({ email: `partner-${Date.now()}@example.test`, displayName: 'P', role: 'partner', partnerOrgId: org.partnerOrg.id })
        .expect(201);
    });
  });

  describe('password reset', () => {
    it('answers the same whether or not the address exists; the link resets once, ends every session and tells the person', async () => {
      const user = org.caseworker2;
      const oldSession = await signIn(t, user);
      const client = () => request(t.http).post(api('/accounts/password-reset')).set('X-Forwarded-For', freshIp());
      const startKnown = Date.now();
      const known = await client().send({ email: user.email.toUpperCase() });
      const knownMillis = Date.now() - startKnown;
      const startUnknown = Date.now();
      const unknown = await client().send({ email: `nobody-${Date.now()}@example.test` });
      const unknownMillis = Date.now() - startUnknown;
      expect([known.status, unknown.status]).toEqual([202, 202]);
      expect(known.body).toEqual(unknown.body);
      expect(known.text).toBe(unknown.text);
      expect(Math.abs(knownMillis - unknownMillis)).toBeLessThan(250);

      await deliver();
      const [mail] = mailsTo(user.email);
      expect(mail!.subject).toBe('Lantern: reset your password');
      const token = tokenIn(mail!, 'reset');
      const preview = await request(t.http).post(api('/accounts/password-reset/preview')).send({ token }).expect(200);
      expect(preview.body.email).toBe(user.email);
      const weak = await request(t.http).post(api('/accounts/password-reset/complete')).send({ token, password: 'password' }).expect(400);
      expect(Object.keys(weak.body.errors)).toEqual(['password']);
      await request(t.http).post(api('/accounts/password-reset/complete')).send({ token, password: NEW_PASSWORD }).expect(204);

      await oldSession.get(api('/auth/me')).expect(401);
      await signIn(t, user, NEW_PASSWORD);
      await expect(signIn(t, user, FIXTURE_PASSWORD)).rejects.toThrow(/401/);
      const reused = await request(t.http).post(api('/accounts/password-reset/complete')).send({ token, password: `${NEW_PASSWORD} x` }).expect(410);
      expect(reused.body.code).toBe('LINK_INVALID');
      await signIn(t, user, NEW_PASSWORD);

      await deliver();
      expect(mailsTo(user.email).map((m) => m.subject)).toEqual(['Lantern: reset your password', 'Lantern: your password was changed']);
      const audit = await t.dataSource.getRepository(AuditEvent).find({ where: { subjectId: user.id }, order: { seq: 'ASC' } });
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['password_reset_request', 'password_reset']));
    });

    it('an expired link changes nothing, and a newer link ends the older one', async () => {
      const user = org.coordinator;
      const ip = freshIp();
      await request(t.http).post(api('/accounts/password-reset')).set('X-Forwarded-For', ip).send({ email: user.email }).expect(202);
      await deliver();
      const first = tokenIn(mailsTo(user.email).at(-1)!, 'reset');
      await request(t.http).post(api('/accounts/password-reset')).set('X-Forwarded-For', ip).send({ email: user.email }).expect(202);
      await deliver();
      const second = tokenIn(mailsTo(user.email).at(-1)!, 'reset');
      await request(t.http).post(api('/accounts/password-reset/preview')).send({ token: first }).expect(410);
      t.clock.advanceMinutes(31);
      try {
        await request(t.http).post(api('/accounts/password-reset/complete')).send({ token: second, password: NEW_PASSWORD }).expect(410);
      } finally {
        t.clock.advanceMinutes(-31);
      }
      await signIn(t, user);
    });

    it('is throttled per address and per typed account, the same for addresses with and without an account', async () => {
      const ip = freshIp();
      for (let i = 0; i < 5; i++) {
        await request(t.http).post(api('/accounts/password-reset')).set('X-Forwarded-For', ip).send({ email: `nobody-${i}-${Date.now()}@example.test` }).expect(202);
      }
      const refused = await request(t.http).post(api('/accounts/password-reset')).set('X-Forwarded-For', ip).send({ email: org.analyst.email }).expect(429);
      expect(refused.headers['retry-after']).toBeDefined();
      const typed = `bomb-${Date.now()}@example.test`;
      for (let i = 0; i < 3; i++) await request(t.http).post(api('/accounts/password-reset')).set('X-Forwarded-For', freshIp()).send({ email: typed }).expect(202);
      await request(t.http).post(api('/accounts/password-reset')).set('X-Forwarded-For', freshIp()).send({ email: typed }).expect(429);
    });

    it("an admin's reset of someone's second factor is mailed to them", async () => {
      await admin.post(api(`/users/${org.analyst.id}/mfa/reset`)).expect(200);
      await deliver();
      expect(mailsTo(org.analyst.email).map((m) => m.subject)).toContain('Lantern: your two-step verification was reset');
    });
  });

  describe('delivery', () => {
    const attemptsOf = (outboxId: string) =>
      t.dataSource.query('SELECT outcome, response_code, error FROM mail_delivery_attempt WHERE outbox_id = $1 ORDER BY attempted_at', [outboxId]);
    const resetFor = async (email: string): Promise<string> => {
      await request(t.http).post(api('/accounts/password-reset')).set('X-Forwarded-For', freshIp()).send({ email }).expect(202);
      const [row] = await t.dataSource.query(
        `SELECT o.id FROM notification_outbox o JOIN app_user u ON u.id = o.user_id WHERE u.email = $1 AND o.template = 'password_reset' ORDER BY o.created_at DESC LIMIT 1`,
        [email],
      );
      return row.id as string;
    };

    it('a 4xx answer is retried after a back-off, then delivered', async () => {
      smtp.answers.push({ code: 451, message: '4.3.0 Try again later' });
      const before = smtp.mails.length;
      const id = await resetFor(org.caseworker.email);
      await deliver();
      expect(await attemptsOf(id)).toEqual([{ outcome: 'retry', response_code: 451, error: expect.stringContaining('451') }]);
      await deliver();
      expect(await attemptsOf(id)).toHaveLength(1);
      t.clock.advanceMinutes(1);
      await deliver();
      expect((await attemptsOf(id)).map((a: { outcome: string }) => a.outcome)).toEqual(['retry', 'sent']);
      expect(smtp.mails.length).toBe(before + 1);
    });

    it('a 5xx answer fails the mail for good (no loop) and admins see it; others do not', async () => {
      smtp.answers.push({ code: 550, message: `5.1.1 <${org.partner.email}>: mailbox unavailable` });
      const id = await resetFor(org.partner.email);
      await deliver();
      t.clock.advanceMinutes(20);
      await deliver();
      t.clock.advanceMinutes(-20);
      const attempts = await attemptsOf(id);
      expect(attempts).toEqual([{ outcome: 'failed', response_code: 550, error: expect.stringContaining('mailbox unavailable') }]);
      expect(attempts[0].error).not.toContain(org.partner.email);
      const [row] = await t.dataSource.query('SELECT status, body, attempts FROM notification_outbox WHERE id = $1', [id]);
      expect(row).toEqual({ status: 'failed', body: null, attempts: 1 });

      const failed = await admin.get(api('/mail/deliveries')).query({ filter: JSON.stringify({ status: 'failed' }) }).expect(200);
      expect(failed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id, to: org.partner.email, status: 'failed', lastResponseCode: 550 })]));
      expect(JSON.stringify(failed.body)).not.toMatch(/#reset=/);
      const status = await admin.get(api('/mail/status')).expect(200);
      expect(status.body).toMatchObject({ transport: 'smtp' });
      expect(status.body.failed).toBeGreaterThanOrEqual(1);
      await admin.get(api('/mail/demo-mailbox')).expect(404);
      for (const role of ['caseworker', 'coordinator', 'partner', 'analyst'] as const) {
        const agent = await signIn(t, org.users[role]);
        await agent.get(api('/mail/deliveries')).expect(403);
        await agent.get(api('/mail/status')).expect(403);
      }
      const other = await createOrgFixture(t.dataSource);
      const otherAdmin = await adminWithSecondFactor(other);
      const theirs = await otherAdmin.get(api('/mail/deliveries')).expect(200);
      expect(theirs.body.map((d: { id: string }) => d.id)).not.toContain(id);
    });

    it(`temporary failures stop after ${MAX_ATTEMPTS} attempts and the mail is failed`, async () => {
      for (let i = 0; i < MAX_ATTEMPTS; i++) smtp.answers.push({ code: 421, message: '4.7.0 Busy' });
      // A notification's mail (no expiry: a reset link's mail would expire after 30 minutes instead).
      await t.dataSource.transaction((manager) =>
        t.app.get(NotificationsService).notify(manager, { organizationId: org.organizationId, userIds: [org.caseworker2.id], kind: 'referral_update', title: 'A referral changed' }),
      );
      const [{ id }] = await t.dataSource.query(
        `SELECT id FROM notification_outbox WHERE user_id = $1 AND template = 'notification' ORDER BY created_at DESC LIMIT 1`,
        [org.caseworker2.id],
      );
      let moved = 0;
      try {
        for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
          await deliver();
          t.clock.advanceMinutes(181);
          moved += 181;
        }
      } finally {
        t.clock.advanceMinutes(-moved);
        smtp.answers.splice(0);
      }
      const attempts = await attemptsOf(id);
      expect(attempts.map((a: { outcome: string }) => a.outcome)).toEqual([...Array(MAX_ATTEMPTS - 1).fill('retry'), 'failed']);
      expect(attempts.at(-1).error).toContain(`after ${MAX_ATTEMPTS} attempts`);
    });
  });

  it('no canary name, alias, case content or token-less detail reached the SMTP server, in any kind of mail', async () => {
    // Survivor data with the canary, and a notification about it (its title names the case and the canary).
    const caseworker = await signIn(t, org.caseworker);
    const survivor = await caseworker.post(api('/survivors')).send({ alias: CANARY, legalName: CANARY }).expect(201);
    const created = await caseworker.post(api('/cases')).send({ survivorId: survivor.body.id }).expect(201);
    await t.dataSource.transaction((manager) =>
      t.app.get(NotificationsService).notify(manager, {
        organizationId: org.organizationId,
        userIds: [org.coordinator.id],
        kind: 'referral_update',
        title: `${created.body.caseNumber}: ${CANARY}`,
        caseId: created.body.id,
      }),
    );
    await deliver();
    const notification = mailsTo(org.coordinator.email).find((m) => m.subject === 'Lantern: you have a new notification');
    expect(notification?.text).toContain(`${PUBLIC_URL}/`);
    const kinds = new Set(arrived().map((m) => m.subject));
    // invitation (es), password reset, password changed, MFA reset, notification.
    expect(kinds.size).toBeGreaterThanOrEqual(5);
    for (const mail of arrived()) {
      for (const part of [mail.raw, mail.subject, mail.text, mail.html]) {
        expect(part).not.toContain('Zyxmailcanary');
        expect(part).not.toContain('Brindlewick');
      }
    }
    process.stdout.write(`mail figures: ${smtp.mails.length} received, ${smtp.refused} refused by the test server\n`);
  });
});

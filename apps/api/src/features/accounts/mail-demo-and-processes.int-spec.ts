import { api, createOrgFixture, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { setAsideEarlierMail, SmtpCatcher } from '../../testing/smtp-catcher.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { MailDelivery, NotificationsService } from '../notifications/index.js';

describe('demo mode keeps its mails for the "Sent mail (demo)" page and sends nothing (issue 14)', () => {
  let t: TestApp;
  let org: OrgFixture;
  beforeAll(async () => {
    t = await createTestApp({ config: { demo: true } });
    await setAsideEarlierMail(t.dataSource);
    org = await createOrgFixture(t.dataSource);
  });
  afterAll(() => t.close());

  it('an invitation is readable by the admins of its organization only, link included', async () => {
    const admin = await signIn(t, org.admin);
    const email = `demo-${Date.now()}@example.test`;
    const { body: invitation } = await admin.post(api('/accounts/invitations')).send({ email, displayName: 'Demo Person', role: 'caseworker' }).expect(201);
    await new Promise((resolve) => setImmediate(resolve));
    const run = await t.app.get(MailDelivery).deliverDue();
    expect(run.failed).toBe(0);
    const [row] = await t.dataSource.query('SELECT status, transport, body FROM notification_outbox WHERE reference_id = $1', [invitation.id]);
    expect(row).toMatchObject({ status: 'sent', transport: 'demo' });
    // Kept for the page, encrypted like any body.
    expect(row.body).toMatch(/^v1\.t1\./);
    const mailbox = await admin.get(api('/mail/demo-mailbox')).expect(200);
    const mail = mailbox.body.find((m: { to: string }) => m.to === email);
    expect(mail).toMatchObject({ subject: 'Lantern: your invitation' });
    expect(mail.text).toMatch(/#invitation=[A-Za-z0-9_-]{43}/);
    expect((await admin.get(api('/mail/status')).expect(200)).body.transport).toBe('demo');

    const other = await createOrgFixture(t.dataSource);
    const theirs = await (await signIn(t, other.admin)).get(api('/mail/demo-mailbox')).expect(200);
    expect(theirs.body.map((m: { to: string }) => m.to)).not.toContain(email);
    await (await signIn(t, org.coordinator)).get(api('/mail/demo-mailbox')).expect(403);
  });
});

describe('two API processes deliver one outbox: each mail is sent once (issue 14)', () => {
  let smtp: SmtpCatcher;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    smtp = await new SmtpCatcher().start();
    const mail = { smtpUrl: smtp.url, from: 'lantern@example.test', publicUrl: 'https://lantern.example.test' };
    a = await createTestApp({ config: { demo: false, mail } });
    b = await createTestApp({ config: { demo: false, mail } });
    await setAsideEarlierMail(a.dataSource);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await smtp.close();
  });

  it('30 mails, two workers racing: 30 arrive, none twice', async () => {
    const org = await createOrgFixture(a.dataSource);
    const userIds = [org.caseworker.id, org.caseworker2.id, org.coordinator.id];
    await a.dataSource.transaction(async (manager) => {
      for (let i = 0; i < 10; i++) {
        await a.app.get(NotificationsService).notify(manager, { organizationId: org.organizationId, userIds, kind: 'referral_update', title: `Update ${i}` });
      }
    });
    const [ra, rb] = await Promise.all([a.app.get(MailDelivery).deliverDue(), b.app.get(MailDelivery).deliverDue()]);
    const mine = smtp.mails.filter((m) => m.to.some((to) => to.endsWith(`${org.slug.slice(4)}@example.test`)));
    // Both took part (other test files' pending mail of the same database may add to their counts).
    expect(ra.sent + rb.sent).toBeGreaterThanOrEqual(30);
    expect(mine).toHaveLength(30);
    const attempts = await a.dataSource.query(
      `SELECT outbox_id, count(*)::int AS n FROM mail_delivery_attempt WHERE organization_id = $1 GROUP BY outbox_id HAVING count(*) > 1`,
      [org.organizationId],
    );
    expect(attempts).toEqual([]);
    process.stdout.write(`two processes: ${ra.sent} + ${rb.sent} mails sent, ${mine.length} received\n`);
  });
});

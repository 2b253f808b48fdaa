import { In } from 'typeorm';
import { MailDelivery } from '../../features/notifications/index.js';
import { Notification, NotificationOutbox } from '../../features/notifications/notification.entity.js';
import { setAsideEarlierMail, SmtpCatcher } from '../../testing/smtp-catcher.js';
import { createOrgFixture, signIn, api, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { ReminderGiven } from './reminder.entity.js';
import { RemindersService } from './reminders.service.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
const DAY = 86_400_000;
const day = (offset: number, from: Date) => new Date(from.getTime() + offset * DAY).toISOString().slice(0, 10);
/** A name no reminder may ever carry (a reminder names a case by its number only). */
const CANARY = 'Canaryreminda Zzqx';

/**
 * Issue 14: reminders of tasks, reviews, assessments, consents and appointments (and, issue 15, of
 * documents about to expire), on the real database.
 * The clock is moved; everything else is the API as a caseworker uses it.
 */
describe('reminders', () => {
  let t: TestApp;
  let org: OrgFixture;
  let cw: Agent;
  let cw2: Agent;
  let partner: Agent;
  let reminders: RemindersService;
  let smtp: SmtpCatcher;
  let caseId: string;
  let caseNumber: string;

  const mine = (userId: string) => t.dataSource.getRepository(Notification).find({ where: { userId }, order: { createdAt: 'ASC' } });

  beforeAll(async () => {
    // A real SMTP server in the test's own process: the digest is read as it arrived.
    smtp = await new SmtpCatcher().start();
    // Documents are uploaded below: without a scanner in this run, production mode would refuse them.
    process.env.LANTERN_ALLOW_UNSCANNED_FILES = 'true';
    try {
      t = await createTestApp({ config: { demo: false, mail: { smtpUrl: smtp.url, from: 'Lantern <lantern@example.test>', publicUrl: 'https://lantern.example.test' } } });
    } finally {
      delete process.env.LANTERN_ALLOW_UNSCANNED_FILES;
    }
    await setAsideEarlierMail(t.dataSource);
    org = await createOrgFixture(t.dataSource);
    [cw, cw2, partner] = await Promise.all([signIn(t, org.caseworker), signIn(t, org.caseworker2), signIn(t, org.partner)]);
    reminders = t.app.get(RemindersService);
    const now = t.clock.now();

    const { kase, survivor } = await createSurvivorWithCase(cw, { alias: CANARY });
    caseId = kase.id;
    caseNumber = String(kase.caseNumber);
    const plan = (await cw.post(api('/service-plans')).send({ caseId, planType: 'Livelihood', startsOn: day(0, now), reviewDate: day(5, now) }).expect(201)).body;
    const goal = (await cw.post(api('/goals')).send({ planId: plan.id, domain: 'housing', description: `A flat for ${CANARY}` }).expect(201)).body;
    await cw.post(api('/tasks')).send({ goalId: goal.id, description: `Call ${CANARY}`, owner: 'caseworker', dueDate: day(1, now) }).expect(201);
    await cw.post(api('/tasks')).send({ goalId: goal.id, description: 'Bring papers', owner: 'survivor', dueDate: day(1, now) }).expect(201);
    await cw.post(api('/tasks')).send({ goalId: goal.id, description: 'Later', owner: 'caseworker', dueDate: day(20, now) }).expect(201);
    await cw
      .post(api('/consents'))
      .send({ survivorId: survivor.id, caseId, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: ['alias'], method: 'written', expiresAt: new Date(now.getTime() + 10 * DAY).toISOString() })
      .expect(201);
    const tomorrow10 = new Date(`${day(1, now)}T10:00:00Z`).toISOString();
    await cw
      .post(api('/appointments'))
      .send({ caseId, startsAt: tomorrow10, durationMinutes: 60, kind: 'court', attendeeUserIds: [org.caseworker.id, org.coordinator.id, org.caseworker2.id], note: `Court for ${CANARY}` })
      .expect(201);
    // Issue 15: an ID that expires in 20 days is reminded of; a visa that expires in 60 days is not yet.
    const document = (title: string, expiresOn: string) =>
      cw.post(api('/documents')).field('caseId', caseId).field('kind', 'identity').field('title', title).field('expiresOn', expiresOn)
        .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'), `${CANARY}.pdf`).expect(201);
    await document(`Passport of ${CANARY}`, day(20, now));
    await document('Visa', day(60, now));
    await (await signIn(t, org.coordinator)).patch(api('/auth/me')).send({ locale: 'es' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('reminds the caseworker of what is due, once per item, by case number only and in the app only', async () => {
    const run = await reminders.run();
    expect(run.given).toBeGreaterThanOrEqual(6);

    const kinds = (await mine(org.caseworker.id)).map((n) => n.kind).sort();
    // Two tasks due tomorrow on one case make one notification ("2 tasks"); the intake assessment is due from opening.
    expect(kinds).toEqual(['appointment_tomorrow', 'assessment_due', 'consent_expiring', 'document_expiring', 'plan_review_due', 'task_due']);
    expect((await mine(org.caseworker.id)).find((n) => n.kind === 'document_expiring')?.title).toMatch(new RegExp(`^A document on case ${caseNumber} expires on`));
    const titles = (await mine(org.caseworker.id)).map((n) => n.title);
    expect(titles).toContain(`2 tasks are due tomorrow on case ${caseNumber}`);
    for (const n of await mine(org.caseworker.id)) {
      expect(n.caseId).toBe(caseId);
      expect(n.title).toContain(caseNumber);
      expect(n.title).not.toContain('Canaryreminda');
      expect(n.title).not.toMatch(/flat|papers|Court for/);
    }
    // Reminders wait for the digest: none of them is an e-mail of its own.
    const ids = (await mine(org.caseworker.id)).map((n) => n.id);
    expect(await t.dataSource.getRepository(NotificationOutbox).count({ where: { notificationId: In(ids) } })).toBe(0);
  });

  it('reminds each attendee who may read the case of tomorrow\'s appointment, in their own language; nobody else', async () => {
    const theirs = await mine(org.coordinator.id);
    expect(theirs.map((n) => n.kind)).toEqual(['appointment_tomorrow']);
    expect(theirs[0]!.title).toBe(`Tiene una cita mañana en el caso ${caseNumber}`);
    // Caseworker 2 attends but may not read this case: a reminder would name it to her.
    expect(await mine(org.caseworker2.id)).toEqual([]);
    expect(await mine(org.partner.id)).toEqual([]);
  });

  it('gives nothing twice, however often it runs (a retried job, a second process)', async () => {
    const before = await t.dataSource.getRepository(Notification).count();
    const [a, b] = await Promise.all([reminders.run(), reminders.run()]).catch(async () => [await reminders.run(), await reminders.run()]);
    expect(a!.given + b!.given).toBe(0);
    expect(await t.dataSource.getRepository(Notification).count()).toBe(before);
  });

  it('follows the user\'s preferences: a muted kind is remembered but not shown', async () => {
    await cw.put(api('/reminders/preferences')).send({ mutedKinds: ['task_overdue'], dailyDigest: true }).expect(200);
    expect((await cw.get(api('/reminders/preferences')).expect(200)).body).toEqual({ mutedKinds: ['task_overdue'], dailyDigest: true });
    // Caseworker 2's preferences are her own.
    expect((await cw2.get(api('/reminders/preferences')).expect(200)).body).toEqual({ mutedKinds: [], dailyDigest: false });

    t.clock.advance(3 * DAY); // the two tasks are now two days overdue
    [cw, cw2, partner] = await Promise.all([signIn(t, org.caseworker), signIn(t, org.caseworker2), signIn(t, org.partner)]); // their sessions ended meanwhile
    const run = await reminders.run();
    expect(await t.dataSource.getRepository(ReminderGiven).count({ where: { userId: org.caseworker.id, kind: 'task_overdue' } })).toBe(2);
    expect((await mine(org.caseworker.id)).filter((n) => n.kind === 'task_overdue')).toEqual([]);
    expect(run.digests).toBe(1);
  });

  it('writes the digest as counts and case numbers, never a name or a task', async () => {
    const digests = await reminders.digests();
    const theirs = digests.find((d) => d.userId === org.caseworker.id);
    expect(theirs?.locale).toBe('en');
    expect(theirs?.lines.length).toBeGreaterThan(0);
    for (const line of theirs!.lines) {
      expect(line).toContain(caseNumber);
      expect(line).not.toContain('Canaryreminda');
    }
    // The day's list: what is still due, not only what is new today; muted kinds stay out.
    expect(theirs!.lines).toEqual(expect.arrayContaining([expect.stringMatching(/^The service plan review of case .* is due on/), expect.stringMatching(/^A consent on case .* expires on/)]));
    expect(theirs!.lines.join('\n')).not.toMatch(/overdue on case/);
    // Those without a digest get none.
    expect(digests.find((d) => d.userId === org.caseworker2.id)).toBeUndefined();
  });

  it('e-mails the digest once a day to those who asked, as it arrives at the mail server: counts and case numbers only', async () => {
    expect(await reminders.queueDigests()).toBe(1);
    // Run again (an admin's "run now"): no second digest today.
    expect(await reminders.queueDigests()).toBe(0);
    await t.app.get(MailDelivery).deliverDue();
    await smtp.waitFor(1);
    const mail = smtp.mails.find((m) => m.to.includes(org.caseworker.email));
    expect(mail?.subject).toBe('Lantern: what is due today');
    expect(mail?.text).toContain(caseNumber);
    expect(mail?.text).toContain('https://lantern.example.test/');
    for (const part of [mail!.subject, mail!.text, mail!.html]) {
      expect(part).not.toContain('Canaryreminda');
      expect(part).not.toMatch(/flat|papers|Court for/);
    }
    // Caseworker 2 asked for no digest.
    expect(smtp.mails.some((m) => m.to.includes(org.caseworker2.email))).toBe(false);
  });

  it('refuses bad preferences naming the field, and strangers', async () => {
    const unknown = await cw.put(api('/reminders/preferences')).send({ mutedKinds: ['birthday'], dailyDigest: false }).expect(400);
    expect(unknown.body.errors).toHaveProperty(['mutedKinds']);
    const notBoolean = await cw.put(api('/reminders/preferences')).send({ mutedKinds: [], dailyDigest: 'yes' }).expect(400);
    expect(notBoolean.body.errors).toHaveProperty(['dailyDigest']);
    expect((await cw.get(api('/reminders/preferences')).expect(200)).body).toEqual({ mutedKinds: ['task_overdue'], dailyDigest: true });
    await partner.get(api('/reminders/preferences')).expect(200);
    const { default: request } = await import('supertest');
    await request(t.http).get(api('/reminders/preferences')).expect(401);
  });
});

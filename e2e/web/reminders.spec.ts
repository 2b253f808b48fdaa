import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, letterStamp, signedInApi, signIn } from './support';

const PHONE = { width: 390, height: 844 };

/**
 * Reminders (issue 14): an admin runs the daily reminders from the jobs page; the caseworker finds the
 * reminder of her new case's intake assessment in her notifications, by case number only; on a phone she
 * chooses which reminders she wants and the daily e-mail summary.
 */
test('the daily reminders run from the jobs page, and a caseworker chooses hers on a phone', async ({ browser, page, baseURL }) => {
  // A new case: its intake assessment is due from the day it opens.
  const caseworker = await signedInApi(baseURL, 'caseworker2@harbor.demo');
  const alias = `Remindme ${letterStamp()}`;
  const survivor = (await (await caseworker.post('/api/v1/survivors', { data: { alias } })).json()) as { id: string };
  const created = await caseworker.post('/api/v1/cases', { data: { survivorId: survivor.id, referralSource: 'Hotline' } });
  expect(created.status()).toBe(201);
  const kase = (await created.json()) as { id: string; caseNumber: string };

  // The admin runs the job now, from its page.
  await signIn(page, 'admin@harbor.demo');
  await page.getByRole('menuitem', { name: 'Background jobs' }).click();
  await expect(page.getByRole('heading', { name: 'Background jobs', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Run Daily reminders now' }).click();
  await expect(page.getByText('Daily reminders will run in a moment')).toBeVisible();
  await expectNoAxeViolations(page, 'the jobs page');

  // The reminder reaches the caseworker: the case by its number, never the alias.
  let titles: string[] = [];
  await expect(async () => {
    const list = (await (await caseworker.get('/api/v1/notifications?range=[0,99]')).json()) as { caseId: string | null; kind: string; title: string }[];
    titles = list.filter((n) => n.caseId === kase.id).map((n) => n.title);
    expect(titles.length).toBeGreaterThan(0);
  }).toPass({ timeout: 30_000 });
  expect(titles.join('\n')).toContain(kase.caseNumber);
  expect(titles.join('\n')).not.toContain(alias);

  // On her phone she sees it, and keeps only the reminders she wants.
  const phone = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signIn(phone, 'caseworker2@harbor.demo');
  await expect(phone.getByRole('button', { name: /^Notifications, \d+ unread$/ })).toBeVisible();
  await expect(phone.getByRole('button', { name: 'Quick exit' })).toBeInViewport();
  await phone.getByRole('button', { name: 'Open menu' }).click();
  await phone.getByRole('menuitem', { name: 'My account' }).click();
  const reminders = phone.getByRole('region', { name: 'Reminders' });
  await expect(reminders).toBeVisible();
  await reminders.getByRole('checkbox', { name: 'Overdue tasks' }).uncheck();
  await reminders.getByRole('switch', { name: 'A daily e-mail summary' }).check();
  await reminders.getByRole('button', { name: 'Save reminders' }).click();
  await expect(phone.getByText('Your reminders are saved')).toBeVisible();
  await expectNoAxeViolations(phone, 'the account page with reminders at 390 px');
  const saved = (await (await caseworker.get('/api/v1/reminders/preferences')).json()) as { mutedKinds: string[]; dailyDigest: boolean };
  expect(saved).toEqual({ mutedKinds: ['task_overdue'], dailyDigest: true });

  // Back as it was, for the other journeys on this database.
  await caseworker.put('/api/v1/reminders/preferences', { data: { mutedKinds: [], dailyDigest: false } });
  await caseworker.dispose();
  await phone.context().close();
});

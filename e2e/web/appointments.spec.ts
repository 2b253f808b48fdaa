import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, letterStamp, signedInApi, signIn } from './support';

/**
 * Issue 14, appointments, on a phone: a caseworker adds an appointment on a case, adds a second one that
 * overlaps it and is warned (not refused), and finds both in her agenda, with Quick Exit in reach and axe
 * clean at every step.
 */
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

async function expectPhoneReady(page: Page, label: string): Promise<void> {
  await expect(page.getByTestId('quick-exit')).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page, `${label} at 390 px`);
}

/** Tomorrow at the given UTC hour (the journeys run in UTC), as a datetime-local value. */
function tomorrowAt(hour: number, minute = 0): string {
  const d = new Date(Date.now() + 86_400_000);
  d.setUTCHours(hour, minute, 0, 0);
  return d.toISOString().slice(0, 16);
}

test('a caseworker adds two overlapping appointments on a phone, is warned, and sees both in her agenda', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const api = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const survivor = (await (await api.post('/api/v1/survivors', { data: { alias: `Amber Wren ${letterStamp()}` } })).json()) as { id: string };
  const created = await api.post('/api/v1/cases', { data: { survivorId: survivor.id } });
  expect(created.status()).toBe(201);
  const { caseNumber } = (await created.json()) as { caseNumber: string };
  await api.dispose();

  await signIn(page, 'caseworker@harbor.demo');
  await page.getByRole('button', { name: 'Open menu' }).click();
  await page.getByRole('menuitem', { name: 'Cases' }).click();
  await page.getByRole('link', { name: new RegExp(caseNumber) }).click();
  await expect(page.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible();

  const addAppointment = async (when: string, kind: string) => {
    await page.getByRole('button', { name: 'Add appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'New appointment' });
    await dialog.getByLabel('Date and time').fill(when);
    await dialog.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: kind, exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Bring the tenancy papers');
    await expectPhoneReady(page, `new ${kind} appointment form`);
    await dialog.getByRole('button', { name: 'Save appointment' }).click();
    await expect(dialog).toBeHidden();
  };

  await test.step('the first appointment', async () => {
    await page.getByRole('tab', { name: 'Appointments', exact: true }).click();
    await expect(page.getByText('No appointments to show.')).toBeVisible();
    await expectPhoneReady(page, 'case appointments tab (empty)');
    await addAppointment(tomorrowAt(10), 'Housing viewing');
    await expect(page.getByRole('article').filter({ hasText: 'Housing viewing' })).toBeVisible();
    await expect(page.getByTestId('appointment-conflicts')).toBeHidden();
  });

  await test.step('a second one that overlaps: saved, with a warning', async () => {
    await addAppointment(tomorrowAt(10, 30), 'Court');
    const warning = page.getByTestId('appointment-conflicts');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('Saved, but it overlaps another appointment');
    await expect(warning.getByRole('listitem')).toHaveCount(1);
    await expect(page.getByRole('article')).toHaveCount(2);
    await expectPhoneReady(page, 'case appointments with the overlap warning');
  });

  await test.step('both in her agenda (the week view folds into the agenda on a phone)', async () => {
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('menuitem', { name: 'Appointments' }).click();
    await expect(page.getByRole('heading', { name: 'My appointments', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Week' })).toHaveCount(0);
    const agenda = page.getByTestId('appointments-agenda');
    await expect(agenda.getByRole('article').filter({ hasText: caseNumber })).toHaveCount(2);
    await expect(agenda.getByRole('article').filter({ hasText: caseNumber }).filter({ hasText: 'Court' })).toBeVisible();
    await expect(agenda.getByRole('article').filter({ hasText: caseNumber }).filter({ hasText: 'Housing viewing' })).toBeVisible();
    await expectPhoneReady(page, 'agenda');
  });
});

import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, letterStamp, signedInApi, signIn } from './support';

/**
 * Issue 16, part 4, on a phone: an admin asks to anonymize a survivor whose case is closed; she cannot
 * approve her own request; a second admin approves it; the survivor then shows as anonymized, without
 * her name, to her caseworker. docs/retention.md.
 */
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

async function expectPhoneReady(page: Page, label: string): Promise<void> {
  await expect(page.getByTestId('quick-exit')).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page, `${label} at 390 px`);
}

async function openRetention(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open menu' }).click();
  await page.getByRole('menuitem', { name: 'Erasure and retention' }).click();
  await expect(page.getByRole('heading', { name: 'Erasure and retention', level: 1 })).toBeVisible();
}

test('an admin asks, a second admin approves, and the survivor shows as anonymized', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = letterStamp();
  const legalName = `Rosalind Quill ${stamp}`;
  const secondEmail = `second-admin-${stamp}@harbor.demo`;
  let secondAdmin: { id: string; version: number } = { id: '', version: 0 };
  const secondPassword = 'violet engine marble canyon 4821';
  let survivorId = '';
  let caseNumber = '';

  await test.step('setup: a caseworker records a survivor and closes her case; a second admin is created', async () => {
    const caseworker = await signedInApi(baseURL, 'caseworker@harbor.demo');
    const survivor = (await (await caseworker.post('/api/v1/survivors', { data: { alias: `Juniper ${stamp}`, legalName } })).json()) as { id: string };
    survivorId = survivor.id;
    const created = await caseworker.post('/api/v1/cases', { data: { survivorId } });
    expect(created.status()).toBe(201);
    const kase = (await created.json()) as { id: string; caseNumber: string };
    caseNumber = kase.caseNumber;
    const today = new Date().toISOString().slice(0, 10);
    expect((await caseworker.post('/api/v1/outcomes', { data: { caseId: kase.id, stage: 'exit', assessedOn: today, housingSituation: 410, safetyRating: 4 } })).status()).toBe(201);
    expect((await caseworker.post(`/api/v1/cases/${kase.id}/close`, { data: { closureReason: 'completed_plan', exitDestination: 410, cancelOpenReferrals: true } })).status()).toBe(200);
    // Caseworkers cannot ask for an erasure.
    expect((await caseworker.post('/api/v1/retention/erasure-requests', { data: { caseNumber, reason: 'She asked on the phone' } })).status()).toBe(403);
    await caseworker.dispose();
    const admin = await signedInApi(baseURL, 'admin@harbor.demo');
    const user = await admin.post('/api/v1/users', { data: { email: secondEmail, displayName: `Sam Second ${stamp}`, role: 'admin', password: secondPassword } });
    expect(user.status()).toBe(201);
    secondAdmin = (await user.json()) as { id: string; version: number };
    await admin.dispose();
  });

  await test.step('first admin: asks for the erasure by case number, and cannot approve it herself', async () => {
    await signIn(page, 'admin@harbor.demo');
    await openRetention(page);
    await page.getByLabel('Case number').fill(caseNumber);
    await page.getByLabel('Reason').fill('She asked on the hotline on Monday');
    await page.getByRole('button', { name: 'Request erasure' }).click();
    const item = page.getByRole('listitem').filter({ hasText: caseNumber });
    await expect(item.getByText('Waiting for approval')).toBeVisible();
    await expect(item.getByText('another admin must approve it')).toBeVisible();
    await expect(item.getByRole('button', { name: 'Approve and erase' })).toHaveCount(0);
    await expectPhoneReady(page, 'the erasure requests');
    await page.getByRole('tab', { name: 'Retention' }).click();
    await expect(page.getByLabel('Years to keep closed cases')).toHaveValue('7');
    await expect(page.getByRole('heading', { name: 'Due in the next 30 days' })).toBeVisible();
    await expectPhoneReady(page, 'the retention period and preview');
    await page.getByRole('tab', { name: 'Legal holds' }).click();
    await expect(page.getByText('No legal holds.')).toBeVisible();
    await expectPhoneReady(page, 'the legal holds');
  });

  await test.step('second admin: approves, and the request shows the survivor anonymized', async () => {
    const second = await (await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true })).newPage();
    await signIn(second, secondEmail, secondPassword);
    await openRetention(second);
    const item = second.getByRole('listitem').filter({ hasText: caseNumber });
    await item.getByLabel('Note (optional)').fill('Confirmed with her caseworker');
    await item.getByRole('button', { name: 'Approve and erase' }).click();
    await expect(item.getByText('Anonymized', { exact: true })).toBeVisible();
    await second.getByRole('tab', { name: 'Purge report' }).click();
    await expect(second.getByText(caseNumber)).toBeVisible();
    await expectPhoneReady(second, 'the purge report');
    await second.context().close();
  });

  await test.step('her caseworker: the survivor shows as anonymized, without her name', async () => {
    const caseworker = await (await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true })).newPage();
    await signIn(caseworker, 'caseworker@harbor.demo');
    await caseworker.goto(`/#/survivors/${survivorId}/show`);
    await expect(caseworker.getByRole('heading', { name: 'Anonymized', level: 1 })).toBeVisible();
    await expect(caseworker.getByText(legalName)).toHaveCount(0);
    await caseworker.context().close();
  });

  await test.step('cleanup: the second admin is deactivated (later journeys share this database and expect one admin)', async () => {
    const admin = await signedInApi(baseURL, 'admin@harbor.demo');
    const res = await admin.patch(`/api/v1/users/${secondAdmin.id}`, { data: { active: false, version: secondAdmin.version } });
    expect(res.status()).toBe(200);
    await admin.dispose();
  });
});

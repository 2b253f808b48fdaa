import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectNoTraces, letterStamp, saveScreen, signedInApi, signIn } from './support';

/**
 * Issue 13, search: a caseworker on a phone (390×844) searches from the app bar and finds her case by
 * part of its alias and by its number, then opens it. Quick Exit stays in view over the search, axe is
 * clean, and the search text reaches neither the address bar nor the browser's storage.
 */
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

async function expectQuickExitInView(page: Page, label: string): Promise<void> {
  const box = await page.getByTestId('quick-exit').boundingBox();
  expect(box, `${label}: Quick Exit is drawn`).not.toBeNull();
  expect(box!.x, label).toBeGreaterThanOrEqual(0);
  expect(box!.y, label).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, label).toBeLessThanOrEqual(PHONE.width);
  expect(box!.y + box!.height, label).toBeLessThanOrEqual(PHONE.height);
  const onTop = await page.getByTestId('quick-exit').evaluate((button) => {
    const r = button.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && button.contains(hit);
  });
  expect(onTop, `${label}: something covers Quick Exit`).toBe(true);
}

async function searchFor(page: Page, text: string): Promise<void> {
  await page.getByTestId('global-search').click();
  const field = page.getByRole('textbox', { name: 'Case number, alias or partner' });
  await expect(field).toBeFocused();
  await field.fill(text);
  await field.press('Enter');
}

test('a caseworker on a phone finds a case from the app bar by part of its alias and by its number', async ({ page, baseURL }) => {
  const stamp = letterStamp();
  const alias = `Amber Wren ${stamp}`;
  const api = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const survivor = (await (await api.post('/api/v1/survivors', { data: { alias } })).json()) as { id: string };
  const created = await api.post('/api/v1/cases', { data: { survivorId: survivor.id } });
  expect(created.status()).toBe(201);
  const { caseNumber } = (await created.json()) as { caseNumber: string };
  await api.dispose();

  await signIn(page, 'caseworker@harbor.demo');
  await expectQuickExitInView(page, 'home');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  await test.step('part of the alias, accents and case aside', async () => {
    await searchFor(page, `WRÉN ${stamp}`);
    const cases = page.getByRole('region', { name: 'Cases' });
    await expect(cases.getByRole('button', { name: new RegExp(caseNumber) })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Survivors' }).getByRole('button', { name: new RegExp(alias) })).toBeVisible();
    await expectQuickExitInView(page, 'search results');
    await expectNoAxeViolations(page, 'search results at 390 px');
    await saveScreen(page, 'search-phone-results');
    await cases.getByRole('button', { name: new RegExp(caseNumber) }).click();
    await expect(page.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible();
    await expectNoTraces(page, stamp);
  });

  await test.step('the case number, without its prefix', async () => {
    await searchFor(page, caseNumber.slice(3).toLowerCase());
    const hit = page.getByRole('region', { name: 'Cases' }).getByRole('button', { name: new RegExp(caseNumber) });
    await expect(hit).toBeVisible();
    await expect(page.getByRole('region', { name: 'Cases' }).getByRole('button')).toHaveCount(1);
    await hit.click();
    await expect(page.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible();
    await expectQuickExitInView(page, 'the case opened');
  });

  await test.step('nothing to find says so', async () => {
    await searchFor(page, `Nobody ${stamp}`);
    await expect(page.getByText('Nothing found that you can see.')).toBeVisible();
    await expectNoAxeViolations(page, 'no results at 390 px');
    await page.getByRole('button', { name: 'Close search' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expectNoTraces(page, stamp);
  });
});

test('the new intake warns, before saving, about a survivor with the same alias, with a link to the record', async ({ page, baseURL }) => {
  const alias = `Cobalt Ibis ${letterStamp()}`;
  const api = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const survivor = (await (await api.post('/api/v1/survivors', { data: { alias } })).json()) as { id: string };
  expect((await api.post('/api/v1/cases', { data: { survivorId: survivor.id } })).status()).toBe(201);
  await api.dispose();

  await signIn(page, 'caseworker@harbor.demo');
  await page.getByRole('link', { name: 'New intake' }).first().click();
  await expect(page.getByRole('heading', { name: 'New intake', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Alias' }).fill(alias.toLowerCase());
  const warning = page.getByTestId('duplicate-warning');
  await expect(warning).toContainText('This person may already have a record');
  await expect(warning).toContainText(alias);
  await expect(warning).toContainText('same alias');
  await expectQuickExitInView(page, 'duplicate warning');
  await expectNoAxeViolations(page, 'duplicate warning at 390 px');
  // Never blocking: the save button stays enabled; the link opens the existing record.
  await expect(page.getByRole('button', { name: 'Create record and open case' })).toBeEnabled();
  await warning.getByRole('button', { name: 'Open record' }).click();
  await expect(page.getByRole('heading', { name: alias, level: 1 })).toBeVisible();
});

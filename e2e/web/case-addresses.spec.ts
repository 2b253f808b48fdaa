import { expect, test, type Page } from '@playwright/test';
import { asUser, DEMO_PASSWORD, expectIdsOnlyAddress, expectNoTraces, letterStamp, openCase, signedInApi } from './support';

/**
 * Issue 13, "Never lose work": Back and Forward move between the app's pages, each case has an address a
 * colleague can open, and signing in again returns to the page. The address holds the case's id, never
 * the survivor's alias; whoever may not read the case gets no data from it.
 */

async function expectOnCaseTab(page: Page, caseNumber: string, tab: string): Promise<void> {
  await expect(page.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
}

async function signInHere(page: Page, email: string): Promise<void> {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test("a case's address: Back and Forward inside the app, opened by colleagues as far as each may, and after signing in", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const alias = `Amber Wren ${letterStamp()}`;
  const api = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const { id: survivorId } = (await (await api.post('/api/v1/survivors', { data: { alias } })).json()) as { id: string };
  const created = await api.post('/api/v1/cases', { data: { survivorId } });
  expect(created.status()).toBe(201);
  const { id: caseId, caseNumber } = (await created.json()) as { id: string; caseNumber: string };
  await api.dispose();
  const caseAddress = `${baseURL}/#/cases/${caseId}/show`;
  const historyAddress = `${caseAddress}/history`;

  const caseworker = await asUser(browser, 'caseworker@harbor.demo');
  await test.step('caseworker: list → case → tab, then Back and Forward', async () => {
    await openCase(caseworker, caseNumber);
    await expect(caseworker.getByTestId('case-alias')).toHaveText(alias);
    expect(caseworker.url()).toBe(caseAddress);
    await caseworker.getByRole('tab', { name: 'History' }).click();
    await expectOnCaseTab(caseworker, caseNumber, 'History');
    expect(caseworker.url()).toBe(historyAddress);

    await caseworker.goBack();
    await expectOnCaseTab(caseworker, caseNumber, 'Overview');
    expect(caseworker.url()).toBe(caseAddress);
    await caseworker.goBack();
    await expect(caseworker.getByRole('row').filter({ hasText: caseNumber })).toBeVisible();
    expect(caseworker.url()).toBe(`${baseURL}/#/cases`);
    await caseworker.goForward();
    await expectOnCaseTab(caseworker, caseNumber, 'Overview');
    await caseworker.goForward();
    await expectOnCaseTab(caseworker, caseNumber, 'History');
    expect(caseworker.url()).toBe(historyAddress);
    // The addresses and titles of every entry of the tab's history: the case's id, never the alias.
    await expectNoTraces(caseworker, alias);
    await expectNoTraces(caseworker, alias.split(' ')[1]!);
  });

  await test.step('coordinator of the same organization: the copied address opens the case', async () => {
    const coordinator = await asUser(browser, 'coordinator@harbor.demo');
    const tab = await coordinator.context().newPage();
    await tab.goto(historyAddress);
    await expectOnCaseTab(tab, caseNumber, 'History');
    expect(tab.url()).toBe(historyAddress);
    await coordinator.context().close();
  });

  for (const email of ['partner@safehomes.demo', 'caseworker@lightway.demo']) {
    await test.step(`${email}: the address shows nothing of the case, and Back leaves it`, async () => {
      const outsider = await asUser(browser, email);
      const read = outsider.waitForResponse((r) => r.url().endsWith(`/api/v1/cases/${caseId}`), { timeout: 5_000 }).catch(() => null);
      await outsider.goto(historyAddress);
      if (email === 'partner@safehomes.demo') {
        // Partner staff read no cases at all: react-admin's "access denied", in place of the address.
        await expect(outsider.getByText('Access denied')).toBeVisible();
        expect(outsider.url()).toBe(`${baseURL}/#/access-denied`);
      } else {
        // Another organization: the API answers 404, as for a case that does not exist.
        expect((await read)?.status()).toBe(404);
        await expect(outsider.getByTestId('record-unavailable')).toContainText('This record does not exist, or it is not yours to see.');
        expect(outsider.url()).toBe(historyAddress);
      }
      await expect(outsider.getByRole('heading', { name: caseNumber })).toHaveCount(0);
      expect(await outsider.content()).not.toContain(alias);
      // No redirect to bounce back into: Back returns to the page before.
      await outsider.goBack();
      await expect(outsider.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
      await outsider.context().close();
    });
  }

  await test.step('signed out: the address asks for sign-in, then opens the case', async () => {
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(historyAddress);
    await expect(stranger.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expectIdsOnlyAddress(stranger.url());
    await signInHere(stranger, 'caseworker@harbor.demo');
    await expectOnCaseTab(stranger, caseNumber, 'History');
    expect(stranger.url()).toBe(historyAddress);
    await expectNoTraces(stranger, alias);
    await stranger.context().close();
  });

  await test.step('the session ends while the case is open: signing in again returns to the page, Back shows no sign-in form', async () => {
    // Ended on the server (as by an administrator, or another tab's sign-out): the next request finds out.
    expect((await caseworker.request.post('/api/v1/auth/logout', { headers: { 'X-Lantern-Client': 'web' } })).ok()).toBe(true);
    await caseworker.getByRole('button', { name: 'Refresh' }).click();
    await expect(caseworker.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    expectIdsOnlyAddress(caseworker.url());
    // Even a reload of the sign-in page keeps where she was (in the history entry, not the address).
    await caseworker.reload();
    await expect(caseworker.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await signInHere(caseworker, 'caseworker@harbor.demo');
    await expectOnCaseTab(caseworker, caseNumber, 'History');
    expect(caseworker.url()).toBe(historyAddress);
    await caseworker.goBack();
    await expectOnCaseTab(caseworker, caseNumber, 'Overview');
    await expectNoTraces(caseworker, alias);
    await caseworker.context().close();
  });
});

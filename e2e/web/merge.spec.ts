import { expect, test, type Page } from '@playwright/test';
import { askForPasswordOnce, asUser, DEMO_PASSWORD, expectNoAxeViolations, letterStamp, signedInApi } from './support';

/**
 * Issue 17, merge, on a phone: a caseworker registers a survivor who is already known and sees the
 * duplicate warning; a coordinator merges the new record into the one that stays (what moves, a reason,
 * her password), sees both cases together, finds the old id leading to the record that stays, and
 * undoes the merge, so the two records are as they were for the other journeys.
 */
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

async function expectPhoneReady(page: Page, label: string): Promise<void> {
  await expect(page.getByTestId('quick-exit')).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page, `${label} at 390 px`);
}

test('a duplicate caught during intake and merged', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const stamp = letterStamp();
  const keptAlias = `Heron ${stamp}`;
  const newAlias = `Egret ${stamp}`;
  let keptId = '';
  let keptCase = '';
  let newId = '';
  let newCase = '';
  let newCaseId = '';

  const api = await signedInApi(baseURL, 'caseworker@harbor.demo');
  await test.step('setup: the survivor the program already knows, with her case', async () => {
    const survivor = await api.post('/api/v1/survivors', { data: { alias: keptAlias, legalName: `Oksana Kovalenko${stamp}`, dateOfBirth: '1994-03-05' } });
    expect(survivor.status()).toBe(201);
    keptId = ((await survivor.json()) as { id: string }).id;
    const kase = await api.post('/api/v1/cases', { data: { survivorId: keptId } });
    keptCase = ((await kase.json()) as { caseNumber: string }).caseNumber;
  });

  const caseworker = await asUser(browser, 'caseworker@harbor.demo');
  await test.step('caseworker: a new record of the same person shows the duplicate warning; she saves it all the same', async () => {
    await caseworker.goto('/#/survivors/create');
    await caseworker.getByLabel('Alias').fill(newAlias);
    await caseworker.getByLabel('Legal name').fill(`Oxana Kowalenko${stamp}`);
    await caseworker.getByLabel('Date of birth').fill('1994-03-05');
    const warning = caseworker.getByTestId('duplicate-warning');
    await expect(warning).toContainText(keptAlias);
    await expect(warning).toContainText(keptCase);
    await expect(warning).toContainText('a coordinator can merge the two records');
    await caseworker.getByRole('button', { name: 'Save' }).click();
    await expect(caseworker.getByRole('heading', { name: newAlias, level: 1 })).toBeVisible();
    newId = /#\/survivors\/([0-9a-f-]{36})\/show/.exec(caseworker.url())![1]!;
    const kase = await api.post('/api/v1/cases', { data: { survivorId: newId } });
    ({ caseNumber: newCase, id: newCaseId } = (await kase.json()) as { caseNumber: string; id: string });
  });
  await api.dispose();

  const coordinator = await asUser(browser, 'coordinator@harbor.demo');
  await test.step('coordinator: merges the new record into the one that stays, after seeing what moves', async () => {
    await coordinator.goto(`/#/survivors/${keptId}/show`);
    await coordinator.getByRole('button', { name: 'Merge with another record' }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'Merge with another record' });
    await dialog.getByLabel('The other record (alias)').fill(newAlias);
    await coordinator.getByRole('option', { name: newAlias }).click();
    await expect(dialog.getByTestId('merge-preview')).toContainText(`${newAlias} will be merged into ${keptAlias}`);
    await expect(dialog.getByTestId('merge-preview')).toContainText('1 case');
    await dialog.getByLabel(/Reason/).fill('Same person: same date of birth, confirmed with her caseworker');
    await expectPhoneReady(coordinator, 'the merge dialog');
    const askedForPassword = await askForPasswordOnce(coordinator, '**/merges', 'POST');
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    const prompt = coordinator.getByRole('dialog', { name: 'Confirm it is you' });
    await prompt.getByLabel('Your password').fill(DEMO_PASSWORD);
    await prompt.getByRole('button', { name: 'Confirm' }).click();
    await expect(coordinator.getByText('The records are merged')).toBeVisible();
    expect(askedForPassword()).toBe(true);
    await expect(coordinator.getByTestId('merged-from')).toContainText(`Merged from ${newAlias}`);
    await expect(coordinator.getByRole('cell', { name: keptCase })).toBeVisible();
    await expect(coordinator.getByRole('cell', { name: newCase })).toBeVisible();
    await expectPhoneReady(coordinator, 'the record that stays, merged');
  });

  await test.step('the old id leads to the record that stays', async () => {
    await coordinator.goto(`/#/survivors/${newId}/show`);
    await expect(coordinator).toHaveURL(new RegExp(`#/survivors/${keptId}/show`));
    await expect(coordinator.getByRole('heading', { name: keptAlias, level: 1 })).toBeVisible();
  });

  await test.step('coordinator: undoes the merge; each record has her own case again', async () => {
    await coordinator.getByTestId('merged-from').getByRole('button', { name: 'Undo merge' }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'Undo the merge' });
    await dialog.getByRole('textbox').fill('Test of the journey: undone');
    await dialog.getByRole('button', { name: 'Undo merge' }).click();
    await expect(coordinator.getByText('The merge is undone')).toBeVisible();
    await expect(coordinator.getByTestId('merged-from')).toHaveCount(0);
    await expect(coordinator.getByRole('cell', { name: newCase })).toHaveCount(0);
    await expect(coordinator.getByRole('cell', { name: keptCase })).toBeVisible();
    await coordinator.goto(`/#/survivors/${newId}/show`);
    await expect(coordinator.getByRole('heading', { name: newAlias, level: 1 })).toBeVisible();
  });

  await test.step("the moved case's history tells the merge and its undo", async () => {
    await coordinator.goto(`/#/cases/${newCaseId}/show/history`);
    const history = coordinator.getByRole('list', { name: 'Case history' });
    await expect(history.getByText('merged two records of this survivor')).toBeVisible();
    await expect(history.getByText('undid the merge of two records of this survivor')).toBeVisible();
    await expectPhoneReady(coordinator, 'the history of the moved case');
  });
});

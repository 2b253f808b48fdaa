import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { askForPasswordOnce, asUser, DEMO_PASSWORD, expectPhoneReady, letterStamp, PHONE, signedInApi, survivorWithCase } from './support';

/**
 * Issue 16, part 4, on a phone: a survivor asks for her record; a coordinator opens her page and
 * downloads the subject access package as a PDF after confirming her password, then as JSON. The
 * files are named by case number, never by her name; the JSON holds her name and intake narrative.
 * Her caseworker has no such button, and the API refuses her.
 */
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

test('a coordinator downloads a survivor\'s subject access package as PDF and JSON', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const stamp = letterStamp();
  const legalName = `Lucia Marin ${stamp}`;
  let survivorId = '';
  let caseNumber = '';

  await test.step('setup: a caseworker registers a survivor and opens her case', async () => {
    const caseworker = await signedInApi(baseURL, 'caseworker@harbor.demo');
    ({ survivorId, caseNumber } = await survivorWithCase(caseworker, { alias: `Sparrow ${stamp}`, legalName }));
    // Her caseworker does not hand the file out: the coordinator does.
    expect((await caseworker.get(`/api/v1/survivors/${survivorId}/access-package`)).status()).toBe(403);
    await caseworker.dispose();
  });

  const coordinator = await asUser(browser, 'coordinator@harbor.demo');

  await test.step('coordinator: downloads the PDF after confirming her password', async () => {
    await coordinator.goto(`/#/survivors/${survivorId}/show`);
    const button = coordinator.getByRole('button', { name: 'Subject access package' });
    await expect(button).toBeVisible();
    await expectPhoneReady(coordinator, 'the survivor page');
    const askedForPassword = await askForPasswordOnce(coordinator, '**/access-package**', 'GET');
    await button.click();
    const downloading = coordinator.waitForEvent('download');
    await coordinator.getByRole('menuitem', { name: 'Download as PDF' }).click();
    const prompt = coordinator.getByRole('dialog', { name: 'Confirm it is you' });
    await expect(prompt).toBeVisible();
    await prompt.getByLabel('Your password').fill(DEMO_PASSWORD);
    await prompt.getByRole('button', { name: 'Confirm' }).click();
    const download = await downloading;
    expect(askedForPassword()).toBe(true);
    expect(download.suggestedFilename()).toBe(`access-package-${caseNumber}.pdf`);
    await expect(coordinator.getByText('The package was downloaded.')).toBeVisible();
    const path = `/tmp/hd-e2e-${Date.now()}.pdf`;
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  await test.step('coordinator: downloads the same package as JSON', async () => {
    const downloading = coordinator.waitForEvent('download');
    await coordinator.getByRole('button', { name: 'Subject access package' }).click();
    await coordinator.getByRole('menuitem', { name: 'Download as JSON' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`access-package-${caseNumber}.json`);
    const path = `/tmp/hd-e2e-${Date.now()}.json`;
    await download.saveAs(path);
    const pkg = JSON.parse(readFileSync(path, 'utf8')) as { survivor: { legalName: string }; cases: { caseNumber: string }[] };
    expect(pkg.survivor.legalName).toBe(legalName);
    expect(pkg.cases.map((c) => c.caseNumber)).toEqual([caseNumber]);
  });

  await test.step('her caseworker sees no such button', async () => {
    const caseworker = await asUser(browser, 'caseworker@harbor.demo');
    await caseworker.goto(`/#/survivors/${survivorId}/show`);
    await expect(caseworker.getByRole('heading', { name: `Sparrow ${stamp}`, level: 1 })).toBeVisible();
    await expect(caseworker.getByRole('button', { name: 'Subject access package' })).toHaveCount(0);
  });
});

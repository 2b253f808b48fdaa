import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoTraces, signIn } from './support';

test('an admin creates a partner organization, finds it in the list and sees its creation in the audit log', async ({ page }) => {
  const name = `Hope Harbor ${Date.now()}`;
  await signIn(page, 'admin@harbor.demo');

  await page.getByRole('menuitem', { name: 'Partner organizations' }).click();
  await page.getByRole('link', { name: 'Create' }).click();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'admin: new partner organization');
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('checkbox', { name: 'Housing' }).check();
  await page.getByRole('checkbox', { name: 'Legal aid' }).check();
  await page.getByRole('textbox', { name: 'Service area' }).fill('North district');
  await page.getByRole('spinbutton', { name: 'Open places' }).fill('3');
  await page.getByRole('textbox', { name: 'Contact e-mail' }).fill('intake@hopeharbor.example');
  await page.getByRole('button', { name: 'Save' }).click();

  // Saved: the record's page shows it, with the services by name.
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByText('Legal aid')).toBeVisible();
  await expectNoAxeViolations(page, 'admin: partner organization');

  await page.getByRole('menuitem', { name: 'Partner organizations' }).click();
  await expect(page.getByPlaceholder('Search name or area')).toBeVisible();
  const historyBeforeSearch = await page.evaluate(() => history.length);
  await page.getByPlaceholder('Search name or area').fill(name);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Housing');
  await expect(row).toContainText('3');
  await expectNoAxeViolations(page, 'admin: partner organizations');

  // What was typed into the search stays out of the address bar, the history and browser storage: the
  // search adds no history entry, and no entry's address or title holds it.
  expect(await page.evaluate(() => history.length)).toBe(historyBeforeSearch);
  await expectNoTraces(page, name);

  // Record export (issue 16): the list as it is filtered, as CSV, with the fields the admin reads.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^partner-orgs-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(csv).toHaveLength(2);
  expect(csv[0]!.split(',')).toEqual(expect.arrayContaining(['id', 'name', 'serviceTypes', 'capacity']));
  expect(csv[1]).toContain(name);
  await expect(page.getByText('Exported 1 record')).toBeVisible();

  await page.getByRole('menuitem', { name: 'Audit log' }).click();
  const created = page.getByRole('row').filter({ hasText: 'Created' }).filter({ hasText: name });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('Alex Admin');
  await expect(created).toContainText('success');
  // The fields it set, by their labels in the forms, never by their keys.
  await expect(created).toContainText('Service area');
  await expect(created).toContainText('Open places');
  await expect(created).not.toContainText('serviceArea');
  await expect(page.getByRole('row').filter({ hasText: 'Exported' }).first()).toContainText('Partner organization');
  await expectNoAxeViolations(page, 'admin: audit log');
});

import { expect, test } from '@playwright/test';
import { apiStatusFromPage, signIn } from './support';

test('a caseworker reads partner organizations, is offered no Create button nor the Import page, and the API refuses both', async ({ page }) => {
  await signIn(page, 'caseworker@harbor.demo');

  await page.getByRole('menuitem', { name: 'Partner organizations' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Safe Homes' })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Create' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: 'Audit log' })).toHaveCount(0);

  // Hiding the button is only courtesy: the API itself says no to the same session.
  const status = await apiStatusFromPage(page, '/partner-orgs', {
    method: 'POST',
    body: { name: 'Not allowed', serviceTypes: ['housing'] },
  });
  expect(status).toBe(403);

  // Spreadsheet import is an admin's (docs/imports.md): no menu entry; the address typed by hand shows
  // the refusal, and the API refuses the same session its list of imports and an upload.
  await expect(page.getByRole('menuitem', { name: 'Import' })).toHaveCount(0);
  await page.goto('/#/imports');
  await expect(page.getByRole('heading', { name: 'Import a spreadsheet', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Only admins import spreadsheets.' })).toBeVisible();
  await expect(page.getByTestId('import-file')).toHaveCount(0);
  expect(await apiStatusFromPage(page, '/imports')).toBe(403);
  expect(await apiStatusFromPage(page, '/imports/mappings')).toBe(403);
});

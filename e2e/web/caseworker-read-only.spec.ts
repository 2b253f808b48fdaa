import { expect, test } from '@playwright/test';
import { apiStatusFromPage, signIn } from './support';

test('a caseworker reads partner organizations, is offered no Create button, and the API refuses a create', async ({ page }) => {
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
});

import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

test('a partner user updates the capacity of their own organization and sees no other', async ({ page }) => {
  await signIn(page, 'partner@safehomes.demo');

  await page.getByRole('menuitem', { name: 'Partner organizations' }).click();
  const rows = page.getByRole('rowgroup').nth(1).getByRole('row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Safe Homes');
  await expect(page.getByRole('link', { name: 'Create' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'partner: partner organizations');

  await rows.first().click();
  await expect(page.getByRole('heading', { name: 'Safe Homes', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deactivate' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'partner: own organization');
  await page.getByRole('link', { name: 'Edit' }).click();

  // Only the fields a partner may change are offered.
  const capacity = page.getByRole('spinbutton', { name: 'Open places' });
  await expect(capacity).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Contact person' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Housing' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'partner: edit own organization');
  const next = Number(await capacity.inputValue()) + 1;
  await capacity.fill(String(next));
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('heading', { name: 'Safe Homes', level: 1 })).toBeVisible();
  // In the page's own content: the notification bell's badge may show the same number.
  await expect(page.locator('#main-content').getByText(String(next), { exact: true })).toBeVisible();

  // The API agrees: one partner organization in this user's world.
  const list = await page.request.get('/api/v1/partner-orgs');
  expect(list.status()).toBe(200);
  expect(list.headers()['content-range']).toMatch(/\/1$/);
});

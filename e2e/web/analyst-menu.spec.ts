import { expect, test } from '@playwright/test';
import { signIn } from './support';

test('an analyst sees no partner organizations and a placeholder for metrics', async ({ page }) => {
  await signIn(page, 'analyst@harbor.demo');

  await expect(page.getByRole('menuitem', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'My account' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Partner organizations' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: 'Audit log' })).toHaveCount(0);
  await expect(page.getByText('Outcome metrics arrive in a later release')).toBeVisible();
});

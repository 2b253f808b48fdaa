import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support';

test('a wrong password gets a clear message and no session', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('E-mail address').fill('coordinator@harbor.demo');
  await page.getByLabel('Password').fill('not-the-right-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toHaveText('The e-mail address or password is not correct');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectNoAxeViolations(page, 'sign-in with a refused password');
  const me = await page.request.get('/api/v1/auth/me');
  expect(me.status()).toBe(401);
});

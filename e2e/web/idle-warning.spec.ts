import { expect, test } from '@playwright/test';
import { signIn } from './support';

test('two minutes before the idle timeout a warning offers to stay; at the timeout the app signs out', async ({ page }) => {
  // The page's clock is under the test's control; the server's is not, so the session stays valid.
  await page.clock.install();
  await signIn(page, 'coordinator@harbor.demo');

  await page.clock.fastForward('13:05');
  const warning = page.getByRole('alertdialog');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/You will be signed out in 1:5\d/);

  await warning.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(warning).toBeHidden();
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();

  await page.clock.fastForward('15:05');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You were signed out after 15 minutes without activity.')).toBeVisible();
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
});

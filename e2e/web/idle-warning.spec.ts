import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './support';

test('two minutes before the idle timeout a warning offers to stay; at the timeout the app signs out, and signing in returns to the page', async ({ page }) => {
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

  // She is on a case's History tab (opened from its address) when the session ends.
  const [first] = (await (await page.request.get('/api/v1/cases?range=%5B0%2C0%5D')).json()) as { id: string; caseNumber: string }[];
  const address = `${new URL(page.url()).origin}/#/cases/${first!.id}/show/history`;
  await page.goto(address);
  await expect(page.getByRole('heading', { name: first!.caseNumber, level: 1 })).toBeVisible();

  await page.clock.fastForward('15:05');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You were signed out after 15 minutes without activity.')).toBeVisible();
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);

  // Signing in again returns to that page (issue 13), and Back does not lead to the sign-in form.
  await page.getByLabel('E-mail address').fill('coordinator@harbor.demo');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: first!.caseNumber, level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
  expect(page.url()).toBe(address);
  await page.goBack();
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
});

import { expect, request, test, type Page } from '@playwright/test';
import { expectIdsOnlyAddress, NEUTRAL_SITE, routeNeutralSite, signIn } from './support';

async function sessionCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith('lantern_sid'));
  expect(session, 'a session cookie after sign-in').toBeDefined();
  return `${session!.name}=${session!.value}`;
}

async function expectLeftForGood(page: Page, cookie: string, baseURL: string): Promise<void> {
  await page.waitForURL(NEUTRAL_SITE);
  await expect(page.getByRole('heading', { name: 'Weather' })).toBeVisible();

  // Back leads to Lantern's sign-in page at most, never to data: the page that was on screen was
  // replaced; the app's earlier entries hold ids only, and the session is over (docs/security-model.md).
  await page.goBack();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expectIdsOnlyAddress(page.url());
  await expect(page.getByRole('menuitem')).toHaveCount(0);

  // The session is over on the server, not just forgotten by the browser.
  const fresh = await page.context().newPage();
  await expect.poll(async () => (await fresh.goto('/api/v1/auth/me'))?.status()).toBe(401);
  const replay = await request.newContext({ baseURL, extraHTTPHeaders: { cookie } });
  await expect.poll(async () => (await replay.get('/api/v1/auth/me')).status()).toBe(401);
  await replay.dispose();
}

test('Quick exit button leaves for a neutral site, Back leads to no data, the session is ended', async ({ page, baseURL }) => {
  await routeNeutralSite(page);
  await signIn(page, 'caseworker@harbor.demo');
  await page.getByRole('menuitem', { name: 'Partner organizations' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Safe Homes' })).toHaveCount(1);
  const cookie = await sessionCookie(page);

  await page.getByRole('button', { name: 'Quick exit' }).click();
  await expectLeftForGood(page, cookie, baseURL!);
});

test('Shift pressed three times leaves for a neutral site, Back leads to no data, the session is ended', async ({ page, baseURL }) => {
  await routeNeutralSite(page);
  await signIn(page, 'caseworker2@harbor.demo');
  await page.getByRole('menuitem', { name: 'My account' }).click();
  await expect(page.getByRole('heading', { name: 'Where you are signed in' })).toBeVisible();
  const cookie = await sessionCookie(page);

  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await expectLeftForGood(page, cookie, baseURL!);
});

test('Quick exit is on the sign-in page too', async ({ page }) => {
  await routeNeutralSite(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Quick exit' }).click();
  await page.waitForURL(NEUTRAL_SITE);
});

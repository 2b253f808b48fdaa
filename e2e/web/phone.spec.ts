import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, NEUTRAL_SITE, routeNeutralSite, signedInApi, signIn } from './support';

/**
 * The caseworker's day on a phone (issue 13): at 390×844 every page fits the screen (nothing scrolls
 * sideways), Quick Exit stays in view and on top — also scrolled to the bottom, over the menu drawer
 * and before the app's code has arrived — and axe finds nothing critical, serious or moderate.
 */
const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

/** No sideways scroll, Quick Exit inside the screen and not covered (also at the bottom of the page), axe clean. */
async function expectFitsPhone(page: Page, label: string): Promise<void> {
  const quickExit = page.getByTestId('quick-exit');
  const layout = () =>
    quickExit.evaluate((button) => {
      const box = button.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom },
        onTop: hit !== null && button.contains(hit),
      };
    });
  for (const where of ['top', 'bottom'] as const) {
    await page.evaluate((to) => window.scrollTo(0, to === 'top' ? 0 : document.documentElement.scrollHeight), where);
    const found = await layout();
    expect(found.scrollWidth, `${label}: the page is wider than the phone`).toBeLessThanOrEqual(found.innerWidth);
    expect(found.box.left, `${label} (${where}): Quick Exit starts off screen`).toBeGreaterThanOrEqual(0);
    expect(found.box.top, `${label} (${where}): Quick Exit starts off screen`).toBeGreaterThanOrEqual(0);
    expect(found.box.right, `${label} (${where}): Quick Exit ends off screen`).toBeLessThanOrEqual(PHONE.width);
    expect(found.box.bottom, `${label} (${where}): Quick Exit ends off screen`).toBeLessThanOrEqual(PHONE.height);
    expect(found.onTop, `${label} (${where}): something covers Quick Exit`).toBe(true);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoAxeViolations(page, `${label} at 390 px`);
}

test('a caseworker on a phone: every page fits, Quick Exit is always in reach, axe is clean', async ({ page, baseURL }) => {
  test.setTimeout(180_000);

  // A fresh case of the caseworker's, so the intake can be started.
  const api = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const survivor = (await (await api.post('/api/v1/survivors', { data: { alias: `Pale Finch ${Date.now()}` } })).json()) as { id: string };
  const created = await api.post('/api/v1/cases', { data: { survivorId: survivor.id } });
  expect(created.status()).toBe(201);
  const { caseNumber } = (await created.json()) as { caseNumber: string };
  await api.dispose();

  await test.step('sign-in page', async () => {
    await page.goto('/');
    await expect(page.getByLabel('E-mail address')).toBeVisible();
    await expectFitsPhone(page, 'sign-in');
  });

  await test.step('home, and the menu drawer under Quick Exit', async () => {
    await signIn(page, 'caseworker@harbor.demo');
    await expectFitsPhone(page, 'home');
    await page.getByRole('button', { name: 'Open menu' }).click();
    await expect(page.getByRole('menuitem', { name: 'Cases' })).toBeVisible();
    await expectFitsPhone(page, 'menu drawer');
    await page.getByRole('menuitem', { name: 'Cases' }).click();
  });

  await test.step('cases as cards, "New intake" in reach', async () => {
    await expect(page.getByRole('heading', { name: 'My cases', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'New intake' }).or(page.getByRole('link', { name: 'New intake' }))).toBeInViewport();
    await expectFitsPhone(page, 'cases');
  });

  await test.step('the case, tab by tab', async () => {
    await page.getByRole('link', { name: new RegExp(caseNumber) }).click();
    await expect(page.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible();
    await expectFitsPhone(page, 'case overview');
    for (const tab of ['Consent', 'Referrals', 'Service plan', 'Outcomes', 'History', 'Notes', 'Intake']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await expect(page.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
      await expectFitsPhone(page, `case ${tab} tab`);
    }
  });

  await test.step('the intake by keyboard: focus follows the steps', async () => {
    await page.getByRole('button', { name: 'Start intake' }).click();
    await expect(page.getByRole('heading', { name: 'Identification' })).toBeFocused();
    await expectFitsPhone(page, 'intake step 1');
    await page.getByRole('button', { name: 'Next' }).press('Enter');
    await expect(page.getByRole('heading', { name: 'Exploitation' })).toBeFocused();
    await expectFitsPhone(page, 'intake step 2');
    await page.getByRole('button', { name: 'Back' }).press('Enter');
    await expect(page.getByRole('heading', { name: 'Identification' })).toBeFocused();
  });

  await test.step('a note', async () => {
    await page.getByRole('tab', { name: 'Notes', exact: true }).click();
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('textbox', { name: 'Note' }).fill('Met at the drop-in centre; safe to text.');
    await expectFitsPhone(page, 'note form');
    await page.getByRole('button', { name: 'Save note' }).click();
    await expect(page.getByRole('article').filter({ hasText: 'Met at the drop-in centre' })).toBeVisible();
  });

  await test.step('the notifications, over the page', async () => {
    await page.getByTestId('notification-bell').click();
    await expect(page.getByRole('dialog', { name: 'Notifications' })).toBeVisible();
    await expectFitsPhone(page, 'notifications');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Notifications' })).toBeHidden();
  });
});

test('the loading screen has its own Quick Exit, before the app has arrived', async ({ page, baseURL }) => {
  await routeNeutralSite(page);
  // The app's code is held back, as on a slow network: the static loading screen is all there is.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/**/*.js', async (route) => {
    await held;
    await route.continue().catch(() => undefined);
  });
  // The page's load (even DOMContentLoaded) waits for the held module script: only the response is awaited.
  await page.goto('/', { waitUntil: 'commit' });
  const quickExit = page.getByRole('link', { name: 'Quick exit' });
  await expect(quickExit).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('heading', { name: 'Loading Lantern…', level: 1 })).toBeVisible();
  await expect(quickExit).toHaveAttribute('href', NEUTRAL_SITE);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page, 'loading screen');

  // It leaves the way the app's does: the history entry is replaced, so Back does not return.
  await quickExit.click();
  await page.waitForURL(NEUTRAL_SITE);
  release();
  await page.goBack().catch(() => null);
  expect(page.url()).not.toContain(new URL(baseURL!).host);
});

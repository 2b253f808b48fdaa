import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

/** Printed by the API in demo mode; every demo account shares it. */
export const DEMO_PASSWORD = 'lantern-demo-password';

export const NEUTRAL_SITE = 'https://www.weather.gov/';

/** The network is closed: the neutral site Quick Exit goes to is answered by the test itself. */
export async function routeNeutralSite(page: Page): Promise<void> {
  await page.route('https://www.weather.gov/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>National Weather Service</title><h1>Weather</h1></html>',
    }),
  );
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
}

/** Calls the API from inside the page, with the page's session cookie, and returns the status. */
export function apiStatusFromPage(page: Page, path: string, init: { method?: string; body?: unknown } = {}): Promise<number> {
  return page.evaluate(
    async ({ path, method, body }) => {
      const response = await fetch(`/api/v1${path}`, {
        method: method ?? 'GET',
        credentials: 'same-origin',
        headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.status;
    },
    { path, method: init.method, body: init.body },
  );
}

/** Screenshots a journey leaves for people to look at (git-ignored tmp/screens). */
const SCREENS_DIR = fileURLToPath(new URL('../../tmp/screens/', import.meta.url));

export async function saveScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

/** Nothing about a survivor in the address bar or browser storage (SECURITY.md, "The browser"). */
export async function expectNoTraces(page: Page, canary: string): Promise<void> {
  expect(page.url()).not.toContain(canary);
  expect(new URL(page.url()).pathname).toBe('/');
  expect(new URL(page.url()).search).toBe('');
  const storage = await page.evaluate(() => ({
    text: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    sizes: [localStorage.length, sessionStorage.length],
  }));
  expect(storage.sizes).toEqual([0, 0]);
  expect(storage.text).not.toContain(canary);
}

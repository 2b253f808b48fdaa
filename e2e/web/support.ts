import pg from 'pg';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, request, type APIRequestContext, type Browser, type Page } from '@playwright/test';

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

/** A page of its own (own cookies) for one user, signed in. */
export async function asUser(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** An API client signed in as one demo user, for a journey's setup; dispose of it when done. */
export async function signedInApi(baseURL: string | undefined, email: string): Promise<APIRequestContext> {
  // The header the web app sends with every request (the API's CSRF check, kernel/http/csrf.ts).
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { 'X-Lantern-Client': 'web' } });
  expect((await api.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } })).status()).toBe(200);
  return api;
}

/** A few letters from the clock, so a journey's survivor alias is its own on a shared database. */
export function letterStamp(): string {
  return Date.now().toString(36).replace(/[0-9]/g, '').slice(-4) || 'a';
}

/** Picks an option, matched exactly, of a select input. */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The coordinator's referral board narrowed to one caseworker's cases, as a coordinator following up would. */
export async function boardOfCaseworker(page: Page, displayName: string): Promise<void> {
  await page.getByRole('menuitem', { name: 'Referrals' }).click();
  const caseworker = page.getByRole('combobox', { name: 'Caseworker' });
  await caseworker.click();
  await caseworker.fill(displayName.split(' ')[0]!);
  // The list applies filters after a short debounce: wait for the filtered request, or a later click on a
  // status group would be overwritten by it.
  const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/referrals') && decodeURIComponent(r.url()).includes('assignedCaseworkerId'));
  await page.getByRole('option', { name: displayName, exact: true }).click();
  await filtered;
  await expect(caseworker).toHaveValue(displayName);
}

export async function openCase(page: Page, caseNumber: string): Promise<void> {
  await page.getByRole('menuitem', { name: 'Cases' }).click();
  // react-admin makes a row clickable once it has asked canAccess for it: a click on a row drawn a
  // moment earlier is ignored, so the click is repeated until the case opens.
  await expect(async () => {
    if (await page.getByRole('heading', { name: caseNumber, level: 1 }).isVisible()) return;
    await page.getByRole('row').filter({ hasText: caseNumber }).click();
    await expect(page.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * A signed-in session is fresh, so the API would not ask for the password; this makes the first
 * `method` request to `url` answer as the API does five minutes after the last password. The
 * function it resolves to tells whether it has asked yet.
 */
export async function askForPasswordOnce(page: Page, url: string, method: string): Promise<() => boolean> {
  let asked = false;
  await page.route(url, async (route) => {
    if (route.request().method() === method && !asked) {
      asked = true;
      await route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 403, code: 'AUTH_STEP_UP_REQUIRED', message: 'Confirm your password to continue' }),
      });
      return;
    }
    await route.continue();
  });
  return () => asked;
}

/** A phone's viewport, for the journeys that run on one (`test.use({ viewport: PHONE, ... })`). */
export const PHONE = { width: 390, height: 844 };

/** A page state on a phone: Quick Exit fully in view, nothing wider than the screen, axe clean. */
export async function expectPhoneReady(page: Page, label: string): Promise<void> {
  await expect(page.getByTestId('quick-exit')).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page, `${label} at 390 px`);
}

/**
 * Setup through the API, as the caseworker `api` is signed in as: a survivor registered with `survivor`
 * (alias, and any other field the journey needs) and her case opened.
 */
export async function survivorWithCase(
  api: APIRequestContext,
  survivor: { alias: string } & Record<string, unknown>,
): Promise<{ survivorId: string; caseId: string; caseNumber: string; version: number }> {
  const registered = await api.post('/api/v1/survivors', { data: survivor });
  expect(registered.status()).toBe(201);
  const { id: survivorId } = (await registered.json()) as { id: string };
  const opened = await api.post('/api/v1/cases', { data: { survivorId } });
  expect(opened.status()).toBe(201);
  const { id: caseId, caseNumber, version } = (await opened.json()) as { id: string; caseNumber: string; version: number };
  return { survivorId, caseId, caseNumber, version };
}

/**
 * Setup through the API: a caseworker's case whose survivor consents to share `sharedFields` with
 * Safe Homes, and a housing referral of those fields that the coordinator has sent.
 */
export async function caseWithSentReferral(
  baseURL: string | undefined,
  survivor: { alias: string; languages?: string[] },
  sharedFields: string[],
  { activate = false }: { activate?: boolean } = {},
): Promise<{ caseId: string; caseNumber: string; referral: { id: string; version: number } }> {
  const caseworkerApi = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const directory = (await (await caseworkerApi.get('/api/v1/partner-orgs/directory')).json()) as { id: string; name: string }[];
  const safeHomes = directory.find((partner) => partner.name === 'Safe Homes');
  expect(safeHomes).toBeDefined();
  const { survivorId, caseId, caseNumber, version } = await survivorWithCase(caseworkerApi, survivor);
  if (activate) expect((await caseworkerApi.post(`/api/v1/cases/${caseId}/transitions`, { data: { to: 'active', version } })).status()).toBe(200);
  const consent = await caseworkerApi.post('/api/v1/consents', {
    data: { survivorId, caseId, purpose: 'share_with_partner', method: 'verbal', partnerOrgId: safeHomes?.id, sharedFields },
  });
  expect(consent.status()).toBe(201);
  const draft = await caseworkerApi.post('/api/v1/referrals', {
    data: { caseId, partnerOrgId: safeHomes?.id, serviceType: 'housing', urgency: 'routine', sharedFields },
  });
  expect(draft.status()).toBe(201);
  const referral = (await draft.json()) as { id: string; version: number };
  await caseworkerApi.dispose();
  const coordinatorApi = await signedInApi(baseURL, 'coordinator@harbor.demo');
  expect((await coordinatorApi.post(`/api/v1/referrals/${referral.id}/transitions`, { data: { to: 'sent', version: referral.version } })).status()).toBe(200);
  await coordinatorApi.dispose();
  return { caseId, caseNumber, referral };
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

/** A page's address in the app: a route of ids and plain words in the fragment (`#/cases/<uuid>/show/notes`). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WORD = /^[a-z]+(-[a-z]+)*$/;

/** Fails unless the address is the app's root or one of its pages, with ids only: no path, query or name. */
export function expectIdsOnlyAddress(address: string): void {
  const url = new URL(address);
  expect(url.pathname, address).toBe('/');
  expect(url.search, address).toBe('');
  if (url.hash === '' || url.hash === '#/') return;
  expect(url.hash, address).toMatch(/^#\//);
  for (const segment of url.hash.slice(2).split('/')) expect(UUID.test(segment) || WORD.test(segment), `${address}: segment "${segment}"`).toBe(true);
}

/** Every entry of the tab's history (Chromium's own list, with the titles it shows): address and title. */
export async function historyEntries(page: Page): Promise<{ url: string; title: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { entries } = (await cdp.send('Page.getNavigationHistory')) as { entries: { url: string; title: string }[] };
    return entries.map(({ url, title }) => ({ url, title }));
  } finally {
    await cdp.detach();
  }
}

/**
 * Nothing about a survivor in the address bar, the tab's history (addresses and titles) or browser
 * storage (docs/security-model.md): Lantern's addresses hold ids only, and its title stays "Lantern".
 */
export async function expectNoTraces(page: Page, canary: string): Promise<void> {
  expect(page.url()).not.toContain(canary);
  expectIdsOnlyAddress(page.url());
  expect(await page.title()).toBe('Lantern');
  const origin = new URL(page.url()).origin;
  for (const entry of await historyEntries(page)) {
    expect(`${entry.url} ${entry.title}`).not.toContain(canary);
    if (new URL(entry.url).origin !== origin) continue;
    expectIdsOnlyAddress(entry.url);
    expect(entry.title, entry.url).toBe('Lantern');
  }
  const storage = await page.evaluate(() => ({
    text: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    sizes: [localStorage.length, sessionStorage.length],
  }));
  expect(storage.sizes).toEqual([0, 0]);
  expect(storage.text).not.toContain(canary);
}

/** Axe impacts a page state may not have (issue 13): only "minor" findings are tolerated. */
const BLOCKING_IMPACTS = new Set(['critical', 'serious', 'moderate']);

/**
 * Runs axe on the page as it is now and fails, naming each rule and the elements it found, on any
 * critical, serious or moderate violation. Transitions are let finish first: a dialog or menu still
 * fading in would be read at part of its contrast.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Infinity),
  );
  // Legacy mode runs axe in the page itself: the default opens a blank page to gather each frame's results,
  // which nearly doubled every check (the app has no iframe to gather from). Only the violations are
  // reported in full. Same violations, 0.5-1.3 s a check instead of 1.1-2.6 (docs/architecture.md,
  // "Browser journeys and their time").
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
  const blocking = violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  expect(blocking, `axe violations on ${label}`).toEqual([]);
}

/**
 * One read-only query on the journeys' database, as the database holds it (no API, no decryption): the
 * server database of DATABASE_URL, or the API's embedded one on its loopback port (e2e/playwright.config.ts).
 * For checks such as "this column holds ciphertext"; never to change data behind the API's back.
 */
export async function rawQuery<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(process.env.DATABASE_URL ?? { host: '127.0.0.1', port: Number(process.env.LANTERN_E2E_DB_PORT), user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const { rows } = await client.query(sql, params);
    await client.query('ROLLBACK');
    return rows as T[];
  } finally {
    await client.end();
  }
}

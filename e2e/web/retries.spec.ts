import { expect, test } from '@playwright/test';
import { letterStamp, openCase, signedInApi, signIn } from './support';

/**
 * When the API is briefly unavailable (503) the web app sends the same create again with the same
 * Idempotency-Key (apps/web/src/providers/http.ts), and the record is made once.
 */
test('a note saved while the API answers 503 once is sent again with the same key and stored once', async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const survivor = await (await api.post('/api/v1/survivors', { data: { alias: `Retry ${letterStamp()}` } })).json();
  const kase = await (await api.post('/api/v1/cases', { data: { survivorId: survivor.id, referralSource: 'Hotline' } })).json();

  const keys: (string | null)[] = [];
  await page.route('**/api/v1/case-notes', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(await route.request().headerValue('idempotency-key'));
    if (keys.length === 1) {
      return route.fulfill({
        status: 503,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '1' },
        body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'SERVICE_UNAVAILABLE' }),
      });
    }
    return route.continue();
  });

  await signIn(page, 'caseworker@harbor.demo');
  await openCase(page, kase.caseNumber);
  await page.getByRole('tab', { name: 'Notes' }).click();
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByRole('textbox', { name: 'Note' }).fill('Met at the drop-in centre.');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByRole('article').filter({ hasText: 'Met at the drop-in centre.' })).toHaveCount(1);

  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  const notes = await (await api.get(`/api/v1/case-notes?filter=${encodeURIComponent(JSON.stringify({ caseId: kase.id }))}`)).json();
  expect(notes).toHaveLength(1);
  await api.dispose();
});

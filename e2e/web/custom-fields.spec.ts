import { expect, test } from '@playwright/test';
import { expectPhoneReady, letterStamp, PHONE, signedInApi, signIn } from './support';

/**
 * Issue 18, custom fields (first slice): an admin adds a field through the API and finds it in the
 * read-only list of the organization's custom fields, on a phone, with its form and type in words and
 * its PII mark. Other roles have no such menu entry (the API refuses them too: access-matrix.int-spec.ts).
 */
test.describe('on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test("an admin sees the organization's custom fields", async ({ page, baseURL }) => {
    const stamp = letterStamp();
    const api = await signedInApi(baseURL, 'admin@harbor.demo');
    const created = await api.post('/api/v1/custom-fields', {
      data: {
        entity: 'intake',
        key: `employer${stamp}`,
        type: 'longText',
        label: { en: `Employer story ${stamp}`, es: `Historia del empleador ${stamp}` },
        pii: true,
        readRoles: ['caseworker'],
        writeRoles: ['caseworker'],
      },
    });
    expect(created.status()).toBe(201);
    await api.dispose();

    await signIn(page, 'admin@harbor.demo');
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('menuitem', { name: 'Custom fields' }).click();
    await expect(page.getByRole('heading', { name: 'Custom fields', level: 1 })).toBeVisible();
    const item = page.getByRole('listitem').filter({ hasText: `Employer story ${stamp}` });
    await expect(item.getByText('Intake · Long text')).toBeVisible();
    await expect(item.getByText('PII')).toBeVisible();
    await expectPhoneReady(page, 'custom fields');
  });
});

test('a coordinator has no "Custom fields" in the menu', async ({ page }) => {
  await signIn(page, 'coordinator@harbor.demo');
  await expect(page.getByRole('menuitem', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Custom fields' })).toHaveCount(0);
});

import { expect, test } from '@playwright/test';
import { asUser, expectPhoneReady, letterStamp, PHONE, signedInApi } from './support';

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

/**
 * Issue 18: a required custom field of the contact form is asked on the quick form itself ("Log a
 * contact"), marked required; the API's refusal of an empty one shows under the field, and the value
 * typed is saved with the contact, shown in its "More details". On a phone, axe clean. The field is
 * retired at the end (later journeys share this database and log contacts).
 */
test('a required contact field is asked when the contact is logged, and saved with it', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = letterStamp();
  const label = `Language of the call ${stamp}`;
  const adminApi = await signedInApi(baseURL, 'admin@harbor.demo');
  const created = await adminApi.post('/api/v1/custom-fields', {
    data: { entity: 'contact', key: `callLanguage${stamp}`, type: 'shortText', label: { en: label, es: `Idioma ${stamp}` }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], required: true, applyTo: 'new' },
  });
  expect(created.status()).toBe(201);
  const field = (await created.json()) as { id: string; version: number };
  try {
    const caseworker = await asUser(browser, 'caseworker@harbor.demo');
    await caseworker.getByRole('button', { name: 'Open menu' }).click();
    await caseworker.getByRole('menuitem', { name: 'Contacts' }).click();
    await caseworker.getByRole('link', { name: 'Log a contact' }).click();
    const input = caseworker.getByRole('textbox', { name: label });
    await expect(input).toBeVisible();
    await expect(caseworker.getByText('Required', { exact: true })).toBeVisible();
    await expectPhoneReady(caseworker, 'quick contact form with a required field of the organization');

    // Anything typed makes the form savable; the API refuses it without the required field.
    await caseworker.getByRole('radio', { name: 'Yes' }).check();
    await caseworker.getByRole('button', { name: 'Save' }).click();
    await expect(caseworker.getByText('is required', { exact: true })).toBeVisible();
    await expectPhoneReady(caseworker, 'quick contact form, refused');

    // The refusal's notice covers the Save button on a phone: typing in the field (a click away) dismisses it.
    await input.click();
    await input.fill('Tigrinya');
    await expect(caseworker.locator('.MuiSnackbarContent-root')).toHaveCount(0);
    await caseworker.getByRole('button', { name: 'Save' }).click();
    await expect(caseworker.getByText('Contact only')).toBeVisible();
    await expect(caseworker.getByRole('region', { name: 'More details' }).getByText('Tigrinya')).toBeVisible();
    await expectPhoneReady(caseworker, 'contact page with its details');
  } finally {
    expect((await adminApi.post(`/api/v1/custom-fields/${field.id}/retire`, { data: { version: field.version } })).status()).toBe(200);
  }
});

import { expect, test, type Page } from '@playwright/test';
import { choose, expectNoAxeViolations, expectPhoneReady, letterStamp, PHONE, signedInApi, signIn } from './support';

/**
 * Issue 18, custom fields in the contact list (docs/custom-fields.md, "In lists"): the organization's
 * contact field the caseworker may read is a column she turns on and a filter she adds, on a desktop
 * (react-admin's column chooser) and on a phone (the same columns on the cards), in English and Spanish.
 */
let label: string;
let labelEs: string;

test.beforeAll(async ({ baseURL }) => {
  const stamp = letterStamp();
  label = `Heard of us ${stamp}`;
  labelEs = `Nos conoció ${stamp}`;
  const admin = await signedInApi(baseURL, 'admin@harbor.demo');
  const created = await admin.post('/api/v1/custom-fields', {
    data: {
      entity: 'contact',
      key: `heardOf${stamp}`,
      type: 'singleChoice',
      label: { en: label, es: labelEs },
      options: [{ label: { en: `Radio ${stamp}`, es: `Radio ${stamp}` } }, { label: { en: `Friend ${stamp}`, es: `Amiga ${stamp}` } }],
      readRoles: ['caseworker', 'coordinator'],
      writeRoles: ['caseworker'],
    },
  });
  expect(created.status()).toBe(201);
  const field = (await created.json()) as { key: string; options: { id: string; label: { en: string } }[] };
  await admin.dispose();
  const caseworker = await signedInApi(baseURL, 'caseworker@harbor.demo');
  for (const option of field.options) {
    const contact = (await (await caseworker.post('/api/v1/contacts', { data: { channel: 'call' } })).json()) as { id: string };
    const { version } = (await (await caseworker.get(`/api/v1/custom-values/contact/${contact.id}`)).json()) as { version: number };
    expect((await caseworker.put(`/api/v1/custom-values/contact/${contact.id}`, { data: { version, values: { [field.key]: option.id } } })).status()).toBe(200);
  }
  await caseworker.dispose();
});

const radio = () => `Radio ${label.split(' ').at(-1)}`;
const friend = () => `Friend ${label.split(' ').at(-1)}`;

async function openContacts(page: Page): Promise<void> {
  await signIn(page, 'caseworker@harbor.demo');
  await page.goto('/#/contacts');
  await expect(page.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
}

test('desktop: the contact field is a column chosen in the column chooser and a filter', async ({ page }) => {
  await openContacts(page);
  // Hidden until she chooses it.
  await expect(page.getByRole('columnheader', { name: label })).toHaveCount(0);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('switch', { name: label }).or(page.getByRole('checkbox', { name: label })).first().click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('columnheader', { name: label })).toBeVisible();
  await expect(page.getByRole('cell', { name: friend() })).toBeVisible();
  await page.getByRole('button', { name: 'Add filter' }).click();
  await page.getByRole('menuitemcheckbox', { name: label }).click();
  await choose(page, label, radio());
  await expect(page.getByRole('cell', { name: friend() })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: radio() })).toHaveCount(1);
  await expectNoAxeViolations(page, 'contact list with a custom column and filter');
});

test.describe('on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test('the same column shows on the cards, in Spanish too', async ({ page }) => {
    await openContacts(page);
    await expect(page.getByText(`${label}:`)).toHaveCount(0);
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: label }).click();
    // Closed by a tap outside, as on a phone (the menu's backdrop covers the page).
    await page.mouse.click(200, 800);
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(page.getByText(`${label}: ${radio()}`)).toBeVisible();
    await expectPhoneReady(page, 'contact cards with a custom column');
    // Closed with Escape, focus back on the button: no tooltip left outside the page's landmarks.
    const columns = page.getByRole('button', { name: 'Columns' });
    await columns.click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(columns).toBeFocused();
    await expectPhoneReady(page, 'contact cards, the columns menu closed with Escape');
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Language: Español' }).click();
    await expect(page.getByText(`${labelEs}: Radio ${label.split(' ').at(-1)}`)).toBeVisible();
    await expectPhoneReady(page, 'contact cards in Spanish');
    // Back to English, as the other journeys expect her.
    await page.getByRole('button', { name: 'Perfil' }).click();
    await page.getByRole('menuitem', { name: 'Idioma: English' }).click();
    await expect(page.getByText(`${label}: ${radio()}`)).toBeVisible();
  });
});

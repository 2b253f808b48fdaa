import { expect, test, type Page } from '@playwright/test';
import { asUser, expectNoAxeViolations, letterStamp, saveScreen } from './support';

/**
 * Issue 17, contacts before a case, on a phone: a caseworker logs a hotline call while on the line
 * (the quick form: a name given, a need, an action), opens the contact, and converts it into a case in
 * one step, landing on the new case's intake draft with the call carried over. The coordinator then
 * finds the call counted in the weekly summary. Quick Exit in reach and axe clean at every step.
 */
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

async function expectPhoneReady(page: Page, label: string): Promise<void> {
  await expect(page.getByTestId('quick-exit')).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page, `${label} at 390 px`);
}

test('a hotline call is logged on the quick form and converted into a case with its intake draft', async ({ browser }) => {
  test.setTimeout(180_000);
  const alias = `Quiet Wren ${letterStamp()}`;
  const caseworker = await asUser(browser, 'caseworker@harbor.demo');

  await test.step('caseworker: logs the call while on the line', async () => {
    await caseworker.getByRole('button', { name: 'Open menu' }).click();
    await caseworker.getByRole('menuitem', { name: 'Contacts' }).click();
    await expect(caseworker.getByRole('heading', { name: 'Contacts', level: 1 })).toBeVisible();
    await expectPhoneReady(caseworker, 'contact list');
    await caseworker.getByRole('link', { name: 'Log a contact' }).click();
    await expect(caseworker.getByRole('heading', { name: 'Log a contact', level: 1 })).toBeVisible();
    // Anonymous by default: no named details until the caller gives them.
    await expect(caseworker.getByRole('textbox', { name: 'Name' })).toHaveCount(0);
    await expectPhoneReady(caseworker, 'quick contact form');
    await caseworker.getByRole('radio', { name: 'Yes' }).check();
    await caseworker.getByRole('switch', { name: 'Anonymous' }).or(caseworker.getByRole('checkbox', { name: 'Anonymous' })).first().click();
    await caseworker.getByRole('textbox', { name: 'Name' }).fill('Rosa');
    await caseworker.getByRole('textbox', { name: 'Phone' }).fill('+1 555 0100 321');
    await caseworker.getByRole('combobox', { name: 'Needs identified' }).click();
    await caseworker.getByRole('option', { name: 'Shelter', exact: true }).click();
    await caseworker.keyboard.press('Escape');
    await caseworker.getByRole('checkbox', { name: 'Information given' }).check();
    await caseworker.getByRole('textbox', { name: 'Area' }).fill('North county');
    await caseworker.getByRole('textbox', { name: 'Note' }).fill('Called from a bus station, wants a safe place tonight');
    await expectPhoneReady(caseworker, 'quick contact form, filled');
    await saveScreen(caseworker, 'contacts-quick-form');
    await caseworker.getByRole('button', { name: 'Save' }).click();
    await expect(caseworker.getByText('Contact only')).toBeVisible();
    await expect(caseworker.getByText('Rosa')).toBeVisible();
    await expectPhoneReady(caseworker, 'contact page');
  });

  await test.step('caseworker: opens a case from the contact, in one step', async () => {
    await caseworker.getByRole('button', { name: 'Open a case' }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'Open a case from this contact' });
    await dialog.getByRole('textbox', { name: 'Alias' }).fill(alias);
    await expectPhoneReady(caseworker, 'open a case dialog');
    await dialog.getByRole('button', { name: 'Open the case' }).click();
    await expect(caseworker).toHaveURL(/#\/cases\/[0-9a-f-]+\/show\/intake/);
    await expect(caseworker.getByRole('heading', { name: /^LN-/, level: 1 })).toBeVisible();
    await expectPhoneReady(caseworker, 'intake draft of the new case');
    await saveScreen(caseworker, 'contacts-converted-intake');
  });

  await test.step('caseworker: the contact now leads to its case', async () => {
    await caseworker.getByRole('button', { name: 'Open menu' }).click();
    await caseworker.getByRole('menuitem', { name: 'Contacts' }).click();
    await expect(caseworker.getByText('Converted to a case').first()).toBeVisible();
    await expectPhoneReady(caseworker, 'contact list with the converted call');
    await caseworker.getByText('Converted to a case').first().click();
    await expect(caseworker.getByRole('link', { name: 'Open the case' })).toBeVisible();
    await expectPhoneReady(caseworker, 'converted contact');
  });

  const coordinator = await asUser(browser, 'coordinator@harbor.demo');
  await test.step('coordinator: the weekly summary counts the call', async () => {
    await coordinator.goto('/#/contact-summary');
    await expect(coordinator.getByRole('heading', { name: 'Contacts by week', level: 1 })).toBeVisible();
    await expect(coordinator.getByRole('status')).toContainText(/\d+ contacts?/);
    await expectPhoneReady(coordinator, 'weekly summary');
    await saveScreen(coordinator, 'contacts-weekly-summary');
  });
});

import { expect, test } from '@playwright/test';
import { asUser, caseWithSentReferral, choose, expectPhoneReady, letterStamp, PHONE, saveScreen, signedInApi } from './support';

/**
 * Issue 16, services given, on a phone: the caseworker logs a service from her dashboard's quick entry
 * and finds it on the case's Services tab, where she corrects it and records the case's immigration
 * relief and funder data (health insurance and rental subsidy included); partner staff log a service on the referral they accepted, from their referral page. Quick Exit in reach and axe clean at every step.
 */
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

test('a caseworker logs a service from her dashboard and corrects it on the case; a partner logs one on its referral', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const alias = `Amber Finch ${letterStamp()}`;
  const { caseNumber, referral } = await caseWithSentReferral(baseURL, { alias }, ['alias']);
  const partnerApi = await signedInApi(baseURL, 'partner@safehomes.demo');
  expect((await partnerApi.post(`/api/v1/referrals/${referral.id}/transitions`, { data: { to: 'accepted' } })).status()).toBe(200);
  await partnerApi.dispose();

  const caseworker = await asUser(browser, 'caseworker@harbor.demo');
  await test.step('caseworker: quick entry from the dashboard', async () => {
    await caseworker.getByRole('button', { name: 'Log a service' }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'Log a service' });
    await choose(caseworker, 'Case', `${caseNumber} · ${alias}`);
    await choose(caseworker, 'Service', 'C1 · Crisis intervention (in person, including safety planning)');
    await dialog.getByRole('spinbutton', { name: 'Minutes' }).fill('45');
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Safety plan for the weekend');
    await expectPhoneReady(caseworker, 'quick entry of a service');
    await saveScreen(caseworker, 'services-quick-entry');
    await dialog.getByRole('button', { name: 'Save service' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('caseworker: the Services tab of the case, and a correction', async () => {
    // On a phone the case list is a list of links, not a table.
    await caseworker.getByRole('button', { name: 'Open menu' }).click();
    await caseworker.getByRole('menuitem', { name: 'Cases' }).click();
    await caseworker.getByRole('link', { name: new RegExp(caseNumber) }).click();
    await expect(caseworker.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible();
    await caseworker.getByRole('tab', { name: 'Services', exact: true }).click();
    const row = caseworker.getByTestId('service-row').filter({ hasText: 'Crisis intervention' });
    await expect(row).toContainText('45 min');
    await expect(row).toContainText('Safety plan for the weekend');
    await expectPhoneReady(caseworker, 'case services tab');
    await row.getByRole('button', { name: /^Correct / }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'Correct a service' });
    await dialog.getByRole('spinbutton', { name: 'Units' }).fill('1');
    await dialog.getByRole('button', { name: 'Save service' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('1 unit · 45 min');
    await saveScreen(caseworker, 'services-case-tab');
  });

  await test.step('caseworker: the case\'s immigration relief, on the same tab', async () => {
    const panel = caseworker.getByTestId('immigration-relief');
    await expect(panel).toContainText('Nothing recorded yet.');
    await panel.getByRole('button', { name: 'Record immigration relief' }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'Record immigration relief' });
    await choose(caseworker, 'T visa status', 'Applied for');
    await dialog.getByLabel('Applied on').fill('2026-01-15');
    await choose(caseworker, 'HHS letter', 'Certification letter (adult)');
    await expectPhoneReady(caseworker, 'immigration relief form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel).toContainText('Applied for · applied');
    await expect(panel).toContainText('Certification letter (adult)');
    await expectPhoneReady(caseworker, 'immigration relief on the case');
  });

  await test.step("caseworker: the case's funder data (HMIS), on the same tab", async () => {
    const panel = caseworker.getByTestId('funder-data');
    await expect(panel).toContainText('Nothing recorded yet');
    await panel.getByRole('button', { name: 'Record funder data' }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'Record funder data (HMIS)' });
    await dialog.getByLabel('Information date').fill(new Date().toISOString().slice(0, 10));
    await dialog.getByRole('checkbox', { name: 'Hispanic/Latina/e/o' }).check();
    await choose(caseworker, 'Veteran status', 'No');
    await choose(caseworker, 'Income from any source', 'Yes');
    await dialog.getByRole('spinbutton', { name: 'Earned income' }).fill('1200.50');
    await expect(dialog).toContainText('Total monthly income: $1200.50');
    await choose(caseworker, 'Health insurance from any source', 'Yes');
    await dialog.getByRole('checkbox', { name: 'Medicaid', exact: true }).check();
    await choose(caseworker, 'Subsidy at entry', 'Housing Choice Voucher (HCV)');
    await choose(caseworker, 'Reported to law enforcement', 'She declined to say');
    await expectPhoneReady(caseworker, 'funder data form');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel).toContainText('Hispanic/Latina/e/o');
    await expect(panel).toContainText('Total monthly income: $1200.50 (Earned income)');
    await expect(panel).toContainText('She declined to say');
    await expect(panel).toContainText('Medicaid');
    await expect(panel).toContainText('Subsidy at entry: Housing Choice Voucher (HCV)');
    await expectPhoneReady(caseworker, 'funder data on the case');
  });

  const partner = await asUser(browser, 'partner@safehomes.demo');
  await test.step('partner: logs a service on the referral it accepted', async () => {
    await partner.goto(`/#/referrals/${referral.id}/show`);
    const section = partner.getByTestId('partner-services');
    await expect(section).toContainText('No services logged yet.');
    await section.getByRole('button', { name: 'Log a service' }).click();
    const dialog = partner.getByRole('dialog', { name: 'Log a service' });
    await choose(partner, 'Service', 'D1 · Emergency shelter or safe house');
    await dialog.getByRole('spinbutton', { name: 'Units' }).fill('2');
    await expectPhoneReady(partner, 'partner logs a service');
    await dialog.getByRole('button', { name: 'Save service' }).click();
    await expect(dialog).toBeHidden();
    await expect(section.getByTestId('service-row')).toContainText('2 units');
    await expectPhoneReady(partner, 'partner referral with its services');
    await section.scrollIntoViewIfNeeded();
    await saveScreen(partner, 'services-partner-referral');
  });
});

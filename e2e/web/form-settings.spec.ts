import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { asUser, expectPhoneReady, letterStamp, PHONE, signedInApi, signIn, survivorWithCase } from './support';

/**
 * Issue 18, first slice, on a phone (docs/forms.md): an admin relabels "Trafficking status" and requires
 * it at submission, and hides "Forced-labour industry". A caseworker's intake then shows the new label,
 * lacks the hidden field and cannot be submitted without the required one. The journeys share one
 * database: the organization's intake form is put back as Lantern's own at the end.
 */
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

const LABEL = 'Status when identified (program)';

test.afterAll(async ({ baseURL }) => {
  const admin = await signedInApi(baseURL, 'admin@harbor.demo');
  const { version } = (await (await admin.get('/api/v1/forms/intake')).json()) as { version: number };
  expect((await admin.put('/api/v1/forms/intake', { data: { version, fields: [] } })).status()).toBe(200);
  // The field the import journey shared leaves the form again (retired: definitions are never deleted).
  const fields = (await (await admin.get('/api/v1/custom-fields?filter={"entity":"intake"}')).json()) as { id: string; key: string; version: number; retiredAt: string | null }[];
  for (const field of fields.filter((f) => f.key.startsWith('sharedByImport') && !f.retiredAt)) {
    expect((await admin.post(`/api/v1/custom-fields/${field.id}/retire`, { data: { version: field.version } })).status()).toBe(200);
  }
  await admin.dispose();
});

test("an admin shapes the intake form, and a caseworker's intake follows it", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  let caseId = '';

  await test.step('setup: a draft intake with everything Lantern itself requires', async () => {
    const caseworker = await signedInApi(baseURL, 'caseworker@harbor.demo');
    ({ caseId } = await survivorWithCase(caseworker, { alias: `Forms ${letterStamp()}` }));
    const draft = await caseworker.post('/api/v1/intakes', {
      data: {
        caseId,
        intakeDate: new Date().toISOString().slice(0, 10),
        identifiedBy: 'NGO',
        exploitationTypes: ['ForcedLabour'],
        riskScreening: Object.fromEntries(
          ['inContactWithTrafficker', 'traffickerKnowsLocation', 'threatsLast30Days', 'noSafePlaceTonight', 'minor', 'urgentMedicalNeed', 'childrenAtRisk', 'substanceDependence'].map((q) => [q, false]),
        ),
      },
    });
    expect(draft.status()).toBe(201);
    await caseworker.dispose();
  });

  await test.step('the admin relabels and requires one field and hides another', async () => {
    await signIn(page, 'admin@harbor.demo');
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('menuitem', { name: 'Forms' }).click();
    await expect(page.getByRole('heading', { name: 'Forms', level: 1 })).toBeVisible();
    const status = page.getByTestId('form-field-traffickingStatus');
    await expect(status).toBeVisible();
    // A field Lantern needs says why it cannot be hidden.
    const intakeDate = page.getByTestId('form-field-intakeDate');
    await expect(intakeDate).toContainText('an intake cannot be submitted without it');
    await expect(intakeDate.getByRole('switch', { name: 'Hidden' })).toBeDisabled();
    await expectPhoneReady(page, 'the forms page');
    await status.getByRole('textbox', { name: 'Label in English' }).fill(LABEL);
    await status.getByRole('combobox', { name: 'Required' }).click();
    await page.getByRole('option', { name: 'Submitting the intake', exact: true }).click();
    await page.getByTestId('form-field-forcedLabourIndustry').getByRole('switch', { name: 'Hidden' }).check();
    await page.getByRole('button', { name: 'Save form' }).click();
    await expect(page.getByText('The form is saved', { exact: false })).toBeVisible();
    await expect(page.getByText('Version', { exact: false })).not.toHaveText('Version 0');
    await expectPhoneReady(page, 'the forms page, saved');
  });

  await test.step("the caseworker's intake shows the new label, not the hidden field, and asks for the required one", async () => {
    const caseworker = await asUser(browser, 'caseworker@harbor.demo');
    await caseworker.setViewportSize(PHONE);
    await caseworker.goto(`/#/cases/${caseId}/show/intake`);
    const review = caseworker.getByRole('region', { name: 'Review & submit' });
    await expect(review).toBeVisible();
    await caseworker.getByRole('button', { name: 'Submit intake' }).click();
    // Sent to the step that misses it, with the organization's words.
    await expect(caseworker.getByRole('region', { name: 'Identification' })).toBeVisible();
    await expect(caseworker.getByTestId('step-errors')).toContainText(LABEL);
    const field = caseworker.getByRole('combobox', { name: new RegExp(LABEL.replace(/[()]/g, '\\$&')) });
    await expect(field).toBeVisible();
    await expect(caseworker.getByText('Required to submit').last()).toBeVisible();
    await expectPhoneReady(caseworker, 'the intake with a required field missing');
    // The exploitation step asks everything but the hidden industry (shown for forced labour otherwise).
    await caseworker.getByRole('tab', { name: /^Exploitation/ }).click();
    await expect(caseworker.getByRole('group', { name: 'Means of control' })).toBeVisible();
    await expect(caseworker.getByRole('combobox', { name: 'Forced-labour industry' })).toHaveCount(0);
    await expectPhoneReady(caseworker, 'the exploitation step without the hidden field');
    // Filled in, the intake is submitted.
    await caseworker.getByRole('tab', { name: /^Identification/ }).click();
    await field.click();
    await caseworker.getByRole('option', { name: 'Possible victim of trafficking', exact: false }).click();
    await caseworker.getByRole('tab', { name: /^Review & submit/ }).click();
    await caseworker.getByRole('button', { name: 'Submit intake' }).click();
    await expect(caseworker.getByTestId('intake-status')).toHaveText('Submitted');
    await caseworker.context().close();
  });
});

test('an admin exports the intake form as JSON and imports a document, seeing the dry run before applying it', async ({ page }, testInfo) => {
  const key = `sharedByImport${letterStamp()}`;
  await signIn(page, 'admin@harbor.demo');
  await page.goto('/#/forms');
  await expect(page.getByRole('heading', { name: 'Forms', level: 1 })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  expect(download.suggestedFilename()).toBe('lantern-intake-form.json');
  const document = JSON.parse(await readFile((await download.path())!, 'utf8')) as { format: string; customFields: Record<string, unknown>[] };
  expect(document.format).toBe('lantern.form-definition');

  // The document as another program would send it: one more custom field.
  document.customFields.push({ key, type: 'yesNo', label: { en: 'Shared by another program', es: 'Compartido por otro programa' }, readRoles: ['coordinator'] });
  const file = testInfo.outputPath('shared-intake-form.json');
  await writeFile(file, JSON.stringify(document));

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import the Intake form' });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('form-import-file').setInputFiles(file);
  const summary = dialog.getByRole('status');
  await expect(summary).toContainText('Custom fields created: 1');
  await expect(summary).toContainText(key);
  await expect(summary).toContainText('Built-in fields whose setting changes: 0');
  await expectPhoneReady(page, 'the import dialog with its dry run');
  await dialog.getByRole('button', { name: 'Apply the import' }).click();
  await expect(page.getByText('The form document is imported.')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expectPhoneReady(page, 'the forms page after an import');

  // The preview: the coordinator sees the shared field (marked as custom), the caseworker does not; the hidden field is left out.
  const preview = page.getByTestId('form-preview');
  await expect(preview).toContainText(LABEL);
  await expect(preview).not.toContainText('Forced-labour industry');
  await expect(preview).not.toContainText('Shared by another program');
  await page.getByRole('combobox', { name: 'Preview as' }).click();
  await page.getByRole('option', { name: 'Coordinator' }).click();
  await expect(preview.getByRole('listitem').filter({ hasText: 'Shared by another program' })).toContainText('Custom · read by Coordinator');
  await expectPhoneReady(page, 'the preview as a coordinator');
});

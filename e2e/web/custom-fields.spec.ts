import { expect, test, type Browser, type Page } from '@playwright/test';
import { choose, expectPhoneReady, letterStamp, PHONE, signedInApi, signIn, survivorWithCase } from './support';

/** A phone of one's own (own cookies) for one user, signed in. */
async function phoneOf(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

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

  test('an admin adds two case fields; the caseworker fills them in; the coordinator reads only the one she may', async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    const stamp = letterStamp();
    const caseworkerApi = await signedInApi(baseURL, 'caseworker@harbor.demo');
    const { caseId } = await survivorWithCase(caseworkerApi, { alias: `Fern Lake ${stamp}` });
    await caseworkerApi.dispose();
    const caseAddress = `/#/cases/${caseId}/show`;

    await test.step('admin: a single-choice field, with options added and reordered', async () => {
      await signIn(page, 'admin@harbor.demo');
      await page.getByRole('button', { name: 'Open menu' }).click();
      await page.getByRole('menuitem', { name: 'Custom fields' }).click();
      await page.getByRole('button', { name: 'Add a field' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a field' });
      await choose(page, 'Type', 'Single choice');
      await dialog.getByRole('textbox', { name: 'Key' }).fill(`industry${stamp}`);
      await dialog.getByRole('textbox', { name: 'Label (English)' }).fill(`Industry ${stamp}`);
      await dialog.getByRole('textbox', { name: 'Label (Spanish)' }).fill(`Industria ${stamp}`);
      await dialog.getByRole('button', { name: 'Add an option' }).click();
      await dialog.getByRole('textbox', { name: 'Option 1 (English)' }).fill('Restaurant');
      await dialog.getByRole('button', { name: 'Add an option' }).click();
      await dialog.getByRole('textbox', { name: 'Option 2 (English)' }).fill('Farm');
      await dialog.getByRole('textbox', { name: 'Option 2 (Spanish)' }).fill('Granja');
      await dialog.getByRole('button', { name: 'Move option 2 up' }).click();
      await expect(dialog.getByRole('textbox', { name: 'Option 1 (English)' })).toHaveValue('Farm');
      // Metrics are offered for a choice field (and not for text: below).
      await expect(dialog.getByLabel('Feeds the anonymized metrics')).toBeVisible();
      await expectPhoneReady(page, 'custom field editor');
      await dialog.getByRole('button', { name: 'Add field' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('listitem').filter({ hasText: `Industry ${stamp}` }).getByText('Case · Single choice')).toBeVisible();
    });

    await test.step('admin: a PII short text that only caseworkers read; a key in use is refused under the key', async () => {
      await page.getByRole('button', { name: 'Add a field' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a field' });
      await dialog.getByRole('textbox', { name: 'Key' }).fill(`industry${stamp}`);
      await dialog.getByRole('textbox', { name: 'Label (English)' }).fill(`Employer name ${stamp}`);
      await dialog.getByLabel('PII or narrative').check();
      await expect(dialog.getByLabel('Feeds the anonymized metrics')).toHaveCount(0);
      await dialog.getByRole('group', { name: 'Who may read it' }).getByRole('checkbox', { name: 'Coordinator' }).uncheck();
      await expect(dialog.getByRole('group', { name: 'Who may read it' }).getByRole('checkbox', { name: 'Administrator' })).toBeDisabled();
      await dialog.getByRole('button', { name: 'Add field' }).click();
      await expect(dialog.getByRole('alert')).toBeVisible();
      await expect(dialog.getByText(/already/i).first()).toBeVisible();
      await dialog.getByRole('textbox', { name: 'Key' }).fill(`employer${stamp}`);
      await dialog.getByRole('button', { name: 'Add field' }).click();
      await expect(dialog).toBeHidden();
      const item = page.getByRole('listitem').filter({ hasText: `Employer name ${stamp}` });
      await expect(item.getByText('PII')).toBeVisible();
      await item.click();
      const edit = page.getByRole('dialog', { name: 'Change the field' });
      await expect(edit.getByRole('region', { name: 'Versions' }).getByText(`Version 1: Employer name ${stamp}`)).toBeVisible();
      await expectPhoneReady(page, 'custom field versions');
      await edit.getByRole('button', { name: 'Cancel' }).click();
    });

    await test.step('caseworker: sets both on her case and finds them after a reload', async () => {
      const caseworker = await phoneOf(browser, 'caseworker@harbor.demo');
      await caseworker.goto(caseAddress);
      const panel = caseworker.getByRole('region', { name: 'More details' });
      await expect(panel.getByText(`Industry ${stamp}`)).toBeVisible();
      await expect(panel.getByText('Not recorded yet').first()).toBeVisible();
      await panel.getByRole('button', { name: 'Edit' }).click();
      const dialog = caseworker.getByRole('dialog', { name: 'Change the details' });
      await choose(caseworker, `Industry ${stamp}`, 'Farm');
      await dialog.getByRole('textbox', { name: `Employer name ${stamp}` }).fill('Sunny Acres');
      await expectPhoneReady(caseworker, 'custom values dialog');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog).toBeHidden();
      await caseworker.reload();
      await expect(panel.getByText('Farm')).toBeVisible();
      await expect(panel.getByText('Sunny Acres')).toBeVisible();
      await expectPhoneReady(caseworker, 'case with custom values');
      await caseworker.context().close();
    });

    await test.step('coordinator: the choice, not the PII field', async () => {
      const coordinator = await phoneOf(browser, 'coordinator@harbor.demo');
      await coordinator.goto(caseAddress);
      const panel = coordinator.getByRole('region', { name: 'More details' });
      await expect(panel.getByText(`Industry ${stamp}`)).toBeVisible();
      await expect(panel.getByText('Farm')).toBeVisible();
      await expect(panel.getByText(`Employer name ${stamp}`)).toHaveCount(0);
      await expect(coordinator.getByText('Sunny Acres')).toHaveCount(0);
      await expectPhoneReady(coordinator, 'case custom values, coordinator');
      await coordinator.context().close();
    });

    await test.step('admin: neither field names admins as readers, so the case shows her none', async () => {
      await page.goto(caseAddress);
      const panel = page.getByRole('region', { name: 'More details' });
      await expect(panel.getByText('Your organization has added no details here that you may read.')).toBeVisible();
      await expect(page.getByText('Sunny Acres')).toHaveCount(0);
      await expectPhoneReady(page, 'case custom values, admin');
    });

    await test.step('admin: retires the choice field; its history shows the retirement', async () => {
      await page.goto('/#/custom-fields');
      await page.getByRole('listitem').filter({ hasText: `Industry ${stamp}` }).click();
      const edit = page.getByRole('dialog', { name: 'Change the field' });
      await edit.getByRole('button', { name: 'Retire field' }).click();
      await page.getByRole('dialog', { name: 'Retire this field?' }).getByRole('button', { name: 'Retire field' }).click();
      await expect(edit).toBeHidden();
      const item = page.getByRole('listitem').filter({ hasText: `Industry ${stamp}` });
      await expect(item.getByText('Retired')).toBeVisible();
      await item.click();
      await expect(edit.getByText('This field is retired: it can no longer be changed.')).toBeVisible();
      await expect(edit.getByRole('region', { name: 'Versions' }).getByRole('listitem')).toHaveCount(2);
      await expect(edit.getByRole('button', { name: 'Save' })).toBeDisabled();
    });
  });

  test("a caseworker sets an intake field in the draft's stepper, saved with the draft and read on its review", async ({ browser, baseURL }) => {
    const stamp = letterStamp();
    const admin = await signedInApi(baseURL, 'admin@harbor.demo');
    const created = await admin.post('/api/v1/custom-fields', {
      data: { entity: 'intake', key: `hours${stamp}`, type: 'number', min: 0, max: 120, label: { en: `Weekly hours ${stamp}`, es: `Horas semanales ${stamp}` }, readRoles: ['caseworker'], writeRoles: ['caseworker'] },
    });
    expect(created.status()).toBe(201);
    // Placed by the admin in the exploitation step (docs/custom-fields.md): asked there, not before the review.
    const placed = await admin.post('/api/v1/custom-fields', {
      data: { entity: 'intake', key: `wages${stamp}`, type: 'yesNo', step: 'exploitation', label: { en: `Wages withheld ${stamp}`, es: `Salario retenido ${stamp}` }, readRoles: ['caseworker'], writeRoles: ['caseworker'] },
    });
    expect(placed.status()).toBe(201);
    await admin.dispose();
    const caseworkerApi = await signedInApi(baseURL, 'caseworker@harbor.demo');
    const { caseId } = await survivorWithCase(caseworkerApi, { alias: `Reed Hill ${stamp}` });
    const draft = await caseworkerApi.post('/api/v1/intakes', { data: { caseId, identifiedBy: 'Hotline', riskScreening: {} } });
    expect(draft.status()).toBe(201);
    const { id: intakeId } = (await draft.json()) as { id: string };

    const caseworker = await phoneOf(browser, 'caseworker@harbor.demo');
    await caseworker.goto(`/#/cases/${caseId}/show/intake`);
    await caseworker.getByRole('tab', { name: /^Exploitation/ }).click();
    const inStep = caseworker.getByTestId('intake-custom');
    await expect(inStep.getByRole('combobox', { name: `Wages withheld ${stamp}` })).toBeVisible();
    await expect(inStep.getByRole('spinbutton', { name: `Weekly hours ${stamp}` })).toHaveCount(0);
    await choose(caseworker, `Wages withheld ${stamp}`, 'Yes');
    await expectPhoneReady(caseworker, 'intake custom field placed in a step');
    await caseworker.getByRole('tab', { name: /^Narrative/ }).click();
    const group = caseworker.getByTestId('intake-custom');
    await expect(group.getByRole('combobox', { name: `Wages withheld ${stamp}` })).toHaveCount(0);
    const hours = group.getByRole('spinbutton', { name: `Weekly hours ${stamp}` });
    // Out of the field's range: the API's refusal shows under the field, and nothing is saved.
    await hours.fill('500');
    await caseworker.getByRole('button', { name: 'Save draft' }).click();
    await expect(group.getByText(`Weekly hours ${stamp} must be at most 120`)).toBeVisible();
    await expectPhoneReady(caseworker, 'intake custom field refused');
    await hours.fill('60');
    await caseworker.getByRole('button', { name: 'Save draft' }).click();
    await expect(group.getByText(/must be at most/)).toHaveCount(0);
    await expect(caseworker.getByText(/^Draft saved\./).first()).toBeVisible();
    // Saved with the draft, in the same version: the API reads it back.
    const values = (await (await caseworkerApi.get(`/api/v1/custom-values/intake/${intakeId}`)).json()) as { values: Record<string, unknown> };
    expect(values.values[`hours${stamp}`]).toBe(60);
    expect(values.values[`wages${stamp}`]).toBe(true);
    await caseworkerApi.dispose();
    await caseworker.getByRole('tab', { name: /^Review & submit/ }).click();
    await expect(caseworker.getByTestId('intake-review-custom').getByText('60')).toBeVisible();
    await expectPhoneReady(caseworker, 'intake review with custom values');
    await caseworker.context().close();
  });

  test("details of the organization's own on the survivor and on a plan goal: the caseworker writes them, the coordinator reads only hers", async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const stamp = letterStamp();
    const admin = await signedInApi(baseURL, 'admin@harbor.demo');
    const define = async (data: Record<string, unknown>) => expect((await admin.post('/api/v1/custom-fields', { data })).status()).toBe(201);
    await define({ entity: 'survivor', key: `school${stamp}`, type: 'yesNo', label: { en: `In school ${stamp}`, es: `Escolarizada ${stamp}` }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'] });
    await define({ entity: 'survivor', key: `guardian${stamp}`, type: 'shortText', pii: true, label: { en: `Guardian ${stamp}`, es: `Tutor ${stamp}` }, readRoles: ['caseworker'], writeRoles: ['caseworker'] });
    await define({ entity: 'goal', key: `visits${stamp}`, type: 'number', min: 0, max: 50, label: { en: `Mentor visits ${stamp}`, es: `Visitas del mentor ${stamp}` }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'] });
    await admin.dispose();
    const caseworkerApi = await signedInApi(baseURL, 'caseworker@harbor.demo');
    const { survivorId, caseId } = await survivorWithCase(caseworkerApi, { alias: `Ivy Dale ${stamp}` });
    const today = new Date().toISOString().slice(0, 10);
    const plan = await caseworkerApi.post('/api/v1/service-plans', { data: { caseId, planType: 'SocialCare', startsOn: today, reviewDate: today } });
    expect(plan.status()).toBe(201);
    const goal = await caseworkerApi.post('/api/v1/goals', { data: { planId: ((await plan.json()) as { id: string }).id, domain: 'education', description: `Finish school ${stamp}` } });
    expect(goal.status()).toBe(201);
    await caseworkerApi.dispose();

    await test.step('caseworker: sets the survivor\'s details on her page, and a goal\'s on the plan', async () => {
      const caseworker = await phoneOf(browser, 'caseworker@harbor.demo');
      await caseworker.goto(`/#/survivors/${survivorId}/show`);
      const panel = caseworker.getByRole('region', { name: 'More details' });
      await expect(panel.getByText(`Guardian ${stamp}`)).toBeVisible();
      await panel.getByRole('button', { name: 'Edit' }).click();
      const dialog = caseworker.getByRole('dialog', { name: 'Change the details' });
      await dialog.getByRole('textbox', { name: `Guardian ${stamp}` }).fill('Aunt Rosa');
      await choose(caseworker, `In school ${stamp}`, 'Yes');
      await expectPhoneReady(caseworker, 'survivor custom values dialog');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog).toBeHidden();
      await caseworker.reload();
      await expect(panel.getByText('Aunt Rosa')).toBeVisible();
      await expectPhoneReady(caseworker, 'survivor with custom values');

      await caseworker.goto(`/#/cases/${caseId}/show`);
      await caseworker.getByRole('tab', { name: 'Service plan' }).click();
      const goalDetails = caseworker.getByRole('region', { name: `More details: Finish school ${stamp}` });
      await goalDetails.getByRole('button', { name: `Change the details of Finish school ${stamp}` }).click();
      const goalDialog = caseworker.getByRole('dialog', { name: `Change the details: Finish school ${stamp}` });
      await goalDialog.getByRole('spinbutton', { name: `Mentor visits ${stamp}` }).fill('99');
      await goalDialog.getByRole('button', { name: 'Save' }).click();
      // Out of the field's range: the API's refusal shows under the field, the dialog stays open.
      await expect(goalDialog.getByText('must be at most 50', { exact: true })).toBeVisible();
      await goalDialog.getByRole('spinbutton', { name: `Mentor visits ${stamp}` }).fill('6');
      await goalDialog.getByRole('button', { name: 'Save' }).click();
      await expect(goalDialog).toBeHidden();
      await expect(goalDetails.getByText('6', { exact: true })).toBeVisible();
      await expectPhoneReady(caseworker, 'plan goal with custom values');
      await caseworker.context().close();
    });

    await test.step('coordinator: the yes/no and the goal\'s visits, not the guardian; nothing to edit', async () => {
      const coordinator = await phoneOf(browser, 'coordinator@harbor.demo');
      await coordinator.goto(`/#/survivors/${survivorId}/show`);
      const panel = coordinator.getByRole('region', { name: 'More details' });
      await expect(panel.getByText(`In school ${stamp}`)).toBeVisible();
      await expect(panel.getByText('Yes')).toBeVisible();
      await expect(panel.getByText(`Guardian ${stamp}`)).toHaveCount(0);
      await expect(coordinator.getByText('Aunt Rosa')).toHaveCount(0);
      await expect(panel.getByRole('button', { name: 'Edit' })).toHaveCount(0);
      await expectPhoneReady(coordinator, 'survivor custom values, coordinator');
      await coordinator.goto(`/#/cases/${caseId}/show`);
      await coordinator.getByRole('tab', { name: 'Service plan' }).click();
      const goalDetails = coordinator.getByRole('region', { name: `More details: Finish school ${stamp}` });
      await expect(goalDetails.getByText('6', { exact: true })).toBeVisible();
      await expect(goalDetails.getByRole('button')).toHaveCount(0);
      await coordinator.context().close();
    });
  });
});

test('a coordinator has no "Custom fields" in the menu', async ({ page }) => {
  await signIn(page, 'coordinator@harbor.demo');
  await expect(page.getByRole('menuitem', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Custom fields' })).toHaveCount(0);
});

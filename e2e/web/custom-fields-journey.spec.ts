import { expect, test, type Browser, type Page } from '@playwright/test';
import { caseWithSentReferral, choose, expectPhoneReady, letterStamp, PHONE, rawQuery, signedInApi, signIn } from './support';

/** A phone of one's own (own cookies) for one user, signed in: one session per role for the whole journey. */
async function phoneOf(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const PII_TEXT = 'Golden Orchard Packing Ltd';
const AMENDED_PII = 'Silver Birch Canning Co';

/**
 * Issue 18, "Done means": an admin adds a required multiple-choice field (shareable with partners) and
 * a PII text field to the intake; a caseworker fills them in, and cannot submit without the required
 * one; a coordinator, whom the PII field does not name, does not see it; the raw column holds the PII
 * value as ciphertext; a partner sees the shared field only under the survivor's consent: not before,
 * and not after its revocation. On a phone, axe clean. The fields are retired at the end (later journeys
 * share this database and submit intakes). Last, the caseworker amends the submitted intake's PII value
 * with a reason: emptying the required field in the same amendment is refused naming it by its label,
 * and the revision keeps the value as it was.
 */
test('custom intake fields: required at submission, PII kept from those it does not name, shared with a partner only under consent, amended with a reason', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const stamp = letterStamp();
  const choiceLabel = `Control methods ${stamp}`;
  const piiLabel = `Employer name ${stamp}`;
  const alias = `Iris Vale ${stamp}`;

  // Setup through the API: her case, and a referral to Safe Homes sent under a consent to share her
  // alias only.
  const { caseId, referral } = await caseWithSentReferral(baseURL, { alias }, ['alias']);
  const caseworkerApi = await signedInApi(baseURL, 'caseworker@harbor.demo');

  const admin = await phoneOf(browser, 'admin@harbor.demo');
  const adminApi = await signedInApi(baseURL, 'admin@harbor.demo');
  const ids: { choice?: string; pii?: string } = {};
  try {
    await test.step('admin: adds a required multiple-choice intake field shared with partners, and a PII text field only caseworkers read', async () => {
      await admin.getByRole('button', { name: 'Open menu' }).click();
      await admin.getByRole('menuitem', { name: 'Custom fields' }).click();
      await admin.getByRole('button', { name: 'Add a field' }).click();
      const dialog = admin.getByRole('dialog', { name: 'Add a field' });
      await choose(admin, 'Form', 'Intake');
      await choose(admin, 'Type', 'Multiple choice');
      await dialog.getByRole('textbox', { name: 'Key' }).fill(`controls${stamp}`);
      await dialog.getByRole('textbox', { name: 'Label (English)' }).fill(choiceLabel);
      await dialog.getByRole('textbox', { name: 'Label (Spanish)' }).fill(`Métodos de control ${stamp}`);
      await dialog.getByRole('button', { name: 'Add an option' }).click();
      await dialog.getByRole('textbox', { name: 'Option 1 (English)' }).fill('Debt');
      await dialog.getByRole('button', { name: 'Add an option' }).click();
      await dialog.getByRole('textbox', { name: 'Option 2 (English)' }).fill('Threats');
      await dialog.getByLabel('May be shared with partners').check();
      await dialog.getByRole('group', { name: 'Who may read it' }).getByRole('checkbox', { name: 'Partner' }).check();
      await dialog.getByLabel('Required').check();
      await expectPhoneReady(admin, 'journey: required shareable field');
      await dialog.getByRole('button', { name: 'Add field' }).click();
      await expect(dialog).toBeHidden();
      await expect(admin.getByRole('listitem').filter({ hasText: choiceLabel }).getByText('Intake · Multiple choice')).toBeVisible();

      await admin.getByRole('button', { name: 'Add a field' }).click();
      await choose(admin, 'Form', 'Intake');
      await dialog.getByRole('textbox', { name: 'Key' }).fill(`employer${stamp}`);
      await dialog.getByRole('textbox', { name: 'Label (English)' }).fill(piiLabel);
      await dialog.getByLabel('May be shared with partners').check();
      // PII: never shared with partners, so the switch turns off and is disabled.
      await dialog.getByLabel('PII or narrative').check();
      await expect(dialog.getByLabel('May be shared with partners')).not.toBeChecked();
      await expect(dialog.getByLabel('May be shared with partners')).toBeDisabled();
      await expect(dialog.getByText('A PII or narrative field is never shared with partners')).toBeVisible();
      await dialog.getByRole('group', { name: 'Who may read it' }).getByRole('checkbox', { name: 'Coordinator' }).uncheck();
      await dialog.getByRole('button', { name: 'Add field' }).click();
      await expect(dialog).toBeHidden();
      await expect(admin.getByRole('listitem').filter({ hasText: piiLabel }).getByText('PII')).toBeVisible();
      const fields = (await (await adminApi.get('/api/v1/custom-fields', { params: { filter: JSON.stringify({ entity: 'intake' }), range: '[0,99]' } })).json()) as {
        id: string;
        key: string;
        required: boolean;
        shareable: boolean;
      }[];
      const mine = fields.filter((f) => f.key === `controls${stamp}` || f.key === `employer${stamp}`);
      expect(mine).toHaveLength(2);
      expect(mine.find((f) => f.key === `controls${stamp}`)).toMatchObject({ required: true, shareable: true });
      ids.choice = mine.find((f) => f.key === `controls${stamp}`)!.id;
      ids.pii = mine.find((f) => f.key === `employer${stamp}`)!.id;
    });

    // Her intake draft, complete but for the new fields: started after they were added, so the required
    // one applies to it (intakes that already existed are not asked for it).
    const today = new Date().toISOString().slice(0, 10);
    const draft = await caseworkerApi.post('/api/v1/intakes', {
      data: {
        caseId,
        intakeDate: today,
        identifiedBy: 'Hotline',
        exploitationTypes: ['SexualExploitation'],
        riskScreening: {
          inContactWithTrafficker: false,
          traffickerKnowsLocation: false,
          threatsLast30Days: false,
          noSafePlaceTonight: false,
          minor: false,
          urgentMedicalNeed: false,
          childrenAtRisk: false,
          substanceDependence: false,
        },
      },
    });
    expect(draft.status()).toBe(201);
    const { id: intakeId } = (await draft.json()) as { id: string };
    const caseworker = await phoneOf(browser, 'caseworker@harbor.demo');
    await test.step('caseworker: fills in the PII field, is refused the submission without the required one, then submits', async () => {
      await caseworker.goto(`/#/cases/${caseId}/show/intake`);
      await caseworker.getByRole('tab', { name: /^Narrative/ }).click();
      const group = caseworker.getByTestId('intake-custom');
      await expect(group.getByRole('group', { name: choiceLabel })).toBeVisible();
      await expect(group.getByText('Required to submit')).toBeVisible();
      await group.getByRole('textbox', { name: piiLabel }).fill(PII_TEXT);
      await caseworker.getByRole('tab', { name: /^Review & submit/ }).click();
      await caseworker.getByRole('button', { name: 'Submit intake' }).click();
      // The API's INTAKE_INCOMPLETE names the field: the stepper goes back to it and says so under it.
      await expect(group.getByText(`${choiceLabel} is required to submit`)).toBeVisible();
      await expectPhoneReady(caseworker, 'journey: required custom field refused');
      await group.getByRole('group', { name: choiceLabel }).getByRole('checkbox', { name: 'Debt' }).check();
      await caseworker.getByRole('tab', { name: /^Review & submit/ }).click();
      await caseworker.getByRole('button', { name: 'Submit intake' }).click();
      await expect(caseworker.getByText('Intake submitted').first()).toBeVisible();
    });

    await test.step('the database holds the PII value as ciphertext, the choice as its option id', async () => {
      const rows = await rawQuery<{ custom: Record<string, unknown> }>('SELECT custom FROM intake WHERE id = $1', [intakeId]);
      expect(rows).toHaveLength(1);
      const custom = rows[0]!.custom;
      expect(JSON.stringify(custom)).not.toContain(PII_TEXT);
      const pii = custom[ids.pii!] as { c?: unknown };
      expect(typeof pii.c).toBe('string');
      expect(String(pii.c)).not.toContain('Golden');
      expect(custom[ids.choice!]).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    });

    const coordinator = await phoneOf(browser, 'coordinator@harbor.demo');
    await test.step('coordinator: reads the choice, not the PII field', async () => {
      await coordinator.goto(`/#/cases/${caseId}/show/intake`);
      await expect(coordinator.getByText(choiceLabel).first()).toBeVisible();
      await expect(coordinator.getByText('Debt').first()).toBeVisible();
      await expect(coordinator.getByText(piiLabel)).toHaveCount(0);
      expect(await coordinator.content()).not.toContain(PII_TEXT);
      await expectPhoneReady(coordinator, 'journey: coordinator without the PII field');
    });

    const partner = await phoneOf(browser, 'partner@safehomes.demo');
    const referralAddress = `/#/referrals/${referral.id}/show`;
    await test.step('partner: before any consent names the field, it is not shown', async () => {
      await partner.goto(referralAddress);
      await expect(partner.getByTestId('shared-survivor').getByTestId('shared-alias')).toHaveText(alias);
      await expect(partner.getByTestId('shared-custom')).toHaveCount(0);
      expect(await partner.content()).not.toContain(choiceLabel);
    });

    await test.step('caseworker: records her consent to share the field with Safe Homes; the PII field is not offered', async () => {
      await caseworker.goto(`/#/cases/${caseId}/show`);
      await caseworker.getByRole('tab', { name: 'Consent' }).click();
      await caseworker.getByRole('button', { name: 'Record consent' }).click();
      const dialog = caseworker.getByRole('dialog', { name: 'Record consent' });
      await choose(caseworker, 'What the person agrees to', 'Share details with a partner');
      await choose(caseworker, 'Partner organization', 'Safe Homes');
      const custom = dialog.getByTestId('consent-custom-items');
      await custom.getByRole('checkbox', { name: choiceLabel }).check();
      await expect(custom.getByRole('checkbox', { name: piiLabel })).toHaveCount(0);
      await dialog.getByRole('radio', { name: 'Verbal' }).check();
      await expectPhoneReady(caseworker, 'journey: consent with a custom field');
      await dialog.getByRole('button', { name: 'Record consent' }).click();
      await expect(dialog).toBeHidden();
      await expect(caseworker.getByRole('table', { name: 'Consents' }).getByRole('row').filter({ hasText: choiceLabel })).toContainText('Live');
    });

    await test.step('partner: under the consent, sees the shared field', async () => {
      await partner.reload();
      const shared = partner.getByTestId('shared-custom');
      await expect(shared.getByText(choiceLabel)).toBeVisible();
      await expect(shared.getByTestId(`shared-custom-controls${stamp}`)).toHaveText('Debt');
      expect(await partner.content()).not.toContain(PII_TEXT);
      expect(await partner.content()).not.toContain(piiLabel);
      await expectPhoneReady(partner, 'journey: partner sees the shared field');
    });

    await test.step('caseworker revokes that consent; the partner no longer sees the field', async () => {
      const row = caseworker.getByRole('table', { name: 'Consents' }).getByRole('row').filter({ hasText: choiceLabel });
      await row.getByRole('button', { name: 'Revoke' }).click();
      const dialog = caseworker.getByRole('dialog', { name: /^Revoke consent/ });
      await dialog.getByRole('textbox', { name: /^Why/ }).fill('She no longer wants it shared.');
      await dialog.getByRole('button', { name: 'Revoke consent' }).click();
      await expect(dialog).toBeHidden();
      await expect(row).toContainText('Revoked');
      await partner.reload();
      // The referral stays (her consent to share the alias stands); the custom field is gone.
      await expect(partner.getByTestId('shared-survivor').getByTestId('shared-alias')).toHaveText(alias);
      await expect(partner.getByTestId('shared-custom')).toHaveCount(0);
      expect(await partner.content()).not.toContain(choiceLabel);
      await expectPhoneReady(partner, 'journey: partner after revocation');
    });

    await test.step('caseworker: amends the PII value with a reason; emptying the required field is refused by its label; the revision keeps the old value', async () => {
      await caseworker.goto(`/#/cases/${caseId}/show/intake`);
      await caseworker.getByRole('button', { name: 'Amend' }).click();
      await caseworker.getByRole('tab', { name: /^Narrative/ }).click();
      const group = caseworker.getByTestId('intake-custom');
      await expect(group.getByRole('textbox', { name: piiLabel })).toHaveValue(PII_TEXT);
      await group.getByRole('textbox', { name: piiLabel }).fill(AMENDED_PII);
      const debt = group.getByRole('group', { name: choiceLabel }).getByRole('checkbox', { name: 'Debt' });
      await debt.uncheck();
      const reason = caseworker.getByRole('dialog', { name: 'Why is the intake being amended?' });
      const saveAmendment = async () => {
        await caseworker.getByRole('tab', { name: /^Review & submit/ }).click();
        await caseworker.getByRole('button', { name: 'Save amendment' }).click();
        await reason.getByRole('textbox', { name: 'Reason' }).fill('The employer name was misheard.');
        await reason.getByRole('button', { name: 'Save amendment' }).click();
      };
      await saveAmendment();
      await expect(reason.getByText(`Not amended: ${choiceLabel} is required`)).toBeVisible();
      await expectPhoneReady(caseworker, 'journey: amendment refused naming the field');
      await reason.getByRole('button', { name: 'Cancel' }).click();
      // The stepper went to the field, which says so too.
      await expect(group.getByText(`${choiceLabel} is required`)).toBeVisible();
      await debt.check();
      await saveAmendment();
      await expect(reason).toBeHidden();
      await expect(caseworker.getByText(AMENDED_PII)).toBeVisible();
      const revisions = caseworker.getByRole('region', { name: 'Revisions' });
      await revisions.getByText('The employer name was misheard.').click();
      await expect(revisions.getByTestId('revision-custom')).toContainText(PII_TEXT);
      await expectPhoneReady(caseworker, 'journey: amended custom value and its revision');
      const [kept] = await rawQuery<{ custom: Record<string, unknown> }>('SELECT custom FROM intake_revision WHERE intake_id = $1', [intakeId]);
      expect(typeof (kept!.custom[ids.pii!] as { c?: unknown }).c).toBe('string');
      expect(JSON.stringify(kept!.custom)).not.toContain('Golden');
      const [now] = await rawQuery<{ custom: Record<string, unknown> }>('SELECT custom FROM intake WHERE id = $1', [intakeId]);
      expect(JSON.stringify(now!.custom)).not.toContain('Silver');
    });
  } finally {
    // Later journeys share this database and submit intakes: the required field leaves the form.
    for (const id of [ids.choice, ids.pii].filter((x): x is string => Boolean(x))) {
      const field = (await (await adminApi.get(`/api/v1/custom-fields/${id}`)).json()) as { version: number };
      expect((await adminApi.post(`/api/v1/custom-fields/${id}/retire`, { data: { version: field.version } })).status()).toBe(200);
    }
    await adminApi.dispose();
    await caseworkerApi.dispose();
  }
});

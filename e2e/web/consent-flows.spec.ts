import { expect, test } from '@playwright/test';
import { asUser, choose, expectNoAxeViolations, letterStamp, openCase, signedInApi } from './support';

/**
 * Issue 13, "flows that contradict themselves", for a referral waiting on consent: when a live consent
 * exists but does not cover every detail the referral shares, the "Consent missing" dialog names
 * exactly the missing details (not "No live consent"), and the coordinator, told to record the
 * consent on the Consent tab, can: she records it there and the referral goes out.
 */
test('the consent-missing dialog names the missing details; the coordinator records the consent and sends', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const alias = `Teal Lark ${letterStamp()}`;

  // A survivor whose live consent for Safe Homes covers the alias only, and a draft referral that
  // would share the alias and the languages.
  const api = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const directory = (await (await api.get('/api/v1/partner-orgs/directory')).json()) as { id: string; name: string }[];
  const safeHomes = directory.find((partner) => partner.name === 'Safe Homes');
  expect(safeHomes).toBeDefined();
  const { id: survivorId } = (await (await api.post('/api/v1/survivors', { data: { alias, languages: ['es'] } })).json()) as { id: string };
  const createdCase = await api.post('/api/v1/cases', { data: { survivorId } });
  expect(createdCase.status()).toBe(201);
  const { id: caseId, caseNumber } = (await createdCase.json()) as { id: string; caseNumber: string };
  const consent = await api.post('/api/v1/consents', {
    data: { survivorId, caseId, purpose: 'share_with_partner', method: 'verbal', partnerOrgId: safeHomes?.id, sharedFields: ['alias'] },
  });
  expect(consent.status()).toBe(201);
  const draft = await api.post('/api/v1/referrals', {
    data: { caseId, partnerOrgId: safeHomes?.id, serviceType: 'housing', urgency: 'routine', sharedFields: ['alias', 'languages'] },
  });
  expect(draft.status()).toBe(201);
  // And one to a partner she gave no consent for at all.
  const bridgeWorks = directory.find((partner) => partner.name === 'Bridge Works');
  const unconsented = await api.post('/api/v1/referrals', {
    data: { caseId, partnerOrgId: bridgeWorks?.id, serviceType: 'vocational', urgency: 'routine', sharedFields: ['alias'] },
  });
  expect(unconsented.status()).toBe(201);
  await api.dispose();

  const coordinator = await asUser(browser, 'coordinator@harbor.demo');
  await openCase(coordinator, caseNumber);

  await test.step('coordinator: sending names exactly the detail the live consent does not cover', async () => {
    await coordinator.getByRole('tab', { name: 'Referrals' }).click();
    const card = coordinator.getByRole('article', { name: 'Housing referral to Safe Homes' });
    await card.getByRole('button', { name: 'Send' }).click();
    await coordinator.getByRole('dialog', { name: 'Send to Safe Homes?' }).getByRole('button', { name: 'Send referral' }).click();
    const refused = coordinator.getByRole('dialog', { name: 'Consent missing' });
    const message = refused.getByTestId('consent-missing');
    await expect(message).toContainText('The survivor’s live consent for Safe Homes does not cover this detail:');
    await expect(message.getByRole('listitem')).toHaveText(['Languages']);
    await expect(message).not.toContainText('No live consent');
    await expect(message).not.toContainText('Alias');
    await expectNoAxeViolations(coordinator, 'consent missing: one detail');
    await refused.getByRole('button', { name: 'Close' }).click();
    await expect(refused).toBeHidden();

    // Without any live consent for the partner, the dialog says so, and still names the details.
    const other = coordinator.getByRole('article', { name: 'Vocational training referral to Bridge Works' });
    await other.getByRole('button', { name: 'Send' }).click();
    await coordinator.getByRole('dialog', { name: 'Send to Bridge Works?' }).getByRole('button', { name: 'Send referral' }).click();
    const none = coordinator.getByRole('dialog', { name: 'Consent missing' }).getByTestId('consent-missing');
    await expect(none).toContainText('No live consent to share details with Bridge Works.');
    await expect(none.getByRole('listitem')).toHaveText(['Alias']);
    await coordinator.getByRole('dialog', { name: 'Consent missing' }).getByRole('button', { name: 'Close' }).click();
    await expect(coordinator.getByRole('dialog', { name: 'Consent missing' })).toBeHidden();
  });

  await test.step('coordinator: records the consent on the Consent tab, then the referral goes out', async () => {
    await coordinator.getByRole('tab', { name: 'Consent' }).click();
    await coordinator.getByRole('button', { name: 'Record consent' }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'Record consent' });
    await choose(coordinator, 'What the person agrees to', 'Share details with a partner');
    await choose(coordinator, 'Partner organization', 'Safe Homes');
    await expect(dialog.getByRole('checkbox', { name: 'Alias' })).toBeChecked();
    await dialog.getByRole('checkbox', { name: 'Languages' }).check();
    await dialog.getByRole('radio', { name: 'Verbal' }).check();
    await expectNoAxeViolations(coordinator, 'coordinator records consent');
    await dialog.getByRole('button', { name: 'Record consent' }).click();
    await expect(dialog).toBeHidden();
    await expect(coordinator.getByRole('table', { name: 'Consents' }).getByRole('row').filter({ hasText: 'Languages' })).toContainText('Live');

    await coordinator.getByRole('tab', { name: 'Referrals' }).click();
    const card = coordinator.getByRole('article', { name: 'Housing referral to Safe Homes' });
    await card.getByRole('button', { name: 'Send' }).click();
    const confirm = coordinator.getByRole('dialog', { name: 'Send to Safe Homes?' });
    await confirm.getByRole('button', { name: 'Send referral' }).click();
    await expect(confirm).toBeHidden();
    await expect(coordinator.getByRole('dialog', { name: 'Consent missing' })).toHaveCount(0);
    await expect(card.getByTestId('referral-status')).toHaveText('Sent');
  });

  await coordinator.context().close();
});

import { expect, test, type APIResponse } from '@playwright/test';
import { asUser, expectPhoneReady, letterStamp, PHONE, signedInApi, survivorWithCase } from './support';

/**
 * Issue 17, part 3, on a phone: a hotline contact about to be converted into a case is checked for
 * duplicates first. The caseworker who holds the matching survivor sees her (alias, case number, why);
 * another caseworker sees only "possible match in another caseload — ask a coordinator".
 */
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

test('a contact about to become a case shows its likely duplicate, and only a count to someone else', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const stamp = letterStamp();
  const alias = `Amber Kestrel ${stamp}`;
  const digits = String(Date.now()).slice(-4);
  const phone = `+1 415 555 ${digits}`;

  // Registered by the first caseworker, with a case.
  const api = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const created = async (response: Promise<APIResponse>) => {
    const answer = await response;
    expect(answer.status()).toBe(201);
    return (await answer.json()) as { id: string; caseNumber: string };
  };
  const kase = await survivorWithCase(api, { alias, legalName: `Oksana Kovalenko${stamp}`, phone });
  // A call from her, logged again under another spelling and with the phone written otherwise; and one taken by a colleague.
  const mine = await created(api.post('/api/v1/contacts', { data: { channel: 'call', anonymous: false, name: `Oxana Kowalenko${stamp}`, phone: `415-555-${digits}` } }));
  await api.dispose();
  const otherApi = await signedInApi(baseURL, 'caseworker2@harbor.demo');
  const theirs = await created(otherApi.post('/api/v1/contacts', { data: { channel: 'call', anonymous: false, name: `Oxana Kowalenko${stamp}`, phone } }));
  await otherApi.dispose();

  const caseworker = await asUser(browser, 'caseworker@harbor.demo');
  await test.step('caseworker: the conversion dialog names the likely duplicate before anything is saved', async () => {
    await caseworker.goto(`/#/contacts/${mine.id}/show`);
    await caseworker.getByRole('button', { name: 'Open a case' }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'Open a case from this contact' });
    const warning = dialog.getByTestId('duplicate-warning');
    await expect(warning).toContainText('This person may already have a record');
    await expect(warning).toContainText(alias);
    await expect(warning).toContainText(kase.caseNumber);
    await expect(warning).toContainText('likely the same person');
    await expect(warning).toContainText('same phone');
    await expectPhoneReady(caseworker, 'conversion dialog with a likely duplicate');
    // Never blocking.
    await expect(dialog.getByRole('button', { name: 'Open the case' })).toBeEnabled();
  });

  const colleague = await asUser(browser, 'caseworker2@harbor.demo');
  await test.step('another caseworker: only "another caseload", nothing that identifies her', async () => {
    await colleague.goto(`/#/contacts/${theirs.id}/show`);
    await colleague.getByRole('button', { name: 'Open a case' }).click();
    const warning = colleague.getByRole('dialog', { name: 'Open a case from this contact' }).getByTestId('duplicate-warning');
    await expect(warning).toContainText('Possible match in another caseload — ask a coordinator.');
    await expect(warning).not.toContainText(alias);
    await expect(warning).not.toContainText(kase.caseNumber);
    await expectPhoneReady(colleague, 'conversion dialog with a match in another caseload');
  });
});

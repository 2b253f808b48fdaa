import { expect, test } from '@playwright/test';
import { asUser, boardOfCaseworker, choose, expectNoAxeViolations, expectNoTraces, letterStamp, openCase, saveScreen, signedInApi } from './support';

/**
 * A referral from request to completion, role by role (docs/data-dictionary.md Referral and Consent): the
 * caseworker records the survivor's consent to share three details with Safe Homes and requests
 * housing there; the coordinator sends it; the partner is notified, sees exactly the consented
 * details (never the legal name, a canary), accepts, starts and completes it; the caseworker sees
 * the timeline and a notification, then revokes the consent, and the partner no longer sees those
 * details. A referral to a partner without consent is refused until a coordinator gives a reason.
 */
const CANARY_FAMILY = 'Plinketty';
const CANARY = `Vexcanary ${CANARY_FAMILY}`;
const SAFE_CONTACT = 'Text only; never call after 6 pm.';

test('a housing referral with consent, from request to completion; revoking consent hides the details', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const stamp = letterStamp();
  const alias = `Amber Kite ${stamp}`;
  const outcome = 'Moved into a two-room flat on the 3rd; key worker assigned.';
  const override = 'She starts a job on Monday and cannot wait for a signed consent.';

  // A survivor (with a canary legal name) and a case of the caseworker's, made through the API.
  const api = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const survivorResponse = await api.post('/api/v1/survivors', {
    data: { alias, legalName: CANARY, languages: ['es', 'en'], safeContactInstructions: SAFE_CONTACT, phone: '+1 555 0142' },
  });
  expect(survivorResponse.status()).toBe(201);
  const survivor = (await survivorResponse.json()) as { id: string };
  const created = await api.post('/api/v1/cases', { data: { survivorId: survivor.id } });
  expect(created.status()).toBe(201);
  const { caseNumber } = (await created.json()) as { caseNumber: string };
  await api.dispose();

  const caseworker = await asUser(browser, 'caseworker@harbor.demo');
  await test.step('caseworker: consent to share three details with Safe Homes', async () => {
    await openCase(caseworker, caseNumber);
    await caseworker.getByRole('tab', { name: 'Consent' }).click();
    await caseworker.getByRole('button', { name: 'Record consent' }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'Record consent' });
    await choose(caseworker, 'What the person agrees to', 'Share details with a partner');
    await choose(caseworker, 'Partner organization', 'Safe Homes');
    await expect(dialog.getByRole('checkbox', { name: 'Alias' })).toBeChecked();
    await dialog.getByRole('checkbox', { name: 'Languages' }).check();
    await dialog.getByRole('checkbox', { name: 'Safe contact instructions' }).check();
    await dialog.getByRole('radio', { name: 'Written' }).check();
    await dialog.getByRole('button', { name: 'Record consent' }).click();
    await expect(dialog).toBeHidden();
    await expect(caseworker.getByRole('table', { name: 'Consents' }).getByRole('row').filter({ hasText: 'Safe Homes' })).toContainText('Live');
  });

  await test.step('caseworker: requests a housing referral to the suggested partner', async () => {
    await caseworker.getByRole('tab', { name: 'Referrals' }).click();
    await caseworker.getByRole('button', { name: 'Request referral' }).click();
    const dialog = caseworker.getByRole('dialog', { name: /^Request a referral/ });
    await choose(caseworker, 'Service', 'Housing');
    await dialog.getByRole('radio', { name: 'Safe Homes' }).check();
    await choose(caseworker, 'Urgency', 'Urgent');
    await dialog.getByRole('textbox', { name: /^Reason for the referral/ }).fill('No safe place after the shelter stay ends on Friday.');
    await expect(dialog.getByTestId('consent-hint')).toContainText('A live consent for Safe Homes covers 3 details');
    await dialog.getByRole('button', { name: 'Share exactly what is consented' }).click();
    for (const detail of ['Alias', 'Languages', 'Safe contact instructions']) {
      await expect(dialog.getByRole('checkbox', { name: detail })).toBeChecked();
    }
    await expect(dialog.getByRole('checkbox', { name: 'Legal name' })).not.toBeChecked();
    await saveScreen(caseworker, 'referrals-case-dialog');
    await expectNoAxeViolations(caseworker, 'referrals-case-dialog');
    await dialog.getByRole('button', { name: 'Request referral' }).click();
    await expect(dialog).toBeHidden();
    const card = caseworker.getByRole('article', { name: 'Housing referral to Safe Homes' });
    await expect(card.getByTestId('referral-status')).toHaveText('Draft');
    await expect(card.getByRole('list', { name: 'Referral timeline' })).toContainText('drafted the referral');
    // Caseworkers request; only a coordinator sends.
    await expect(card.getByRole('button', { name: 'Send' })).toHaveCount(0);
    await expectNoTraces(caseworker, CANARY_FAMILY);
  });

  const coordinator = await asUser(browser, 'coordinator@harbor.demo');
  await test.step('coordinator: the board, then sends the referral from the case', async () => {
    await boardOfCaseworker(coordinator, 'Robin Caseworker');
    // A column per open status (issue 13), newest first: the draft just requested leads its column.
    await expect(coordinator.getByRole('heading', { level: 2, name: /^Sent \(\d+\)$/ })).toBeVisible();
    const drafts = coordinator.getByRole('region', { name: /^Draft \(\d+\)$/ });
    const row = drafts.getByTestId('board-card').first();
    await expect(row).toContainText(caseNumber);
    await saveScreen(coordinator, 'referrals-board');
    await expectNoAxeViolations(coordinator, 'referrals-board');
    await expect(row).toContainText('Safe Homes');
    await expect(row).toContainText(alias);
    await row.click();
    await expect(coordinator.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible();
    const card = coordinator.getByRole('article', { name: 'Housing referral to Safe Homes' });
    await card.getByRole('button', { name: 'Send' }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'Send to Safe Homes?' });
    await expect(dialog).toContainText('Safe contact instructions');
    await dialog.getByRole('button', { name: 'Send referral' }).click();
    await expect(dialog).toBeHidden();
    await expect(card.getByTestId('referral-status')).toHaveText('Sent');
    await expect(card.getByRole('list', { name: 'Referral timeline' })).toContainText('Casey Coordinator');
    expect(await coordinator.content()).not.toContain(CANARY_FAMILY);
  });

  const partner = await asUser(browser, 'partner@safehomes.demo');
  await test.step('partner: notified; sees exactly the consented details; accepts, starts, completes', async () => {
    // Partners see their inbox and their organization, never cases or survivors.
    await expect(partner.getByRole('menuitem', { name: 'Inbox' })).toBeVisible();
    await expect(partner.getByRole('menuitem', { name: 'Our organization' })).toBeVisible();
    await expect(partner.getByRole('menuitem', { name: 'Cases' })).toHaveCount(0);
    await expect(partner.getByRole('menuitem', { name: 'Survivors' })).toHaveCount(0);

    const bell = partner.getByRole('button', { name: /^Notifications, \d+ unread/ });
    await expect(bell).toBeVisible();
    await bell.click();
    const item = partner.getByRole('menuitem', { name: /New housing referral/ }).first();
    await expect(item).toBeVisible();
    await saveScreen(partner, 'referrals-bell');
    await expectNoAxeViolations(partner, 'referrals-bell');
    // Opened from the inbox this time, so the call to act stays unread until the referral is answered.
    await partner.keyboard.press('Escape');
    const unreadBefore = Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);
    expect(unreadBefore).toBeGreaterThan(0);
    await partner.getByRole('menuitem', { name: 'Inbox' }).click();
    // Inbox rows tell referrals apart: the program's case number, and the alias the survivor agreed to share.
    const inboxRow = partner.getByRole('table').getByRole('row').filter({ hasText: caseNumber });
    await expect(inboxRow.getByTestId('inbox-case-number')).toHaveText(caseNumber);
    await expect(inboxRow.getByTestId('inbox-alias')).toHaveText(alias);
    await inboxRow.click();

    const shared = partner.getByTestId('shared-survivor');
    await expect(shared.getByTestId('shared-alias')).toHaveText(alias);
    await expect(shared.getByTestId('shared-languages')).toContainText('Spanish');
    await expect(shared.getByTestId('shared-safeContactInstructions')).toHaveText(SAFE_CONTACT);
    await expect(shared).toContainText('The survivor has not agreed to share other details.');
    await expect(shared.getByTestId('shared-phone')).toHaveCount(0);
    await expect(shared.getByTestId('shared-legalName')).toHaveCount(0);
    expect(await partner.content()).not.toContain(CANARY_FAMILY);
    // The program's case number and the referring caseworker's work contact, nothing personal of them.
    await expect(partner.getByTestId('referral-case-number')).toHaveText(caseNumber);
    const contact = partner.getByRole('region', { name: 'Program contact' });
    await expect(contact.getByTestId('contact-name')).toHaveText('Robin Caseworker');
    await expect(contact.getByTestId('contact-email')).toHaveText('caseworker@harbor.demo');
    await saveScreen(partner, 'referrals-partner-referral');
    await expectNoAxeViolations(partner, 'referrals-partner-referral');

    const request = partner.getByRole('region', { name: 'The request' });
    await request.getByRole('button', { name: 'Accept' }).click();
    await partner.getByRole('dialog', { name: 'Accept this referral?' }).getByRole('button', { name: 'Accept' }).click();
    await expect(partner.getByTestId('referral-status').first()).toHaveText('Accepted');
    // Answered: the "new referral" notification is cleared, and the bell counts one fewer.
    await expect(partner.getByRole('button', { name: unreadBefore > 1 ? `Notifications, ${unreadBefore - 1} unread` : 'Notifications' })).toBeVisible();
    await request.getByRole('button', { name: 'Start service' }).click();
    await partner.getByRole('dialog', { name: 'Has the service started?' }).getByRole('button', { name: 'Start service' }).click();
    await expect(partner.getByTestId('referral-status').first()).toHaveText('In progress');
    await request.getByRole('button', { name: 'Complete' }).click();
    const completing = partner.getByRole('dialog', { name: 'Complete this referral?' });
    await completing.getByRole('textbox', { name: /^Outcome note/ }).fill(outcome);
    // The outcome is chosen from the list before the referral can be completed.
    await expect(completing.getByRole('button', { name: 'Complete' })).toBeDisabled();
    await choose(partner, 'Outcome', 'Housed');
    await completing.getByRole('button', { name: 'Complete' }).click();
    await expect(completing).toBeHidden();
    // Completing ends the partner's access (issue 11): back in the inbox, where finished referrals are not listed.
    await expect(partner.getByTestId('shared-survivor')).toHaveCount(0);
    await saveScreen(partner, 'referrals-partner-inbox');
    await expectNoAxeViolations(partner, 'referrals-partner-inbox');
    await expect(partner.getByRole('table').getByRole('row').filter({ hasText: 'Completed' })).toHaveCount(0);
    await expectNoTraces(partner, CANARY_FAMILY);
  });

  await test.step('caseworker: a notification and the whole timeline on the case', async () => {
    await caseworker.getByRole('menuitem', { name: 'Home' }).click();
    const bell = caseworker.getByRole('button', { name: /^Notifications, \d+ unread/ });
    // The count is polled every minute, as a background request that does not keep the session
    // alive; react-admin's refresh button asks at once.
    const polled = caseworker.waitForRequest((r) => r.url().endsWith('/api/v1/notifications/unread-count'));
    await caseworker.getByRole('button', { name: 'Refresh' }).click();
    expect((await polled).headers()['x-lantern-background']).toBe('1');
    await expect(bell).toBeVisible();
    await bell.click();
    await caseworker.getByRole('menuitem', { name: `Safe Homes completed the housing referral for ${caseNumber}` }).click();
    await expect(caseworker.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible();
    const card = caseworker.getByRole('article', { name: 'Housing referral to Safe Homes' });
    await expect(card.getByTestId('referral-status')).toHaveText('Completed');
    await expect(card.getByTestId('referral-outcome')).toHaveText('Housed');
    await expect(card).toContainText(outcome);
    const timeline = card.getByRole('list', { name: 'Referral timeline' });
    for (const step of ['drafted the referral', 'sent it', 'accepted it', 'started the service', 'completed it']) {
      await expect(timeline).toContainText(step);
    }
    await expect(timeline).toContainText('Casey Coordinator');
    await card.scrollIntoViewIfNeeded();
    await saveScreen(caseworker, 'referrals-case-timeline');
    await expectNoAxeViolations(caseworker, 'referrals-case-timeline');
  });

  await test.step('caseworker: revokes the consent; the partner no longer sees those details', async () => {
    await caseworker.getByRole('tab', { name: 'Consent' }).click();
    const row = caseworker.getByRole('table', { name: 'Consents' }).getByRole('row').filter({ hasText: 'Safe Homes' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    const dialog = caseworker.getByRole('dialog', { name: /^Revoke consent/ });
    await dialog.getByRole('textbox', { name: /^Why/ }).fill('She withdrew it by phone today.');
    await dialog.getByRole('button', { name: 'Revoke consent' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('Revoked');

    // A fresh read: the reload opens the same page, the inbox, and reads it again.
    await partner.reload();
    expect(new URL(partner.url()).hash).toBe('#/referrals');
    await partner.getByRole('menuitem', { name: 'Inbox' }).click();
    // Without an open referral and a live consent the partner has nothing of this survivor (issue 11).
    await expect(partner.getByRole('table').getByRole('row').filter({ hasText: 'Completed' })).toHaveCount(0);
    await expect(partner.getByTestId('shared-survivor')).toHaveCount(0);
    expect(await partner.content()).not.toContain(SAFE_CONTACT);
    expect(await partner.content()).not.toContain(alias);
    await saveScreen(partner, 'referrals-partner-revoked');
    await expectNoAxeViolations(partner, 'referrals-partner-revoked');
  });

  await test.step('coordinator: without consent the send is refused; sent anyway with a reason shown on the case', async () => {
    await coordinator.getByRole('tab', { name: 'Referrals' }).click();
    await coordinator.getByRole('button', { name: 'New referral' }).click();
    const dialog = coordinator.getByRole('dialog', { name: /^New referral/ });
    await choose(coordinator, 'Service', 'Vocational training');
    await dialog.getByRole('radio', { name: 'Bridge Works' }).check();
    await expect(dialog.getByTestId('consent-hint')).toContainText('No live consent to share details with Bridge Works');
    await dialog.getByRole('checkbox', { name: 'Alias' }).check();
    await dialog.getByRole('button', { name: 'Save draft' }).click();
    await expect(dialog).toBeHidden();

    const card = coordinator.getByRole('article', { name: 'Vocational training referral to Bridge Works' });
    await card.getByRole('button', { name: 'Send' }).click();
    await coordinator.getByRole('dialog', { name: 'Send to Bridge Works?' }).getByRole('button', { name: 'Send referral' }).click();
    const refused = coordinator.getByRole('dialog', { name: 'Consent missing' });
    await expect(refused.getByTestId('consent-missing')).toContainText('No live consent to share details with Bridge Works');
    await expect(refused.getByTestId('consent-missing').getByRole('listitem')).toHaveText(['Alias']);
    const sendAnyway = refused.getByRole('button', { name: 'Send anyway' });
    await expect(sendAnyway).toBeDisabled();
    await refused.getByRole('textbox', { name: 'Why send without the consent?' }).fill(override);
    await saveScreen(coordinator, 'referrals-consent-missing');
    await expectNoAxeViolations(coordinator, 'referrals-consent-missing');
    await sendAnyway.click();
    await expect(refused).toBeHidden();
    await expect(card.getByTestId('referral-status')).toHaveText('Sent');
    await expect(card.getByTestId('referral-override')).toContainText(override);
    await expect(card.getByTestId('referral-timeline-override')).toContainText('Casey Coordinator');
    await saveScreen(coordinator, 'referrals-case-tab');
    await expectNoAxeViolations(coordinator, 'referrals-case-tab');

    // The caseworker sees it on the case too.
    await caseworker.getByRole('tab', { name: 'Referrals' }).click();
    await expect(caseworker.getByRole('article', { name: 'Vocational training referral to Bridge Works' }).getByTestId('referral-override')).toContainText(
      override,
    );
    await expectNoTraces(coordinator, CANARY_FAMILY);
    await expectNoTraces(caseworker, CANARY_FAMILY);
  });

  await test.step('coordinator: the partner directory', async () => {
    await coordinator.getByRole('menuitem', { name: 'Partner directory' }).click();
    const table = coordinator.getByRole('table', { name: 'Partner directory' });
    await expect(table.getByRole('row').filter({ hasText: 'Safe Homes' })).toContainText('Housing');
    await saveScreen(coordinator, 'referrals-directory');
    await expectNoAxeViolations(coordinator, 'referrals-directory');
  });

  await Promise.all([caseworker.context().close(), coordinator.context().close(), partner.context().close()]);
});

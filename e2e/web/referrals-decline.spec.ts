import { expect, test, type Page } from '@playwright/test';
import { asUser, boardOfCaseworker, caseWithSentReferral, expectNoTraces, letterStamp } from './support';

/**
 * A declined referral and what follows: the partner declines with a reason (required), loses sight of
 * the referral and the survivor's details; the coordinator finds it on the board, re-routes it (one move of the API:
 * the declined referral stays declined, the new draft is linked to it and both timelines say so), is
 * told in place when the chosen partner cannot take it, and cancels a draft with a reason.
 */
async function choose(page: Page, label: string | RegExp, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

test('a partner declines with a reason; the coordinator re-routes, is told why a partner cannot take it, and cancels a draft', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const alias = `Slate Finch ${letterStamp()}`;
  const declineReason = 'No family rooms free until next month.';

  // Setup through the API: a case with a consent for Safe Homes, a housing referral, sent by the coordinator.
  const { caseNumber } = await caseWithSentReferral(baseURL, { alias, languages: ['es'] }, ['alias', 'languages']);

  await test.step('partner: declines, which needs a reason; the details are no longer shown', async () => {
    const partner = await asUser(browser, 'partner@safehomes.demo');
    await partner.getByRole('menuitem', { name: 'Inbox' }).click();
    // Newest first: the referral just sent heads the ones waiting for an answer.
    await choose(partner, 'Status', 'Sent');
    const first = partner.getByRole('table').getByRole('row').nth(1);
    await expect(first).toContainText('Sent');
    await expect(first).toContainText('Housing');
    await first.click();
    await expect(partner.getByTestId('shared-alias')).toHaveText(alias);
    await partner.getByRole('region', { name: 'The request' }).getByRole('button', { name: 'Decline' }).click();
    const dialog = partner.getByRole('dialog', { name: 'Decline this referral?' });
    await expect(dialog.getByRole('button', { name: 'Decline' })).toBeDisabled();
    await dialog.getByRole('textbox', { name: /^Why your organization declines/ }).fill(declineReason);
    await dialog.getByRole('button', { name: 'Decline' }).click();
    await expect(dialog).toBeHidden();
    // Declining ends the partner's access (issue 11): back in the inbox, the referral and its details gone.
    await expect(partner.getByTestId('shared-alias')).toHaveCount(0);
    await expect(partner.getByRole('table').getByRole('row').filter({ hasText: 'Declined' })).toHaveCount(0);
    await expectNoTraces(partner, alias);
    await partner.context().close();
  });

  const coordinator = await asUser(browser, 'coordinator@harbor.demo');
  await test.step('coordinator: finds it among the declined; the reason is on the case', async () => {
    await boardOfCaseworker(coordinator, 'Robin Caseworker');
    await coordinator.getByRole('switch', { name: 'Show declined, completed and cancelled' }).check();
    const row = coordinator.getByRole('region', { name: /^Declined \(\d+\)$/ }).getByTestId('board-card').filter({ hasText: caseNumber });
    await expect(row).toBeVisible();
    await row.click();
    await expect(coordinator.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible();
    const card = coordinator.getByRole('article', { name: 'Housing referral to Safe Homes' });
    await expect(card).toContainText('Safe Homes declined');
    await expect(card).toContainText(declineReason);
    await expect(card.getByRole('list', { name: 'Referral timeline' })).toContainText('declined it');
    await expect(card.getByRole('button', { name: 'Cancel referral' })).toHaveCount(0);
  });

  await test.step('coordinator: re-routes; a partner that cannot take it is refused in place', async () => {
    const card = coordinator.getByRole('article', { name: 'Housing referral to Safe Homes' });
    await card.getByRole('button', { name: 'Refer to another partner' }).click();
    const dialog = coordinator.getByRole('dialog', { name: /^Re-route referral/ });
    await expect(dialog.getByRole('radio', { name: 'Safe Homes' })).toBeDisabled();
    await choose(coordinator, /^Service/, 'Emergency shelter');
    await choose(coordinator, 'Another partner offering this service', 'Open Door Shelter');
    await dialog.getByRole('button', { name: 'Re-route' }).click();
    await expect(dialog.getByRole('alert')).toContainText('partner');
    await expect(dialog).toBeVisible();

    await choose(coordinator, /^Service/, 'Vocational training');
    await dialog.getByRole('radio', { name: 'Bridge Works' }).check();
    await dialog.getByRole('button', { name: 'Re-route' }).click();
    await expect(dialog).toBeHidden();
    const rerouted = coordinator.getByRole('article', { name: 'Vocational training referral to Bridge Works' });
    await expect(rerouted.getByTestId('referral-status')).toHaveText('Draft');
    await expect(rerouted).toContainText('Alias');
    // The two referrals are linked: each timeline names the other partner.
    await expect(rerouted.getByRole('list', { name: 'Referral timeline' }).getByTestId('referral-timeline-reroute')).toContainText('Re-routed from Safe Homes');
    const declined = coordinator.getByRole('article', { name: 'Housing referral to Safe Homes' });
    await expect(declined.getByTestId('referral-status')).toHaveText('Declined');
    await expect(declined.getByRole('list', { name: 'Referral timeline' }).getByTestId('referral-timeline-reroute')).toContainText('Re-routed to Bridge Works');
    // Re-routed once: it is not offered again.
    await expect(declined.getByRole('button', { name: 'Refer to another partner' })).toHaveCount(0);
  });

  await test.step('coordinator: cancels the new draft with a reason', async () => {
    const rerouted = coordinator.getByRole('article', { name: 'Vocational training referral to Bridge Works' });
    await rerouted.getByRole('button', { name: 'Cancel referral' }).click();
    const dialog = coordinator.getByRole('dialog', { name: /^Cancel the vocational training referral/ });
    await dialog.getByRole('textbox', { name: /^Why it is cancelled/ }).fill('She found work through a friend.');
    await dialog.getByRole('button', { name: 'Cancel referral' }).click();
    await expect(dialog).toBeHidden();
    await expect(rerouted.getByTestId('referral-status')).toHaveText('Cancelled');
    await expect(rerouted.getByRole('list', { name: 'Referral timeline' })).toContainText('She found work through a friend.');
    await expectNoTraces(coordinator, alias);
  });

  await coordinator.context().close();
});

import { expect, test, type Page } from '@playwright/test';
import { asUser, choose, expectNoAxeViolations, saveScreen, signIn } from './support';

/**
 * The coordinator's referral board (issue 13): a column per status with its count, newest first, with
 * filters; the finished statuses on request; at 390 px the columns stack with nothing scrolling sideways
 * and Quick Exit in view; axe clean in both.
 */

/** The created dates of a column's cards, as the cards say them. */
async function createdDates(page: Page, status: string): Promise<number[]> {
  const texts = await page
    .getByRole('region', { name: new RegExp(`^${status} \\(\\d+\\)$`) })
    .getByTestId('board-card')
    .evaluateAll((cards) => cards.map((card) => card.textContent ?? ''));
  return texts.map((text) => Date.parse(/Created (.+)$/.exec(text)?.[1] ?? ''));
}

test('the referral board: columns by status, newest first, filters, and a phone layout', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await asUser(browser, 'coordinator@harbor.demo');

  await test.step('a column per open status, each newest first', async () => {
    await coordinator.getByRole('menuitem', { name: 'Referrals' }).click();
    await expect(coordinator.getByRole('heading', { name: 'Referrals', level: 1 })).toBeVisible();
    const headings = coordinator.getByRole('heading', { level: 2 });
    await expect(headings).toHaveText([/^Draft \(\d+\)$/, /^Sent \(\d+\)$/, /^Accepted \(\d+\)$/, /^In progress \(\d+\)$/]);
    const sent = coordinator.getByRole('region', { name: /^Sent \(\d+\)$/ });
    await expect(sent.getByTestId('board-card').first()).toBeVisible();
    const dates = await createdDates(coordinator, 'Sent');
    expect(dates.length).toBeGreaterThan(1);
    expect(dates.every((date) => !Number.isNaN(date))).toBe(true);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    await expectNoAxeViolations(coordinator, 'referral board');
    await saveScreen(coordinator, 'referral-board');

    // "Show more" adds the next ten of that column.
    const total = Number(/\((\d+)\)/.exec((await sent.getByRole('heading').textContent()) ?? '')?.[1]);
    if (total > 10) {
      await sent.getByRole('button', { name: /^Show \d+ more: Sent$/ }).click();
      await expect(sent.getByTestId('board-card')).toHaveCount(Math.min(20, total));
    }
  });

  await test.step('filters apply to every column; the finished ones are shown on request', async () => {
    const sentHeading = coordinator.getByRole('heading', { level: 2, name: /^Sent \(\d+\)$/ });
    const before = Number(/\((\d+)\)/.exec((await sentHeading.textContent()) ?? '')?.[1]);
    const filtered = coordinator.waitForResponse((r) => decodeURIComponent(r.url()).includes('"overdue":true'));
    await coordinator.getByRole('switch', { name: 'Only overdue (no answer in 48 hours)' }).check();
    await filtered;
    await expect(coordinator.getByRole('heading', { level: 2, name: /^Draft \(0\)$/ })).toBeVisible();
    const overdue = Number(/\((\d+)\)/.exec((await sentHeading.textContent()) ?? '')?.[1]);
    expect(overdue).toBeLessThanOrEqual(before);
    await coordinator.getByRole('switch', { name: 'Only overdue (no answer in 48 hours)' }).uncheck();
    // New filters start every column again at its first ten cards ("Show more" above had shown twenty).
    if (before > 10) await expect(coordinator.getByRole('region', { name: /^Sent \(\d+\)$/ }).getByTestId('board-card')).toHaveCount(10);

    await choose(coordinator, 'Service', 'Housing');
    await expect(coordinator.getByRole('region', { name: /^Sent \(\d+\)$/ }).getByTestId('board-card').first()).toContainText('Housing');

    await coordinator.getByRole('switch', { name: 'Show declined, completed and cancelled' }).check();
    await expect(coordinator.getByRole('heading', { level: 2 })).toHaveText([
      /^Draft \(\d+\)$/,
      /^Sent \(\d+\)$/,
      /^Accepted \(\d+\)$/,
      /^In progress \(\d+\)$/,
      /^Declined \(\d+\)$/,
      /^Completed \(\d+\)$/,
      /^Cancelled \(\d+\)$/,
    ]);
    await expectNoAxeViolations(coordinator, 'referral board, filtered, with finished columns');
  });

  await test.step('at 390 px the columns stack: nothing scrolls sideways, Quick Exit in view, axe clean', async () => {
    // A phone of its own: signed in at that size, as a coordinator on the move would be.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })).newPage();
    await signIn(phone, 'coordinator@harbor.demo');
    await phone.getByRole('button', { name: 'Open menu' }).click();
    await phone.getByRole('menuitem', { name: 'Referrals' }).click();
    await phone.getByRole('switch', { name: 'Show declined, completed and cancelled' }).check();
    await expect(phone.getByRole('heading', { level: 2, name: /^Cancelled \(\d+\)$/ })).toBeVisible();
    const layout = await phone.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    const draft = await phone.getByRole('region', { name: /^Draft/ }).boundingBox();
    const sent = await phone.getByRole('region', { name: /^Sent/ }).boundingBox();
    expect(sent!.y).toBeGreaterThan(draft!.y + draft!.height - 1);
    const quickExit = await phone.getByTestId('quick-exit').boundingBox();
    expect(quickExit!.x + quickExit!.width).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(phone, 'referral board at 390 px');
    await saveScreen(phone, 'referral-board-phone');
  });
});

import { expect, test, type Page } from '@playwright/test';
import { askForPasswordOnce, DEMO_PASSWORD, expectNoAxeViolations, signIn } from './support';

/**
 * Issue 14, durable jobs: an admin on a phone opens "Background jobs", sees each job's last and next
 * run, runs the overdue-referrals check now after confirming the password, and sees it done. Other
 * roles have no such menu entry (the API refuses them too: access-matrix.int-spec.ts).
 */
const PHONE = { width: 390, height: 844 };

async function expectPhoneReady(page: Page, label: string): Promise<void> {
  await expect(page.getByTestId('quick-exit')).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page, `${label} at 390 px`);
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test('an admin runs a job now, after confirming the password, and sees it done', async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page, 'admin@harbor.demo');
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('menuitem', { name: 'Background jobs' }).click();
    await expect(page.getByRole('heading', { name: 'Background jobs', level: 1 })).toBeVisible();
    const overdue = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Overdue referrals check' }) });
    await expect(overdue.getByText('Schedule (UTC): */10 * * * *')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Audit trail verification' })).toBeVisible();
    await expectPhoneReady(page, 'jobs');

    const askedForPassword = await askForPasswordOnce(page, '**/api/v1/jobs/*/run', 'POST');
    await overdue.getByRole('button', { name: 'Run Overdue referrals check now' }).click();
    const prompt = page.getByRole('dialog', { name: 'Confirm it is you' });
    await expect(prompt).toBeVisible();
    await prompt.getByLabel('Your password').fill(DEMO_PASSWORD);
    await prompt.getByRole('button', { name: 'Confirm' }).click();
    await expect(prompt).toBeHidden();
    await expect(page.getByText('Overdue referrals check will run in a moment')).toBeVisible();
    expect(askedForPassword()).toBe(true);

    // The worker picks the run up at once; the page refreshes its list every 15 s, and shows this run done.
    const clicked = Date.now() - 5_000;
    await page.waitForResponse(
      async (res) => {
        if (!res.url().endsWith('/api/v1/jobs') || res.request().method() !== 'GET') return false;
        const jobs = (await res.json()) as { name: string; lastRunAt: string | null; lastState: string | null }[];
        const job = jobs.find((j) => j.name === 'referrals.overdue');
        return !!job?.lastRunAt && Date.parse(job.lastRunAt) >= clicked && job.lastState === 'completed';
      },
      { timeout: 45_000 },
    );
    await expect(overdue.getByText('Done', { exact: true })).toBeVisible();
    await expectPhoneReady(page, 'jobs after a run');
  });
});

test('a coordinator has no "Background jobs" in the menu', async ({ page }) => {
  await signIn(page, 'coordinator@harbor.demo');
  await expect(page.getByRole('menuitem', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Background jobs' })).toHaveCount(0);
});

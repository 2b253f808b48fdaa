import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

/**
 * The audit anchor (issue 11): the daily verification of the audit chain is a job an admin can also run
 * now (issue 14), and its result is on the audit log page: intact, when, how many rows, the chain head.
 */
test('an admin runs the audit verification and reads its result on the audit log', async ({ page }) => {
  await signIn(page, 'admin@harbor.demo');
  await page.getByRole('menuitem', { name: 'Background jobs' }).click();
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Run Audit trail verification now' }).click();
  await expect(page.getByText('Audit trail verification will run in a moment')).toBeVisible();

  // The job runs in the background: wait for its run to be recorded as done.
  await expect(async () => {
    const res = await page.request.get('/api/v1/jobs', { headers: { 'X-Lantern-Client': 'web' } });
    const jobs = (await res.json()) as { name: string; lastRunAt: string | null; lastState: string | null }[];
    const verify = jobs.find((job) => job.name === 'audit.verify');
    expect(verify?.lastState).toBe('completed');
    expect(Date.parse(verify?.lastRunAt ?? '')).toBeGreaterThanOrEqual(clicked - 1_000);
  }).toPass({ timeout: 60_000 });

  await page.getByRole('menuitem', { name: 'Audit log' }).click();
  const panel = page.getByRole('region', { name: 'Audit chain' });
  await expect(panel.getByText('Intact')).toBeVisible();
  await expect(panel.getByText(/^Last verified .* \d+ rows checked/)).toBeVisible();
  await expect(panel.getByText(/^Last row: seq \d+/)).toBeVisible();
  await expectNoAxeViolations(page, 'the audit log with the chain panel');
});

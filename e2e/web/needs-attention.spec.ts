import { expect, test } from '@playwright/test';
import { signIn } from './support';

/** The coordinator's home lists the ten cases with most to see to first, and the rest on demand (issue 13). */
test('needs attention shows ten cases first and all of them on demand', async ({ page }) => {
  const attention = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases/attention') && r.ok());
  await signIn(page, 'coordinator@harbor.demo');
  const { cases } = (await (await attention).json()) as { cases: unknown[] };
  expect(cases.length).toBeGreaterThan(10); // the demo program has more than ten; the check below needs them
  const table = page.getByRole('table', { name: 'Cases needing attention' });
  await expect(table.getByRole('row')).toHaveCount(1 + 10);
  await page.getByRole('button', { name: `See all ${cases.length} cases` }).click();
  await expect(table.getByRole('row')).toHaveCount(1 + cases.length);
  await page.getByRole('button', { name: 'Show the first 10 only' }).click();
  await expect(table.getByRole('row')).toHaveCount(1 + 10);
});

import { expect, test } from '@playwright/test';
import { signIn } from './support';

test('saving over a change someone else made in the meantime is refused with the API message', async ({ page }) => {
  await signIn(page, 'admin@harbor.demo');
  await page.getByRole('menuitem', { name: 'Partner organizations' }).click();
  await page.getByRole('row').filter({ hasText: 'Riverside Health' }).click();
  await page.getByRole('link', { name: 'Edit' }).click();
  const serviceArea = page.getByRole('textbox', { name: 'Service area' });
  await expect(serviceArea).toHaveValue('Riverside district');

  // Someone else saves first (same API, another request).
  const list = await page.request.get('/api/v1/partner-orgs?filter={"q":"Riverside Health"}');
  const [org] = (await list.json()) as { id: string; version: number; capacity: number }[];
  const other = await page.request.put(`/api/v1/partner-orgs/${org!.id}`, {
    data: { capacity: org!.capacity + 1, version: org!.version },
    headers: { 'X-Lantern-Client': 'web' },
  });
  expect(other.status()).toBe(200);

  await serviceArea.fill('Riverside and east bank');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('This record was changed by someone else since you opened it.', { exact: false })).toBeVisible();
});

import { expect, test } from '@playwright/test';
import { askForPasswordOnce, DEMO_PASSWORD, expectNoAxeViolations, signIn } from './support';

test('an admin creates a user, changes their role after confirming the password, and cannot demote the last admin', async ({ page }) => {
  const stamp = Date.now();
  const displayName = `Morgan Tester ${stamp}`;
  await signIn(page, 'admin@harbor.demo');

  await page.getByRole('menuitem', { name: 'Users' }).click();
  await expect(page.getByRole('link', { name: 'Create' })).toBeVisible();
  await expectNoAxeViolations(page, 'admin: users');
  await page.getByRole('link', { name: 'Create' }).click();
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(displayName);
  await page.getByRole('textbox', { name: 'E-mail', exact: true }).fill(`morgan.${stamp}@harbor.demo`);
  await page.getByLabel('Initial password').fill('quiet river lantern morning');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: displayName, level: 1 })).toBeVisible();
  await expect(page.getByText('Caseworker', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'admin: user');

  // The API is made to ask for the password once, to walk through the prompt and the retried change.
  const askedForPassword = await askForPasswordOnce(page, '**/api/v1/users/*', 'PUT');

  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Coordinator' }).click();
  await page.getByRole('button', { name: 'Save' }).click();

  const prompt = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(prompt).toBeVisible();
  await expectNoAxeViolations(page, 'admin: password prompt');
  await prompt.getByLabel('Your password').fill(DEMO_PASSWORD);
  await prompt.getByRole('button', { name: 'Confirm' }).click();
  await expect(prompt).toBeHidden();
  await expect(page.getByRole('heading', { name: displayName, level: 1 })).toBeVisible();
  await expect(page.getByText('Coordinator', { exact: true })).toBeVisible();
  expect(askedForPassword()).toBe(true);

  // The last administrator cannot demote themselves: the API's sentence is shown as it is.
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('row').filter({ hasText: 'admin@harbor.demo' }).click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Caseworker' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('This is the last active administrator; add another one first').first()).toBeVisible();
});

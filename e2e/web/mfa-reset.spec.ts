import { expect, request, test } from '@playwright/test';
import { generate } from 'otplib';
import { askForPasswordOnce, DEMO_PASSWORD, signedInApi, signIn } from './support';

test("an admin resets a user's two-step verification after confirming the password", async ({ page, baseURL }) => {
  const stamp = Date.now();
  const email = `sam.reset.${stamp}@harbor.demo`;
  const displayName = `Sam Reset ${stamp}`;
  const password = 'amber owls count the harbour lights';

  // A user of its own with a second factor, made through the API.
  const admin = await signedInApi(baseURL, 'admin@harbor.demo');
  const created = await admin.post('/api/v1/users', { data: { email, displayName, role: 'caseworker', password } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const user = await request.newContext({ baseURL, extraHTTPHeaders: { 'X-Lantern-Client': 'web' } });
  expect((await user.post('/api/v1/auth/login', { data: { email, password } })).status()).toBe(200);
  const { secret } = (await (await user.post('/api/v1/auth/mfa/setup')).json()) as { secret: string };
  expect((await user.post('/api/v1/auth/mfa/enable', { data: { code: await generate({ secret }) } })).status()).toBe(200);
  await user.dispose();

  await signIn(page, 'admin@harbor.demo');
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('row').filter({ hasText: email }).click();
  await expect(page.getByRole('heading', { name: displayName, level: 1 })).toBeVisible();

  // The API is made to ask for the password once, to walk through the prompt and the retried reset.
  const askedForPassword = await askForPasswordOnce(page, '**/api/v1/users/*/mfa/reset', 'POST');
  await page.getByRole('button', { name: 'Reset two-step verification' }).click();
  const confirm = page.getByRole('dialog', { name: /Reset two-step verification of/ });
  await confirm.getByRole('button', { name: 'Reset two-step verification' }).click();

  const prompt = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(prompt).toBeVisible();
  await prompt.getByLabel('Your password').fill(DEMO_PASSWORD);
  await prompt.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText(`Two-step verification of ${displayName} was reset.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reset two-step verification' })).toBeHidden();
  expect(askedForPassword()).toBe(true);

  const after = (await (await admin.get(`/api/v1/users/${id}`)).json()) as { mfaEnabled: boolean };
  expect(after.mfaEnabled).toBe(false);
  await admin.dispose();
});


import { expect, request, test } from '@playwright/test';
import { generate } from 'otplib';
import { DEMO_PASSWORD } from './support';

test('a user turns on two-step verification, then signs in with a recovery code', async ({ page, baseURL }) => {
  const stamp = Date.now();
  const email = `robin.mfa.${stamp}@harbor.demo`;
  const password = 'seven orange kites over the bay';

  // A user of its own, made through the API, so no other journey depends on its second factor.
  const admin = await request.newContext({ baseURL, extraHTTPHeaders: { 'X-Lantern-Client': 'web' } });
  expect((await admin.post('/api/v1/auth/login', { data: { email: 'admin@harbor.demo', password: DEMO_PASSWORD } })).status()).toBe(200);
  const created = await admin.post('/api/v1/users', { data: { email, displayName: `Robin Second ${stamp}`, role: 'caseworker', password } });
  expect(created.status()).toBe(201);
  await admin.dispose();

  await page.goto('/');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('menuitem', { name: 'My account' }).click();
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  const secret = (await page.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
  await page.getByLabel('Six-digit code').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();

  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCode = await codes.first().innerText();
  await page.getByRole('button', { name: 'I have stored the codes' }).click();
  await expect(page.getByRole('button', { name: 'Turn off' })).toBeVisible();

  await page.getByRole('button', { name: 'Profile' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();

  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Two-step verification' })).toBeVisible();
  await page.getByLabel('Six-digit code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toBeVisible();

  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByLabel('Recovery code').fill(recoveryCode);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: /^Welcome, Robin Second/ })).toBeVisible();
});

test('an admin who must enrol a second factor sees only the enrolment page', async ({ page }) => {
  // Demo mode lets admins in without a second factor; the API's flag is set here as it is outside demo mode.
  const flagEnrolment = async (route: import('@playwright/test').Route): Promise<void> => {
    const response = await route.fetch();
    if (!response.ok()) return route.fulfill({ response });
    const me = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...me, mfaEnabled: false, mfaEnrolmentRequired: true } });
  };
  await page.route('**/api/v1/auth/login', flagEnrolment);
  await page.route('**/api/v1/auth/me', flagEnrolment);

  await page.goto('/');
  await page.getByLabel('E-mail address').fill('admin@lightway.demo');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { name: 'Set up two-step verification', level: 1 })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Partner organizations' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: 'Users' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  await expect(page.getByTestId('mfa-secret')).toBeVisible();
});

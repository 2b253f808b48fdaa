import { expect, test, type Browser, type Page } from '@playwright/test';
import { generate } from 'otplib';
// The API's own test catcher (a real SMTP server in-process), shared rather than copied.
import { SmtpCatcher, type CaughtMail } from '../../apps/api/src/testing/smtp-catcher';
import { apiStatusFromPage, expectNoAxeViolations, signIn } from './support';

/**
 * Issue 14: an admin invites a caseworker; the invitation and a password reset arrive at an SMTP server
 * this journey runs (the API sends to it: e2e/playwright.config.ts), and are followed from the mail.
 */
const PHONE = { width: 390, height: 844 };

let smtp: SmtpCatcher;
test.beforeAll(async () => {
  smtp = new SmtpCatcher();
  await smtp.start(Number(process.env.LANTERN_E2E_SMTP_PORT));
});
test.afterAll(async () => smtp.close());

async function mailTo(address: string, subject: string): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect(async () => {
    found = smtp.mails.find((m) => m.to.includes(address) && m.subject === subject);
    expect(found, `a mail "${subject}" to ${address}`).toBeDefined();
  }).toPass({ timeout: 20_000 });
  return found!;
}

const linkIn = (mail: CaughtMail, kind: 'invitation' | 'reset'): string => {
  const link = new RegExp(`https?://[^\\s]+/#${kind}=[A-Za-z0-9_-]{43}`).exec(mail.text)?.[0];
  expect(link, `a ${kind} link in the mail`).toBeDefined();
  return link!;
};

/** At phone width: nothing wider than the screen, Quick Exit in view, axe clean; then back to the desktop size. */
async function expectFitsPhone(page: Page, label: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  // The layout follows the new width a moment after the resize (responsive components re-render): poll it.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), { message: `${label} fits 390 px` }).toBe(true);
  await expect(page.getByTestId('quick-exit')).toBeInViewport();
  await expectNoAxeViolations(page, `${label} at 390 px`);
  if (size) await page.setViewportSize(size);
}

/** A phone-sized page of its own, no session. */
async function phonePage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true })).newPage();
}

/**
 * The token is read from the fragment and wiped at once (history.replaceState replaces the entry that
 * carried it): not in the address bar or browser storage.
 */
async function expectLinkGone(page: Page): Promise<void> {
  expect(new URL(page.url()).hash).toBe('');
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toMatch(/[A-Za-z0-9_-]{43}/);
}

test('an invited caseworker joins from the mail, enrols a second factor, and resets a forgotten password', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const email = `invited.${stamp}@harbor.demo`;
  const firstPassword = 'copper lanterns sway above the pier';
  const secondPassword = 'seven quiet herons wade at dawn';

  // The admin invites, in the UI.
  await signIn(page, 'admin@harbor.demo');
  await page.getByRole('menuitem', { name: 'Invitations' }).click();
  await page.getByRole('button', { name: 'Invite someone' }).click();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Name shown in Lantern').fill(`Indigo Invited ${stamp}`);
  await page.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Pending');
  await expectFitsPhone(page, 'invitations page');

  const invitation = await mailTo(email, 'Lantern: your invitation');
  expect(invitation.text).not.toContain('Indigo');
  // Demo mode also keeps what it sent, for admins to read.
  await page.getByRole('menuitem', { name: 'Sent mail (demo)' }).click();
  await expect(page.getByRole('article').filter({ hasText: email }).first()).toContainText('Lantern: your invitation');
  await expectFitsPhone(page, 'e-mail page');

  // The invitee opens the link on a phone.
  const invitee = await phonePage(browser);
  await invitee.goto(linkIn(invitation, 'invitation'));
  await expect(invitee.getByRole('heading', { name: 'Join Lantern' })).toBeVisible();
  await expectLinkGone(invitee);
  await expect(invitee.getByTestId('quick-exit')).toBeInViewport();
  await expectNoAxeViolations(invitee, 'invitation page at 390 px');
  await invitee.getByLabel('New password').fill(firstPassword);
  await invitee.getByLabel('Repeat the password').fill(firstPassword);
  await invitee.getByRole('button', { name: 'Create my account' }).click();

  await invitee.getByRole('button', { name: 'Set up two-step verification' }).click();
  const secret = (await invitee.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
  await invitee.getByLabel('Six-digit code').fill(await generate({ secret }));
  await invitee.getByRole('button', { name: 'Turn on two-step verification' }).click();
  const codes = invitee.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recoveryCode = await codes.first().innerText();
  await invitee.getByRole('button', { name: 'I have stored the codes' }).click();
  await expect(invitee.getByRole('heading', { name: /^Welcome, Indigo Invited/ })).toBeVisible();

  // The link worked once.
  const again = await phonePage(browser);
  await again.goto(linkIn(invitation, 'invitation'));
  await expect(again.getByText('This link no longer works.')).toBeVisible();
  await expectNoAxeViolations(again, 'dead link page at 390 px');

  // Later: "Forgot password?" on the sign-in page, then the link from the mail.
  const forgetful = await phonePage(browser);
  await forgetful.goto('/');
  await forgetful.getByRole('button', { name: 'Forgot password?' }).click();
  await forgetful.getByLabel('E-mail address').fill(email);
  await forgetful.getByRole('button', { name: 'Send the link' }).click();
  await expect(forgetful.getByRole('status')).toContainText('If this address has a Lantern account');
  await expectNoAxeViolations(forgetful, 'forgot password at 390 px');

  const reset = await mailTo(email, 'Lantern: reset your password');
  await forgetful.goto(linkIn(reset, 'reset'));
  await expect(forgetful.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expectLinkGone(forgetful);
  await expectNoAxeViolations(forgetful, 'reset page at 390 px');
  await forgetful.getByLabel('New password').fill(secondPassword);
  await forgetful.getByLabel('Repeat the password').fill(secondPassword);
  await forgetful.getByRole('button', { name: 'Set the new password' }).click();
  await expect(forgetful.getByRole('status')).toContainText('Your password was changed');
  await forgetful.getByRole('button', { name: 'Go to sign-in' }).click();

  // The new password, then the second factor (a recovery code: the TOTP step of the enrolment is spent).
  await forgetful.getByLabel('E-mail address').fill(email);
  await forgetful.getByLabel('Password').fill(secondPassword);
  await forgetful.getByRole('button', { name: 'Sign in' }).click();
  await forgetful.getByRole('button', { name: 'Use a recovery code' }).click();
  await forgetful.getByLabel('Recovery code').fill(recoveryCode);
  await forgetful.getByRole('button', { name: 'Verify' }).click();
  await expect(forgetful.getByRole('heading', { name: /^Welcome, Indigo Invited/ })).toBeVisible();

  // The session opened at the invitation ended with the reset; the person was told by mail.
  expect(await apiStatusFromPage(invitee, '/auth/me')).toBe(401);
  await mailTo(email, 'Lantern: your password was changed');
});

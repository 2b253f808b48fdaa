import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './support';

test('an analyst sees no partner organizations and finds outcome metrics in the menu and on the home page', async ({ page }) => {
  await signIn(page, 'analyst@harbor.demo');

  await expect(page.getByRole('menuitem', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'My account' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Outcome metrics' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Partner organizations' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: 'Audit log' })).toHaveCount(0);
  // Search finds people and cases: not an analyst's (the API refuses it too).
  await expect(page.getByRole('button', { name: 'Open search' })).toHaveCount(0);

  await expectNoAxeViolations(page, 'analyst home');

  // The home page sums up the latest release (or that there is none yet) and leads to the metrics.
  const card = page.getByRole('region', { name: 'Outcome metrics' });
  await expect(card.getByText(/^(No release yet|Latest release)/)).toBeVisible();
  await expect(page.getByText('Outcome metrics arrive in a later release')).toHaveCount(0);
  await card.getByRole('button', { name: 'Open outcome metrics' }).click();
  await expect(page.getByRole('heading', { name: 'Outcome metrics', level: 1 })).toBeVisible();
  // "New release" waits for the catalogue; axe reads it once its colour has settled (not mid-fade).
  await expect(page.getByRole('button', { name: 'New release' })).toBeEnabled();
  await expectNoAxeViolations(page, 'outcome metrics');
});

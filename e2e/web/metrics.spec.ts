import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { apiStatusFromPage, askForPasswordOnce, DEMO_PASSWORD, expectNoAxeViolations, letterStamp, saveScreen, signedInApi, signIn } from './support';

test('an analyst releases a frozen quarter after confirming the password, reads the protected tables and downloads the zip', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  // Issue 18: the admin's own yes/no question, marked to feed the metrics, becomes a table of its own.
  const customLabel = `Has a safe phone ${letterStamp()}`;
  const admin = await signedInApi(baseURL, 'admin@harbor.demo');
  const field = await admin.post('/api/v1/custom-fields', {
    data: { entity: 'case', key: `safePhone${letterStamp()}`, type: 'yesNo', label: { en: customLabel, es: `${customLabel} (es)` }, readRoles: ['caseworker'], writeRoles: ['caseworker'], metrics: true },
  });
  expect(field.status()).toBe(201);
  await admin.dispose();
  await signIn(page, 'analyst@harbor.demo');

  await page.getByRole('menuitem', { name: 'Outcome metrics' }).click();
  await expect(page.getByRole('heading', { name: 'Outcome metrics', level: 1 })).toBeVisible();
  // The catalogue says what each table counts and from which vocabulary.
  await page.getByRole('button', { name: /^Cases opened, by age/ }).click();
  await expect(page.getByRole('region', { name: /^Cases opened, by age/ }).getByText('Vocabulary: CTDC ageBroad (coarsened)')).toBeVisible();
  // The custom field's table is in the catalogue under the admin's label, its values in words.
  await page.getByRole('button', { name: new RegExp(`^${customLabel}`) }).click();
  await expect(page.getByRole('region', { name: new RegExp(`^${customLabel}`) }).getByText('Not answered')).toBeVisible();
  await expectNoAxeViolations(page, 'analyst: outcome metrics');

  // The API is made to ask for the password once, to walk through the prompt and the retried request.
  const askedForPassword = await askForPasswordOnce(page, '**/api/v1/metrics/releases', 'POST');

  await page.getByRole('button', { name: 'New release' }).click();
  const form = page.getByRole('dialog', { name: 'New release' });
  await form.getByRole('combobox', { name: 'Period' }).click();
  // Only frozen periods are offered; the newest whole quarter is taken.
  const quarter = page.getByRole('option', { name: /^\d{4} Q[1-4] · / }).first();
  const quarterLabel = (await quarter.textContent())!;
  const [year, q] = /^(\d{4}) Q([1-4])/.exec(quarterLabel)!.slice(1);
  await quarter.click();
  await form.getByRole('radio', { name: 'Threshold and rounding' }).check();
  await expect(form.getByText(/shown as "<11"/)).toBeVisible();
  await expectNoAxeViolations(page, 'analyst: new release');
  await form.getByRole('button', { name: 'Start release' }).click();

  const prompt = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(prompt).toBeVisible();
  await prompt.getByLabel('Your password').fill(DEMO_PASSWORD);
  await prompt.getByRole('button', { name: 'Confirm' }).click();
  await expect(prompt).toBeHidden();
  expect(askedForPassword()).toBe(true);

  // The release page follows the build to the end, polling its progress.
  await expect(page.getByRole('heading', { name: `Release ${year} Q${q} · threshold and rounding`, level: 1 })).toBeVisible();
  await expect(page.getByText('Done', { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expectNoAxeViolations(page, 'analyst: release');

  // Every table as a chart and a table; a small count reads "<11", never 0.
  await expect(page.getByRole('img', { name: /^Bar chart of cases opened, by age/ })).toBeVisible();
  const ageTable = page.getByRole('table', { name: 'Cases opened, by age: published values' });
  await expect(ageTable).toBeVisible();
  await expect(page.getByRole('cell', { name: '<11' }).first()).toBeVisible();
  // A cross-table draws its published cells (issue 13: not only the hidden totals), the hidden ones as hidden.
  const referralsChart = page.getByRole('img', { name: /^Bar chart of referrals, by service category and outcome/ });
  await expect(referralsChart).toBeVisible();
  expect(await referralsChart.locator('[data-bar]').count()).toBeGreaterThan(5);
  await expect(referralsChart.locator('[data-hidden="false"]').first()).toBeAttached();
  await expect(ageTable.getByRole('cell', { name: '0', exact: true })).toHaveCount(0);
  // The custom table is released under the same protection, titled with the admin's label.
  await expect(page.getByRole('table', { name: `${customLabel}: published values` })).toBeVisible();
  await saveScreen(page, 'metrics-release');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download zip' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`lantern-metrics-${year}-Q${q}-k.zip`);
  const bytes = await readFile((await download.path())!);
  expect(bytes.length).toBeGreaterThan(0);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // Back on the list, the release is there and done.
  await page.getByRole('button', { name: 'All releases' }).click();
  const row = page.getByRole('row').filter({ hasText: `${year} Q${q}` }).filter({ hasText: 'Threshold and rounding' });
  await expect(row.getByText('Done', { exact: true })).toBeVisible();
});

test('an analyst who cancels the password prompt or asks for too much is told why nothing was started', async ({ page }) => {
  await signIn(page, 'analyst@harbor.demo');
  await page.getByRole('menuitem', { name: 'Outcome metrics' }).click();

  // The API's answers are staged: first it wants the password, then the yearly budget is spent.
  const answers = [
    { status: 403, body: { status: 403, code: 'AUTH_STEP_UP_REQUIRED', message: 'Confirm your password to continue' } },
    {
      status: 422,
      body: {
        status: 422,
        code: 'METRICS_BUDGET_EXCEEDED',
        message: 'A noisy release of 2 tables needs ε 1; the year has ε 0.5 left of 4',
        errors: { tables: ['choose at most 1 tables for the year'] },
      },
    },
  ];
  await page.route('**/api/v1/metrics/releases', async (route) => {
    const answer = route.request().method() === 'POST' ? answers.shift() : undefined;
    if (!answer) return route.continue();
    await route.fulfill({ status: answer.status, contentType: 'application/problem+json', body: JSON.stringify(answer.body) });
  });

  await page.getByRole('button', { name: 'New release' }).click();
  const form = page.getByRole('dialog', { name: 'New release' });
  await form.getByRole('combobox', { name: 'Period' }).click();
  const yearOption = page.getByRole('option', { name: /^Year \d{4} · / }).first();
  const year = /^Year (\d{4})/.exec((await yearOption.textContent())!)![1];
  await yearOption.click();
  await form.getByRole('radio', { name: 'Random noise' }).check();
  // Every table at ε 0.5 is more than a year's ε 4: the form says so before asking the API.
  await expect(form.getByText(new RegExp(`^That is more than the ${year} budget allows: choose at most \\d+ tables\\.$`))).toBeVisible();
  await expect(form.getByRole('button', { name: 'Start release' })).toBeDisabled();
  await form.getByRole('button', { name: 'Select none' }).click();
  await form.getByRole('checkbox', { name: 'Cases opened, by age' }).check();
  await form.getByRole('checkbox', { name: 'Cases opened, by gender' }).check();
  await expect(form.getByText(/^Cost: ε 1 /)).toBeVisible();

  await form.getByRole('button', { name: 'Start release' }).click();
  const prompt = page.getByRole('dialog', { name: 'Confirm it is you' });
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  await expect(form.getByRole('alert')).toContainText('it needs your password confirmed first');

  await form.getByRole('button', { name: 'Start release' }).click();
  await expect(form.getByRole('alert')).toContainText('the year has ε 0.5 left of 4');
  await expect(form.getByText('The API says: choose at most 1 tables for the year.')).toBeVisible();
  expect(answers).toHaveLength(0);
});

test('a caseworker has no outcome metrics: no menu entry, no card, and the page and the API refuse', async ({ page }) => {
  await signIn(page, 'caseworker@harbor.demo');

  await expect(page.getByRole('menuitem', { name: 'My account' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Outcome metrics' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Outcome metrics' })).toHaveCount(0);

  // The page's address opens it, and it refuses her (a path of the server's is only ever the home page).
  await page.goto('/#/metrics');
  await expect(page.getByRole('alert')).toContainText('Your role cannot open them.');
  await expect(page.getByRole('heading', { name: 'Outcome metrics' })).toHaveCount(0);
  await page.goto('/metrics');
  await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');

  // Hiding the entry is only courtesy: the API itself says no to the same session.
  expect(await apiStatusFromPage(page, '/metrics/tables')).toBe(403);
  expect(await apiStatusFromPage(page, '/metrics/releases')).toBe(403);
  expect(await apiStatusFromPage(page, '/metrics/releases', { method: 'POST', body: { period: '2025', mode: 'k' } })).toBe(403);
});

import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { choose, expectNoAxeViolations, letterStamp, signedInApi, signIn } from './support';

/**
 * Issue 17, part 4, on a phone: an admin imports a 200-row spreadsheet of an earlier caseload. The
 * columns are recognized, one vocabulary value is mapped by hand, one column is mapped onto a custom
 * field of the case (issue 18), the dry run reports the 4 bad rows (one an option the field lacks, named
 * by the field's label), the import brings the other 196 in, and the 4 come back as a file with their
 * reasons. docs/imports.md. Every row goes to a caseworker made for this journey, so no other journey's
 * lists change; the custom field is retired at the end.
 */
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

async function expectPhoneReady(page: Page, label: string): Promise<void> {
  await expect(page.getByTestId('quick-exit')).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page, `${label} at 390 px`);
}

/** 200 rows: 196 good, then a bad date (row 51), no alias (row 101), an unknown referral source (row 151) and an industry the field lacks (row 181). */
function sheet(stamp: string, caseworkerEmail: string): string {
  const lines = ['Record no,Nickname,Full name,DOB,Worker,How referred,Exploitation,Industry'];
  for (let i = 1; i <= 200; i++) {
    const row = i + 1;
    const day = String((i % 28) + 1).padStart(2, '0');
    const dob = row === 51 ? `31/02/1990` : `${day}/0${(i % 9) + 1}/19${70 + (i % 30)}`;
    const alias = row === 101 ? '' : `Imported ${stamp} ${i}`;
    const source = row === 151 ? 'Carrier pigeon' : i % 2 ? 'Hotline' : 'Outreach';
    const exploitation = i % 3 === 0 ? 'sex trafficking' : 'Forced labour';
    const industry = row === 181 ? 'Mining' : i % 2 ? 'Farm' : 'factory';
    lines.push(`${stamp}-${i},${alias},Person ${stamp} Number${i},${dob},${caseworkerEmail},${source},${exploitation},${industry}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

test('an admin imports a 200-row spreadsheet, and the 4 bad rows are reported', async ({ page, baseURL }) => {
  test.setTimeout(150_000);
  const stamp = letterStamp();
  const caseworkerEmail = `imported-caseload-${stamp}@harbor.demo`;
  let caseworkerId = '';
  const industryLabel = `Industry ${stamp}`;
  let industry = { id: '', version: 0 };

  await test.step('setup: a caseworker for the imported caseload, and a case field caseworkers fill in', async () => {
    const admin = await signedInApi(baseURL, 'admin@harbor.demo');
    const created = await admin.post('/api/v1/users', { data: { email: caseworkerEmail, displayName: `Imported Caseload ${stamp}`, role: 'caseworker', password: 'harbor lantern import caseload 2026' } });
    expect(created.status()).toBe(201);
    caseworkerId = ((await created.json()) as { id: string }).id;
    const field = await admin.post('/api/v1/custom-fields', {
      data: { entity: 'case', key: `industry${stamp}`, type: 'singleChoice', label: { en: industryLabel, es: `Industria ${stamp}` }, options: [{ label: { en: 'Farm' } }, { label: { en: 'Factory' } }], readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'] },
    });
    expect(field.status()).toBe(201);
    industry = (await field.json()) as { id: string; version: number };
    await admin.dispose();
  });

  await test.step('the admin uploads the sheet, and its columns are recognized', async () => {
    await signIn(page, 'admin@harbor.demo');
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('menuitem', { name: 'Import' }).click();
    await expect(page.getByRole('heading', { name: 'Import a spreadsheet', level: 1 })).toBeVisible();
    await expectPhoneReady(page, 'the import page');
    await page.getByTestId('import-file').setInputFiles({ name: 'caseload.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet(stamp, caseworkerEmail), 'utf8') });
    await expect(page.getByRole('heading', { name: /Import of .* \(200 rows\)/ })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Column "Nickname"' })).toHaveText('Alias');
    await expect(page.getByRole('combobox', { name: 'Column "DOB"' })).toHaveText('Date of birth');
    await expect(page.getByRole('combobox', { name: 'Column "Worker"' })).toHaveText("Caseworker's e-mail");
    await choose(page, 'Dates are written as', '31/12/2026 (day/month/year)');
    // A column no Lantern field names: mapped onto the case's own field.
    await choose(page, 'Column "Industry"', `${industryLabel} (case)`);
    await expect(page.locator('.MuiPopover-root')).toHaveCount(0);
    await expectPhoneReady(page, 'the column mapping');
    await page.getByRole('button', { name: 'Check the rows' }).click();
  });

  await test.step('the dry run asks what "sex trafficking" means, then reports the 4 bad rows', async () => {
    const value = page.getByRole('combobox', { name: '"sex trafficking" (Types of exploitation, 66 rows)' });
    await expect(value).toBeVisible({ timeout: 30_000 });
    await value.click();
    await page.getByRole('option', { name: 'Sexual exploitation', exact: true }).click();
    await expect(page.locator('.MuiPopover-root')).toHaveCount(0);
    await page.getByRole('button', { name: 'Apply and check again' }).click();
    await expect(page.getByTestId('dry-run-summary')).toHaveText('196 rows ready to import, 4 rows with problems, 0 already imported, 0 likely duplicates.', { timeout: 30_000 });
    const problems = page.getByRole('region', { name: '4 rows cannot be imported:' });
    await expect(problems.getByRole('row')).toHaveCount(5);
    await expect(problems.getByRole('row').nth(1)).toContainText('51Date of birthis not a date written as DD/MM/YYYY');
    await expect(problems.getByRole('row').nth(2)).toContainText('101Aliasis required');
    await expect(problems.getByRole('row').nth(3)).toContainText("151Referral sourcehas a value outside Lantern's list");
    await expect(problems.getByRole('row').nth(4)).toContainText(`181${industryLabel}is not a valid value`);
    await expectPhoneReady(page, 'the dry run');
  });

  await test.step('the import brings 196 rows in, and the 4 others download with their reasons', async () => {
    await page.getByRole('button', { name: 'Import 196 rows' }).click();
    await expect(page.getByTestId('import-result')).toHaveText('196 imported, 0 already imported before, 4 failed.', { timeout: 90_000 });
    await expectPhoneReady(page, 'the finished import');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the 4 rows that failed' }).click()]);
    expect(download.suggestedFilename()).toBe('lantern-import-failed-rows.csv');
    const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('row,Record no,Nickname,Full name,DOB,Worker,How referred,Exploitation,Industry,reason');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['51', '101', '151', '181']);
    expect(lines[3]).toContain('referralSource: has a value outside the vocabulary');
    expect(lines[4]).toContain(`${industryLabel}: is not one of the field's options`);
  });

  await test.step("the imported cases are on the new caseworker's caseload", async () => {
    const coordinator = await signedInApi(baseURL, 'coordinator@harbor.demo');
    const listed = await coordinator.get(`/api/v1/cases?filter=${encodeURIComponent(JSON.stringify({ assignedCaseworkerId: caseworkerId }))}&range=${encodeURIComponent('[0,0]')}`);
    expect(listed.status()).toBe(200);
    expect(listed.headers()['content-range']).toMatch(/\/196$/);
    // Each case holds the industry its row named, which the coordinator may read.
    const [first] = (await listed.json()) as { id: string }[];
    const values = (await (await coordinator.get(`/api/v1/custom-values/case/${first!.id}`)).json()) as { values: Record<string, string>; fields: { key: string; options: { id: string; label: { en: string } }[] }[] };
    const options = values.fields.find((f) => f.key === `industry${stamp}`)!.options;
    expect(['Farm', 'Factory']).toContain(options.find((o) => o.id === values.values[`industry${stamp}`])?.label.en);
    await coordinator.dispose();
    const admin = await signedInApi(baseURL, 'admin@harbor.demo');
    expect((await admin.post(`/api/v1/custom-fields/${industry.id}/retire`, { data: { version: industry.version } })).status()).toBe(200);
    await admin.dispose();
  });
});

import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { askForPasswordOnce, DEMO_PASSWORD, expectNoAxeViolations, letterStamp, saveScreen, signedInApi, signIn } from './support';

/**
 * Issue 16, part 2, on a phone: a coordinator produces the trafficking-grant quarterly report on screen
 * (a chart and a table per section) and downloads it as XLSX after confirming her password; the file's
 * clients-served total is the screen's, with a custom section counting the admin's own question (issue 18).
 * Caseworkers have no Reports entry, and the API refuses them.
 */
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

async function expectPhoneReady(page: Page, label: string): Promise<void> {
  await expect(page.getByTestId('quick-exit')).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page, `${label} at 390 px`);
}

/** The current calendar quarter (UTC), as the page's "This quarter" sets it. */
function thisQuarter(): { from: string; to: string } {
  const now = new Date();
  const first = Math.floor(now.getUTCMonth() / 3) * 3;
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  return { from: iso(new Date(Date.UTC(now.getUTCFullYear(), first, 1))), to: iso(new Date(Date.UTC(now.getUTCFullYear(), first + 3, 0))) };
}

test('a coordinator produces the quarterly report on screen and downloads it as XLSX', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const period = thisQuarter();
  const today = new Date().toISOString().slice(0, 10);
  const customKey = `transport${letterStamp()}`;
  const customLabel = `Needs transport ${letterStamp()}`;

  await test.step('setup: a caseworker gives a night of emergency shelter today', async () => {
    const caseworker = await signedInApi(baseURL, 'caseworker@harbor.demo');
    const survivor = (await (await caseworker.post('/api/v1/survivors', { data: { alias: `Wren Alder ${letterStamp()}` } })).json()) as { id: string };
    const created = await caseworker.post('/api/v1/cases', { data: { survivorId: survivor.id } });
    expect(created.status()).toBe(201);
    const { id: caseId } = (await created.json()) as { id: string };
    const logged = await caseworker.post('/api/v1/service-deliveries', { data: { caseId, deliveredOn: today, category: 'emergency_shelter', units: 1 } });
    expect(logged.status()).toBe(201);
    // Issue 18: the admin's own yes/no question on cases, answered yes on this case, for the custom section.
    const admin = await signedInApi(baseURL, 'admin@harbor.demo');
    const field = await admin.post('/api/v1/custom-fields', {
      data: { entity: 'case', key: customKey, type: 'yesNo', label: { en: customLabel, es: `${customLabel} (es)` }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'] },
    });
    expect(field.status()).toBe(201);
    await admin.dispose();
    const { version } = (await (await caseworker.get(`/api/v1/custom-values/case/${caseId}`)).json()) as { version: number };
    expect((await caseworker.put(`/api/v1/custom-values/case/${caseId}`, { data: { version, values: { [customKey]: true } } })).status()).toBe(200);
    // Caseworkers get no funder report, on screen or as a file.
    expect((await caseworker.get(`/api/v1/reports/trafficking-grant?from=${period.from}&to=${period.to}`)).status()).toBe(403);
    expect((await caseworker.get(`/api/v1/reports/trafficking-grant/download?from=${period.from}&to=${period.to}&format=xlsx`)).status()).toBe(403);
    await caseworker.dispose();
  });

  let servedOnScreen = '';
  await test.step('coordinator: picks the report and the period, and sees a chart and a table per section', async () => {
    await signIn(page, 'coordinator@harbor.demo');
    await page.getByRole('button', { name: 'Open menu' }).click();
    await page.getByRole('menuitem', { name: 'Funder reports' }).click();
    await expect(page.getByRole('heading', { name: 'Funder reports', level: 1 })).toBeVisible();
    await expectPhoneReady(page, 'the report picker');

    await page.getByRole('button', { name: 'This quarter' }).click();
    await expect(page.getByLabel('First day')).toHaveValue(period.from);
    await expect(page.getByLabel('Last day')).toHaveValue(period.to);
    // The custom section: her organization's own question, counted per answer.
    await page.getByRole('combobox', { name: /Custom section/ }).click();
    await page.getByRole('option', { name: customLabel, exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Show report' }).click();
    await expect(page.getByRole('heading', { name: 'Trafficking-grant quarterly report', level: 2 })).toBeVisible();
    const custom = page.locator(`[data-table="custom.case.${customKey}"]`);
    await expect(custom.getByText(customLabel).first()).toBeVisible();
    expect(Number((await custom.locator('[data-row="yes"] td').first().innerText()).replace(/,/g, ''))).toBeGreaterThanOrEqual(1);

    const served = page.locator('[data-table="clients_served"]');
    await expect(served.getByRole('img', { name: /Bar chart of Clients served/ })).toBeVisible();
    servedOnScreen = (await served.locator('[data-row="total"] td').first().innerText()).trim();
    expect(Number(servedOnScreen.replace(/,/g, ''))).toBeGreaterThan(0);
    const shelter = page.locator('[data-table="services_by_voca_category"] [data-row="shelter_housing"]');
    expect(Number((await shelter.locator('td').first().innerText()).replace(/,/g, ''))).toBeGreaterThanOrEqual(1);
    await expect(page.locator('[data-table="services_by_pmt_service"] [data-row="emergency_shelter"]')).toContainText('D1. Emergency shelter or safe house');
    await expectPhoneReady(page, 'the quarterly report');
    await saveScreen(page, 'reports-quarterly');
  });

  await test.step('coordinator: downloads it as XLSX after confirming her password', async () => {
    const askedForPassword = await askForPasswordOnce(page, '**/api/v1/reports/trafficking-grant/download**', 'GET');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download XLSX' }).click();
    const prompt = page.getByRole('dialog', { name: 'Confirm it is you' });
    await expect(prompt).toBeVisible();
    await expectNoAxeViolations(page, 'the password prompt at 390 px');
    await prompt.getByLabel('Your password').fill(DEMO_PASSWORD);
    await prompt.getByRole('button', { name: 'Confirm' }).click();
    const download = await downloading;
    expect(askedForPassword()).toBe(true);
    const filename = `lantern-trafficking-grant-${period.from}-to-${period.to}.xlsx`;
    expect(download.suggestedFilename()).toBe(filename);
    await expect(page.getByText(`Downloaded ${filename}`)).toBeVisible();

    const path = `/tmp/rep-e2e-${Date.now()}.xlsx`;
    await download.saveAs(path);
    const bytes = readFileSync(path);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.getWorksheet('Report')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Trafficking-grant quarterly report']);
    const title = rows.findIndex((row) => row[0] === 'Clients served');
    expect(rows[title + 4]).toEqual(['Total', Number(servedOnScreen.replace(/,/g, ''))]);
  });

  await test.step('coordinator: downloads the HMIS CSV (FY2024) of the same period, a zip of the HMIS files', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'HMIS CSV (FY2024)' }).click();
    const download = await downloading;
    const filename = `hmis-csv-fy2024-${period.from}-${period.to}.zip`;
    expect(download.suggestedFilename()).toBe(filename);
    await expect(page.getByText(`Downloaded ${filename}`)).toBeVisible();
    const path = `/tmp/rep-e2e-${Date.now()}.zip`;
    await download.saveAs(path);
    const files = unzipSync(new Uint8Array(readFileSync(path)));
    expect(Object.keys(files).sort()).toEqual(['Client.csv', 'Disabilities.csv', 'Enrollment.csv', 'Exit.csv', 'Export.csv', 'HealthAndDV.csv', 'IncomeBenefits.csv', 'Organization.csv', 'Project.csv', 'Services.csv', 'User.csv']);
    const clients = Buffer.from(files['Client.csv']!).toString('utf8').split('\r\n').filter(Boolean);
    expect(clients[0]).toMatch(/^PersonalID,FirstName,MiddleName,LastName,NameSuffix,NameDataQuality,SSN,SSNDataQuality,DOB,DOBDataQuality,/);
    // The clients are the people the report served in the period.
    expect(clients.length - 1).toBe(Number(servedOnScreen.replace(/,/g, '')));
    expect(Buffer.from(files['Services.csv']!).toString('utf8')).toContain(`,${today},200,200,`);
  });
});

test('a period with nothing in it says so, and offers no file', async ({ page }) => {
  await signIn(page, 'coordinator@harbor.demo');
  await page.goto('/#/reports');
  await page.getByLabel('First day').fill('2001-01-01');
  await page.getByLabel('Last day').fill('2001-03-31');
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was recorded between' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download XLSX' })).toHaveCount(0);
  // An end before its start: the field is named.
  await page.getByLabel('Last day').fill('2000-12-31');
  await page.getByRole('button', { name: 'Show report' }).click();
  await expect(page.getByText('is before from: the period must end on or after the day it starts')).toBeVisible();
  await expectPhoneReady(page, 'a refused period');
});

test('a caseworker has no "Funder reports" in the menu', async ({ page }) => {
  await signIn(page, 'caseworker@harbor.demo');
  await page.getByRole('button', { name: 'Open menu' }).click();
  await expect(page.getByRole('menuitem', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Funder reports' })).toHaveCount(0);
});

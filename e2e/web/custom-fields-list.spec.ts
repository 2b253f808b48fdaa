import { expect, test } from '@playwright/test';
import { expectPhoneReady, letterStamp, PHONE, signedInApi, signIn, survivorWithCase } from './support';

/**
 * Issue 18, custom fields in lists (docs/custom-fields.md, "In lists" and "In the web app"): a single
 * choice case field the admin adds becomes, for the caseworker, a column she turns on with the column
 * chooser and a filter that narrows her cases to those with the option; at 390 px, axe clean. The field
 * is retired at the end (later journeys share this database).
 */
test('a custom case field as a column and a filter of the case list', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const stamp = letterStamp();
  const label = `Sector ${stamp}`;
  const [farm, mine] = [`Farm ${stamp}`, `Mine ${stamp}`];
  const adminApi = await signedInApi(baseURL, 'admin@harbor.demo');
  const caseworkerApi = await signedInApi(baseURL, 'caseworker@harbor.demo');
  const created = await adminApi.post('/api/v1/custom-fields', {
    data: { entity: 'case', key: `sector${stamp}`, type: 'singleChoice', label: { en: label }, options: [{ label: { en: farm } }, { label: { en: mine } }], readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'] },
  });
  expect(created.status()).toBe(201);
  const field = (await created.json()) as { id: string; version: number; key: string; options: { id: string; label: { en: string } }[] };
  try {
    // Two of her cases, one on a farm and one in a mine.
    const cases: { caseNumber: string; name: string }[] = [];
    for (const [name, option] of [[`Ada Vale ${stamp}`, farm], [`Bea Vale ${stamp}`, mine]] as const) {
      const { caseId, caseNumber } = await survivorWithCase(caseworkerApi, { alias: name });
      const { version } = (await (await caseworkerApi.get(`/api/v1/custom-values/case/${caseId}`)).json()) as { version: number };
      const value = field.options.find((o) => o.label.en === option)!.id;
      expect((await caseworkerApi.put(`/api/v1/custom-values/case/${caseId}`, { data: { version, values: { [field.key]: value } } })).status()).toBe(200);
      cases.push({ caseNumber, name });
    }
    await signIn(page, 'caseworker@harbor.demo');

    await test.step('desk: the column chooser turns the field on as a column, showing each case\'s option', async () => {
      const listed = page.waitForRequest((request) => decodeURIComponent(request.url()).includes('/api/v1/cases?') && decodeURIComponent(request.url()).includes('range=[0,24]'));
      await page.goto('/#/cases');
      await expect(page.getByRole('heading', { name: 'My cases', level: 1 })).toBeVisible();
      // docs/architecture.md, "Capped counts": the case list asks for a capped count; far below the cap,
      // its total is exact, and the pagination says so.
      const request = await listed;
      expect(request.headers()['prefer']).toBe('count=capped');
      const total = /^cases \d+-\d+\/(\d+)$/.exec((await request.response())!.headers()['content-range'] ?? '')?.[1];
      expect(total).toBeDefined();
      await expect(page.getByText(new RegExp(`^1-\\d+ of ${total}$`)).first()).toBeVisible();
      await expect(page.getByRole('columnheader', { name: label })).toHaveCount(0);
      await page.getByRole('button', { name: 'Columns' }).click();
      await page.getByRole('switch', { name: label }).check();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('switch', { name: label })).toBeHidden();
      await expect(page.getByRole('columnheader', { name: label })).toBeVisible();
      await expect(page.getByRole('row').filter({ hasText: cases[0]!.caseNumber }).getByRole('cell', { name: farm, exact: true })).toBeVisible();
    });

    await test.step('phone, the same session: the cards show the column once chosen; the filter narrows her cases to the farm; axe clean', async () => {
      // A second tab of the same session, opened at 390 px (react-admin's choices live in each tab's memory).
      const phone = await page.context().newPage();
      await phone.setViewportSize(PHONE);
      await phone.goto('/#/cases');
      await expect(phone.getByRole('heading', { name: 'My cases', level: 1 })).toBeVisible();
      await expect(phone.getByText(`${label}: ${farm}`)).toHaveCount(0);
      await phone.getByRole('button', { name: 'Columns' }).click();
      await phone.getByRole('menuitemcheckbox', { name: label }).click();
      await phone.keyboard.press('Escape');
      await expect(phone.getByText(`${label}: ${farm}`)).toBeVisible();
      await phone.getByRole('button', { name: 'Add filter' }).click();
      await phone.getByRole('menuitemcheckbox', { name: label }).click();
      await phone.getByRole('combobox', { name: label }).click();
      await phone.getByRole('option', { name: farm, exact: true }).click();
      await expect(phone.getByText(cases[1]!.caseNumber)).toHaveCount(0);
      await expect(phone.getByText(cases[0]!.caseNumber)).toBeVisible();
      await expect(phone.getByText(`${label}: —`)).toHaveCount(0);
      await expectPhoneReady(phone, 'case list filtered by a custom field');
    });
  } finally {
    await adminApi.post(`/api/v1/custom-fields/${field.id}/retire`, { data: { version: field.version } });
    await adminApi.dispose();
    await caseworkerApi.dispose();
  }
});

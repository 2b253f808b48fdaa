import { RISK_QUESTIONS } from '@lantern/contracts';
import { expect, test } from '@playwright/test';
import { apiStatusFromPage, asUser, choose, DEMO_PASSWORD, expectNoTraces, letterStamp, openCase } from './support';

/**
 * A survivor's file through the browser, role by role (docs/security-model.md, Roles, docs/security-model.md): a
 * caseworker logs a full intake with consent and notes; another caseworker cannot find it; the
 * coordinator sees it without identifying details and reassigns it; an admin opens it with emergency
 * access; the new caseworker sees that access in the history. A canary legal name must never reach
 * an address, the history or browser storage.
 */
const CANARY_FAMILY = 'Quortle';
const CANARY = `Zyxcanary ${CANARY_FAMILY}`;
const ANSWERED_YES = new Set(['threatsLast30Days', 'noSafePlaceTonight']);

test('a survivor file from intake to emergency access, seen by each role only as far as allowed', async ({ browser }) => {
  test.setTimeout(180_000);
  const stamp = letterStamp();
  const alias = `Blue Heron ${stamp}`;
  const breakGlassReason = 'Police report an immediate threat; the caseworker cannot be reached.';
  let caseId = '';
  let caseNumber = '';

  // 1. The caseworker registers the person, opens the case and records the whole intake.
  const caseworker = await asUser(browser, 'caseworker@harbor.demo');
  await test.step('caseworker: new survivor and case', async () => {
    await expect(caseworker.getByRole('region', { name: 'My caseload' })).toBeVisible();
    await caseworker.getByRole('link', { name: 'New intake' }).first().click();
    await expect(caseworker.getByRole('heading', { name: 'New intake', level: 1 })).toBeVisible();
    await caseworker.getByRole('textbox', { name: 'Alias' }).fill(alias);
    await caseworker.getByRole('textbox', { name: 'Legal name' }).fill(CANARY);
    // The birth year is filled from the date of birth (issue 13), and then follows it.
    await caseworker.getByLabel('Date of birth').fill('1998-04-12');
    await expect(caseworker.getByRole('spinbutton', { name: 'Birth year' })).toHaveValue('1998');
    await expect(caseworker.getByRole('spinbutton', { name: 'Birth year' })).not.toBeEditable();
    await expect(caseworker.getByText('Filled in from the date of birth', { exact: true })).toBeVisible();
    await choose(caseworker, 'Gender', 'Woman');
    // Citizenship and languages are picked by name (issue 13); the API gets ISO codes.
    const citizenship = caseworker.getByRole('combobox', { name: 'Citizenship' });
    await citizenship.fill('Mexico');
    await caseworker.getByRole('option', { name: 'Mexico', exact: true }).click();
    await citizenship.fill('guate');
    await caseworker.getByRole('option', { name: 'Guatemala', exact: true }).click();
    const languages = caseworker.getByRole('combobox', { name: 'Languages' });
    await languages.fill('span');
    await caseworker.getByRole('option', { name: 'Spanish', exact: true }).click();
    await languages.fill('mam');
    await caseworker.getByRole('option', { name: 'Mam', exact: true }).click();
    await expect(caseworker.getByRole('button', { name: 'Mexico' })).toBeVisible();
    await caseworker.keyboard.press('Escape');
    await caseworker.getByRole('textbox', { name: 'Phone' }).fill('+1 555 0199');
    await caseworker.getByRole('textbox', { name: 'Safe contact instructions' }).fill('Text only; never call after 6 pm.');
    await choose(caseworker, 'Referral source', 'Hotline');
    const created = caseworker.waitForResponse((r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST');
    const survivorSaved = caseworker.waitForRequest((r) => r.url().endsWith('/api/v1/survivors') && r.method() === 'POST');
    await caseworker.getByRole('button', { name: 'Create record and open case' }).click();
    const sent = (await survivorSaved).postDataJSON() as { citizenship: string[]; languages: string[] };
    expect(sent.citizenship).toEqual(['MX', 'GT']);
    expect(sent.languages).toEqual(['es', 'mam']);
    const response = await created;
    expect(response.status()).toBe(201);
    ({ id: caseId, caseNumber } = (await response.json()) as { id: string; caseNumber: string });
    await expect(caseworker.getByRole('heading', { name: caseNumber, level: 1 })).toBeVisible();
    await expectNoTraces(caseworker, CANARY_FAMILY);
  });

  await test.step('caseworker: the intake, step by step, with a draft on the way', async () => {
    await caseworker.getByRole('button', { name: 'Start intake' }).click();
    // 1 Identification (the date defaults to today).
    await choose(caseworker, 'Identified by', 'Hotline');
    await caseworker.getByRole('button', { name: 'Save draft' }).click();
    await expect(caseworker.getByText('Draft saved', { exact: false })).toBeVisible();
    // A saved draft leaves the form clean: switching tabs asks nothing, and the intake resumes with the answer.
    await caseworker.getByRole('tab', { name: 'Overview' }).click();
    await expect(caseworker.getByRole('region', { name: 'Status' })).toBeVisible();
    await caseworker.getByRole('tab', { name: 'Intake' }).click();
    await expect(caseworker.getByRole('combobox', { name: 'Identified by' })).toHaveText('Hotline');
    await caseworker.getByRole('button', { name: 'Next' }).click();
    // 2 Exploitation.
    await caseworker.getByRole('checkbox', { name: 'Sexual exploitation' }).check();
    await caseworker.getByRole('checkbox', { name: 'Debt bondage' }).check();
    await caseworker.getByRole('button', { name: 'Next' }).click();
    // 3 Recruitment.
    await caseworker.getByRole('checkbox', { name: 'Through online social networks' }).check();
    await caseworker.getByRole('button', { name: 'Next' }).click();
    // 4 Needs.
    await caseworker.getByRole('checkbox', { name: 'Shelter' }).check();
    await caseworker.getByRole('checkbox', { name: 'Safety' }).check();
    await caseworker.getByRole('button', { name: 'Next' }).click();
    // 5 Risk screening: the level follows the answers.
    for (const question of RISK_QUESTIONS) {
      const answer = ANSWERED_YES.has(question.id) ? 'Yes' : 'No';
      await caseworker.getByRole('radiogroup', { name: question.text }).getByRole('radio', { name: answer }).check();
    }
    await expect(caseworker.getByTestId('live-risk')).toContainText('Medium risk');
    await expect(caseworker.getByTestId('live-risk')).toContainText('All questions answered');
    await caseworker.getByRole('button', { name: 'Next' }).click();
    // 6 Narrative.
    await caseworker.getByRole('textbox', { name: 'Narrative' }).fill('Met at the clinic. She wants housing first and to talk to a lawyer later.');
    await caseworker.getByRole('button', { name: 'Next' }).click();
    // 7 Review and submit.
    await expect(caseworker.getByText('Everything needed is answered', { exact: false })).toBeVisible();
    await caseworker.getByRole('button', { name: 'Submit intake' }).click();
    await expect(caseworker.getByTestId('intake-status')).toHaveText('Submitted');
    await expect(caseworker.getByTestId('intake-summary')).toContainText('Sexual exploitation');
    await expect(caseworker.getByRole('button', { name: 'Amend' })).toBeVisible();
  });

  await test.step('caseworker: consent and a note', async () => {
    await caseworker.getByRole('tab', { name: 'Consent' }).click();
    await caseworker.getByRole('button', { name: 'Record consent' }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'Record consent' });
    await choose(caseworker, 'What the person agrees to', 'Share details with a partner');
    await choose(caseworker, 'Partner organization', 'Safe Homes');
    await dialog.getByRole('checkbox', { name: 'Phone' }).check();
    await dialog.getByRole('radio', { name: 'Written' }).check();
    await dialog.getByRole('button', { name: 'Record consent' }).click();
    await expect(dialog).toBeHidden();
    const consent = caseworker.getByRole('table', { name: 'Consents' }).getByRole('row').filter({ hasText: 'Safe Homes' });
    await expect(consent).toContainText('Live');
    await expect(consent).toContainText('Phone');

    await caseworker.getByRole('tab', { name: 'Notes' }).click();
    await caseworker.getByRole('button', { name: 'Add note' }).click();
    await caseworker.getByRole('textbox', { name: 'Note' }).fill('First meeting at the clinic. Safe to text.');
    await caseworker.getByRole('button', { name: 'Save note' }).click();
    await expect(caseworker.getByRole('article').filter({ hasText: 'First meeting at the clinic' })).toBeVisible();
    await caseworker.getByRole('button', { name: 'Correct' }).click();
    await caseworker.getByRole('textbox', { name: 'Note' }).fill('First meeting at the clinic. Safe to text, never call.');
    await caseworker.getByRole('button', { name: 'Save correction' }).click();
    await expect(caseworker.getByRole('article').filter({ hasText: 'Corrected by a later note' })).toHaveCount(1);
    await expect(caseworker.getByRole('article').filter({ hasText: 'never call' })).toContainText('Correction of the note');

    // The caseworker sees the identifying details; none of them travels into the address or storage.
    await caseworker.getByRole('tab', { name: 'Overview' }).click();
    await expect(caseworker.getByTestId('survivor-pii')).toContainText(CANARY);
    await expect(caseworker.getByText('Mexico, Guatemala')).toBeVisible();
    await expect(caseworker.getByText('Spanish, Mam')).toBeVisible();
    await expectNoTraces(caseworker, CANARY_FAMILY);
  });

  // 2. Another caseworker of the same organization can neither list nor open it.
  await test.step('caseworker2: not in the list, and the API answers 404', async () => {
    const other = await asUser(browser, 'caseworker2@harbor.demo');
    const urls: string[] = [];
    other.on('request', (request) => urls.push(request.url()));
    const listed = other.waitForResponse((r) => r.url().includes('/api/v1/cases?') && r.request().method() === 'GET');
    await other.getByRole('menuitem', { name: 'Cases' }).click();
    expect((await listed).status()).toBe(200);
    await expect(other.getByText('My cases', { exact: false }).first()).toBeVisible();
    await expect(other.getByRole('row').filter({ hasText: caseNumber })).toHaveCount(0);
    expect(await apiStatusFromPage(other, `/cases/${caseId}`)).toBe(404);

    // A search by name (sent as a POST body) only says that a record exists elsewhere.
    await other.getByRole('menuitem', { name: 'Survivors' }).click();
    await other.getByRole('button', { name: 'Find by name' }).click();
    await other.getByRole('textbox', { name: 'Name', exact: true }).fill(CANARY_FAMILY);
    await other.getByRole('textbox', { name: 'Born from (year)' }).fill('1998');
    await other.getByRole('textbox', { name: 'Born to (year)' }).fill('1998');
    await other.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(other.getByText('matching record exists in your organization outside your caseload — ask your coordinator')).toBeVisible();
    await expect(other.getByRole('list', { name: 'Matching records' })).toHaveCount(0);
    expect(urls.filter((url) => url.includes(CANARY_FAMILY))).toEqual([]);
    await expectNoTraces(other, CANARY_FAMILY);
    await other.context().close();
  });

  // 3. The coordinator sees the case without identifying details and hands it to caseworker2.
  await test.step('coordinator: no identifying details; reassigns the case', async () => {
    const coordinator = await asUser(browser, 'coordinator@harbor.demo');
    await openCase(coordinator, caseNumber);
    await expect(coordinator.getByRole('region', { name: 'Survivor' })).toContainText(alias);
    await expect(coordinator.getByRole('region', { name: 'Survivor' })).toContainText('Identifying details are shown only to the assigned caseworker');
    await coordinator.getByRole('tab', { name: 'Intake' }).click();
    await expect(coordinator.getByTestId('intake-summary')).toContainText('The narrative is visible to the assigned caseworker only');
    await coordinator.getByRole('tab', { name: 'Overview' }).click();
    expect(await coordinator.content()).not.toContain(CANARY_FAMILY);

    await coordinator.getByRole('button', { name: 'Reassign' }).click();
    const dialog = coordinator.getByRole('dialog', { name: `Reassign ${caseNumber}` });
    await choose(coordinator, 'New caseworker', 'Sam Caseworker');
    await dialog.getByRole('textbox', { name: 'Reason (optional)' }).fill('Robin is on leave from Monday.');
    await dialog.getByRole('button', { name: 'Reassign' }).click();
    await expect(dialog).toBeHidden();
    await expect(coordinator.getByTestId('assigned-caseworker')).toHaveText('Sam Caseworker');
    expect(await coordinator.content()).not.toContain(CANARY_FAMILY);
    await expectNoTraces(coordinator, CANARY_FAMILY);
    await coordinator.context().close();
  });

  // 4. An admin sees the status fields only, then opens the file with emergency access.
  await test.step('admin: emergency access with reason and password', async () => {
    const admin = await asUser(browser, 'admin@harbor.demo');
    await openCase(admin, caseNumber);
    await expect(admin.getByRole('tab', { name: 'Intake' })).toHaveCount(0);
    expect(await admin.content()).not.toContain(CANARY_FAMILY);
    await admin.getByRole('button', { name: 'Emergency access' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Emergency access' });
    await expect(dialog).toContainText('for 60 minutes');
    await dialog.getByRole('textbox', { name: 'Why must the file be opened now?' }).fill(breakGlassReason);
    await dialog.getByLabel('Your password').fill('not the password at all');
    await dialog.getByRole('button', { name: 'Open the file for 60 minutes' }).click();
    await expect(dialog.getByRole('alert')).toBeVisible();
    await dialog.getByLabel('Your password').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Open the file for 60 minutes' }).click();
    await expect(dialog).toBeHidden();
    await expect(admin.getByTestId('break-glass-active')).toContainText('Emergency access open until');
    await expect(admin.getByTestId('survivor-pii')).toContainText(CANARY);
    await expect(admin.getByRole('tab', { name: 'Intake' })).toBeVisible();
    await expectNoTraces(admin, CANARY_FAMILY);

    await admin.getByRole('menuitem', { name: 'Emergency access log' }).click();
    await expect(admin.getByRole('row').filter({ hasText: breakGlassReason }).first()).toContainText('Alex Admin');
    await admin.context().close();
  });

  // 5. The newly assigned caseworker sees who opened the file, and why.
  await test.step('caseworker2: the emergency access is in the history', async () => {
    const assigned = await asUser(browser, 'caseworker2@harbor.demo');
    await openCase(assigned, caseNumber);
    await assigned.getByRole('tab', { name: 'History' }).click();
    const entry = assigned.getByTestId('history-break-glass');
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('Alex Admin');
    await expect(entry).toContainText(breakGlassReason);
    // The coordinator found the case in the case list: that list read is in the history too.
    const listed = assigned.getByTestId('history-list-read').filter({ hasText: 'Casey Coordinator' });
    await expect(listed.first()).toContainText('viewed in a list');
    await expectNoTraces(assigned, CANARY_FAMILY);
    await assigned.context().close();
  });

  await caseworker.context().close();
});

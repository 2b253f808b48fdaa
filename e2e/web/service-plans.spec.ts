import { expect, test, type Page } from '@playwright/test';
import { apiStatusFromPage, asUser, caseWithSentReferral, choose, expectNoAxeViolations, letterStamp, openCase, saveScreen } from './support';

/**
 * A service plan from first draft to closure (docs/data-dictionary.md ServicePlan, OutcomeAssessment): the
 * caseworker builds a plan with goals and tasks (one for the housing partner, through its referral)
 * and records the survivor's agreement; a later change opens a new revision that needs agreement
 * again while the first stays readable. The partner sees and ticks only its own task, never the plan.
 * Intake and exit assessments are recorded; the close dialog first names what is missing. The caseworker
 * may not cancel the referral the coordinator sent, so her closing is refused, naming it; the coordinator
 * closes the case with the referral cancelled in the same step. The caseworker cannot reopen; the
 * coordinator reopens with a reason.
 */
/** GET under /api/v1 from inside the page, with its session; the parsed body. */
function apiJsonFromPage<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const response = await fetch(`/api/v1${url}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return (await response.json()) as T;
  }, path);
}

test('a service plan is agreed, revised and agreed again; outcomes are recorded; the case closes and a coordinator reopens it', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const alias = `Linen Heron ${letterStamp()}`;
  const housingGoal = 'Move into a flat of her own';
  const partnerTask = 'Hold a family room until the lease is signed';
  const cvTask = 'Write a CV with the job coach';

  // Setup through the API: an active case with a consent for Safe Homes and a housing referral the coordinator sent.
  const { caseId, caseNumber } = await caseWithSentReferral(baseURL, { alias }, ['alias'], { activate: true });

  const caseworker = await asUser(browser, 'caseworker@harbor.demo');
  const plan = caseworker.getByRole('region', { name: /^Plan 1 · / });
  const agreement = caseworker.getByTestId('agreement-status');

  await test.step('caseworker: creates a plan with goals and tasks, linked to the referral', async () => {
    await openCase(caseworker, caseNumber);
    await caseworker.getByRole('tab', { name: 'Service plan' }).click();
    await caseworker.getByRole('button', { name: 'Create service plan' }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'New service plan' });
    await choose(caseworker, 'Plan type', 'Livelihood');
    await dialog.getByRole('button', { name: 'Create plan' }).click();
    await expect(dialog).toBeHidden();
    await expect(plan).toContainText('Plan 1 · Livelihood');
    await expect(agreement).toContainText('Revision 1 needs the survivor’s agreement');

    await caseworker.getByRole('button', { name: 'Add goal' }).click();
    let goal = caseworker.getByRole('dialog', { name: 'Add a goal' });
    await choose(caseworker, 'Area of life', 'Housing');
    await goal.getByRole('textbox', { name: 'Goal' }).fill(housingGoal);
    await goal.getByRole('checkbox', { name: /^Housing · Safe Homes/ }).check();
    await goal.getByRole('button', { name: 'Add goal' }).click();
    await expect(goal).toBeHidden();

    await caseworker.getByRole('button', { name: 'Add goal' }).click();
    goal = caseworker.getByRole('dialog', { name: 'Add a goal' });
    await choose(caseworker, 'Area of life', 'Employment');
    await goal.getByRole('textbox', { name: 'Goal' }).fill('Find part-time work');
    await goal.getByRole('button', { name: 'Add goal' }).click();
    await expect(goal).toBeHidden();

    const housing = caseworker.getByRole('article', { name: `Goal: ${housingGoal}` });
    await expect(housing.getByRole('group', { name: 'Referrals serving this goal' })).toContainText('Housing · Safe Homes');
    await housing.getByRole('button', { name: 'Add task' }).click();
    let task = caseworker.getByRole('dialog', { name: 'Add a task' });
    await task.getByRole('textbox', { name: 'Task' }).fill(partnerTask);
    await task.getByRole('radio', { name: 'Partner' }).check();
    await choose(caseworker, 'Through the referral', 'Housing · Safe Homes');
    await task.getByRole('button', { name: 'Add task' }).click();
    await expect(task).toBeHidden();

    const employment = caseworker.getByRole('article', { name: 'Goal: Find part-time work' });
    await employment.getByRole('button', { name: 'Add task' }).click();
    task = caseworker.getByRole('dialog', { name: 'Add a task' });
    await task.getByRole('textbox', { name: 'Task' }).fill(cvTask);
    await task.getByRole('radio', { name: 'Survivor' }).check();
    await task.getByRole('button', { name: 'Add task' }).click();
    await expect(task).toBeHidden();
    await expect(employment.getByRole('checkbox', { name: cvTask })).not.toBeChecked();
  });

  await test.step('caseworker: records the survivor’s agreement; progress does not ask for it again', async () => {
    await agreement.getByRole('button', { name: 'Record agreement' }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'Record the survivor’s agreement to revision 1' });
    await dialog.getByRole('radio', { name: 'In person, signed' }).check();
    await dialog.getByRole('button', { name: 'Record agreement' }).click();
    await expect(dialog).toBeHidden();
    await expect(agreement).toContainText('The survivor agreed to revision 1');

    await caseworker.getByRole('checkbox', { name: cvTask }).check();
    await expect(caseworker.getByRole('checkbox', { name: cvTask })).toBeChecked();
    await expect(caseworker.getByRole('article', { name: 'Goal: Find part-time work' })).toContainText('1/1 tasks done');
    const housing = caseworker.getByRole('article', { name: `Goal: ${housingGoal}` });
    await housing.getByRole('combobox', { name: 'Goal status' }).click();
    await caseworker.getByRole('option', { name: 'Achieved', exact: true }).click();
    await expect(housing.getByTestId('goal-reached')).toContainText('Achieved on');
    await expect(caseworker.getByRole('region', { name: 'Housing' }).getByTestId('domain-progress')).toHaveText('1/1 achieved');
    await expect(caseworker.getByTestId('plan-progress')).toHaveText('1/2 goals achieved');
    await expect(agreement).toContainText('The survivor agreed to revision 1');
  });

  await test.step('caseworker: a new goal opens revision 2, which needs agreement again; revision 1 stays readable', async () => {
    await caseworker.getByRole('button', { name: 'Add goal' }).click();
    const goal = caseworker.getByRole('dialog', { name: 'Add a goal' });
    await choose(caseworker, 'Area of life', 'Financial');
    await goal.getByRole('textbox', { name: 'Goal' }).fill('Open a bank account');
    await goal.getByRole('button', { name: 'Add goal' }).click();
    await expect(goal).toBeHidden();
    await expect(agreement).toContainText('Revision 2 needs the survivor’s agreement');
    await expect(agreement).toContainText('after the survivor agreed to revision 1');

    const history = caseworker.getByRole('region', { name: 'Agreement history' });
    await history.getByRole('button', { name: 'Show revision 1' }).click();
    const agreed = history.getByRole('list', { name: 'The plan as agreed in revision 1' });
    await expect(agreed).toContainText(housingGoal);
    await expect(agreed).not.toContainText('Open a bank account');

    await agreement.getByRole('button', { name: 'Record agreement' }).click();
    const dialog = caseworker.getByRole('dialog', { name: 'Record the survivor’s agreement to revision 2' });
    await dialog.getByRole('radio', { name: 'By phone' }).check();
    await dialog.getByRole('button', { name: 'Record agreement' }).click();
    await expect(dialog).toBeHidden();
    await expect(agreement).toContainText('The survivor agreed to revision 2');
    await expect(history.getByRole('listitem', { name: 'Revision 2' })).toContainText('By phone');
    await saveScreen(caseworker, 'service-plan');
    await expectNoAxeViolations(caseworker, 'service-plan');
  });

  const planId = (await apiJsonFromPage<{ id: string }[]>(caseworker, `/service-plans?filter=${encodeURIComponent(JSON.stringify({ caseId }))}`))[0]?.id;
  expect(planId).toBeTruthy();

  await test.step('partner: sees and ticks only its own task, never the plan', async () => {
    const partner = await asUser(browser, 'partner@safehomes.demo');
    const tasks = partner.getByRole('region', { name: 'My tasks' });
    // Safe Homes has other open tasks of the demo caseload: ticking this one leaves one fewer.
    await expect(tasks.getByRole('checkbox', { name: partnerTask })).not.toBeChecked();
    const openBefore = Number(/(\d+) open/.exec((await tasks.textContent()) ?? '')?.[1]);
    expect(openBefore).toBeGreaterThanOrEqual(1);
    await tasks.getByRole('checkbox', { name: partnerTask }).check();
    await expect(tasks.getByRole('checkbox', { name: partnerTask })).toBeChecked();
    await expect(tasks).toContainText(`${openBefore - 1} open`);
    await expect(tasks).not.toContainText(cvTask);
    expect(await apiStatusFromPage(partner, `/service-plans/${planId}`)).toBe(403);
    expect(await apiStatusFromPage(partner, `/outcomes?filter=${encodeURIComponent(JSON.stringify({ caseId }))}`)).toBe(403);
    await partner.context().close();
  });

  await test.step('caseworker: the close dialog names what is missing first', async () => {
    await caseworker.getByRole('tab', { name: 'Overview' }).click();
    const status = caseworker.getByRole('region', { name: 'Status' });
    await status.getByRole('button', { name: 'Close case' }).click();
    const closing = caseworker.getByRole('dialog', { name: 'Close this case' });
    const check = closing.getByTestId('closure-check');
    await expect(check).toContainText('The exit assessment is missing');
    await expect(check).toContainText('1 referral is still open');
    await expect(closing.getByRole('button', { name: 'Close case' })).toBeDisabled();
    await saveScreen(caseworker, 'close-case-missing');
    await expectNoAxeViolations(caseworker, 'close-case-missing');
    await closing.getByRole('button', { name: 'Cancel' }).click();
    await expect(closing).toBeHidden();
  });

  await test.step('caseworker: records the intake and exit assessments', async () => {
    await caseworker.getByRole('tab', { name: 'Outcomes' }).click();
    await caseworker.getByRole('button', { name: 'Record the intake assessment' }).click();
    let dialog = caseworker.getByRole('dialog', { name: 'Record an outcome assessment' });
    await expect(dialog.getByRole('combobox', { name: 'Stage' })).toHaveText('Intake');
    await choose(caseworker, 'Living situation', 'Emergency shelter');
    await choose(caseworker, 'Employment', 'Not employed, looking for work');
    await dialog.getByRole('radio', { name: '2 · A little safe' }).check();
    await dialog.getByRole('radiogroup', { name: 'Returned to the trafficker' }).getByRole('radio', { name: 'No', exact: true }).check();
    await dialog.getByRole('button', { name: 'Save assessment' }).click();
    await expect(dialog).toBeHidden();
    await expect(caseworker.getByTestId('outcome-intake')).toContainText('Emergency shelter');

    await caseworker.getByRole('button', { name: 'Record the exit assessment' }).click();
    dialog = caseworker.getByRole('dialog', { name: 'Record an outcome assessment' });
    await choose(caseworker, 'Living situation', 'Rental, no ongoing subsidy');
    await choose(caseworker, 'Employment', 'Employed part time');
    await dialog.getByRole('spinbutton', { name: 'Monthly income' }).fill('1200');
    await dialog.getByRole('radio', { name: '4 · Mostly safe' }).check();
    await dialog.getByRole('button', { name: 'Save assessment' }).click();
    await expect(dialog).toBeHidden();
    await expect(caseworker.getByTestId('outcome-exit')).toContainText('Rental, no ongoing subsidy');
    await expect(caseworker.getByRole('img', { name: /^Feels safe by stage/ })).toHaveAttribute('aria-label', /Intake: 2 of 5; Exit: 4 of 5/);
    await expect(caseworker.getByRole('img', { name: /^Housing by stage/ })).toHaveAttribute('aria-label', /Intake: Homeless; Exit: Permanent/);
    await saveScreen(caseworker, 'outcomes');
    await expectNoAxeViolations(caseworker, 'outcomes');
  });

  await test.step('caseworker: may not cancel the sent referral, so closing is refused and names it', async () => {
    await caseworker.getByRole('tab', { name: 'Overview' }).click();
    const status = caseworker.getByRole('region', { name: 'Status' });
    await status.getByRole('button', { name: 'Close case' }).click();
    const closing = caseworker.getByRole('dialog', { name: 'Close this case' });
    const check = closing.getByTestId('closure-check');
    await expect(check).toContainText('1 referral is still open');
    await expect(check).not.toContainText('exit assessment');
    await choose(caseworker, 'Reason for closing', 'Completed the service plan');
    await choose(caseworker, 'Exit destination', 'Rental, no ongoing subsidy');
    await expect(closing.getByRole('button', { name: 'Close case' })).toBeDisabled();
    await closing.getByRole('checkbox', { name: 'Cancel the open referral in the same step' }).check();
    await closing.getByRole('button', { name: 'Close case' }).click();
    // A caseworker cancels only drafts; the coordinator sent this one (issue 11): nothing is written.
    await expect(closing.getByRole('alert').filter({ hasText: 'You may not cancel 1 open referral' })).toContainText('(sent)');
    await closing.getByRole('button', { name: 'Cancel' }).click();
    await expect(closing).toBeHidden();
    await expect(status.getByTestId('case-status')).toHaveText('Active');
  });

  const coordinator = await asUser(browser, 'coordinator@harbor.demo');
  await test.step('coordinator: closes the case, cancelling the referral she sent in the same step', async () => {
    await openCase(coordinator, caseNumber);
    const status = coordinator.getByRole('region', { name: 'Status' });
    await status.getByRole('button', { name: 'Close case' }).click();
    const closing = coordinator.getByRole('dialog', { name: 'Close this case' });
    await expect(closing.getByTestId('closure-check')).toContainText('1 referral is still open');
    await choose(coordinator, 'Reason for closing', 'Completed the service plan');
    await choose(coordinator, 'Exit destination', 'Rental, no ongoing subsidy');
    await closing.getByRole('checkbox', { name: 'Cancel the open referral in the same step' }).check();
    await closing.getByRole('button', { name: 'Close case' }).click();
    await expect(closing).toBeHidden();
    await expect(status.getByTestId('case-status')).toHaveText('Closed');
    await expect(status).toContainText('Completed the service plan');
    await expect(status).toContainText('Rental, no ongoing subsidy');
  });

  await test.step('caseworker: the closed case is read-only and she cannot reopen it', async () => {
    await caseworker.getByRole('button', { name: 'Refresh' }).click();
    const status = caseworker.getByRole('region', { name: 'Status' });
    await expect(status.getByTestId('case-status')).toHaveText('Closed');
    await expect(status.getByRole('button', { name: 'Reopen case' })).toHaveCount(0);

    // Closed means read-only: the plan cannot change; only follow-up assessments can still be added.
    await caseworker.getByRole('tab', { name: 'Service plan' }).click();
    await expect(caseworker.getByText('The case is closed: its plan is kept as it was, read-only.')).toBeVisible();
    await expect(caseworker.getByRole('button', { name: 'Add goal' })).toHaveCount(0);
    await expect(caseworker.getByRole('checkbox', { name: cvTask })).toBeDisabled();
    await caseworker.getByRole('tab', { name: 'Outcomes' }).click();
    await expect(caseworker.getByRole('button', { name: 'Record the 90 days assessment' })).toBeVisible();
    await expect(caseworker.getByRole('button', { name: 'Correct the exit assessment' })).toHaveCount(0);
    await caseworker.getByRole('tab', { name: 'Referrals' }).click();
    await expect(caseworker.getByTestId('referral-status').first()).toHaveText('Cancelled');
  });

  await test.step('coordinator: reads the plan without changing it, and reopens the case with a reason', async () => {
    await coordinator.getByRole('tab', { name: 'Service plan' }).click();
    await expect(coordinator.getByRole('article', { name: `Goal: ${housingGoal}` })).toBeVisible();
    await expect(coordinator.getByRole('button', { name: 'Add goal' })).toHaveCount(0);
    await coordinator.getByRole('tab', { name: 'Overview' }).click();
    const status = coordinator.getByRole('region', { name: 'Status' });
    await status.getByRole('button', { name: 'Reopen case' }).click();
    const reopening = coordinator.getByRole('dialog', { name: 'Reopen this case?' });
    await expect(reopening.getByRole('button', { name: 'Reopen case' })).toBeDisabled();
    await reopening.getByRole('textbox', { name: 'Reason for reopening' }).fill('She asked for help again after the lease fell through.');
    await reopening.getByRole('button', { name: 'Reopen case' }).click();
    await expect(reopening).toBeHidden();
    await expect(status.getByTestId('case-status')).toHaveText('Active');
    await coordinator.context().close();
  });

  await test.step('analyst: no way to the plan', async () => {
    const analyst = await asUser(browser, 'analyst@harbor.demo');
    await expect(analyst.getByRole('menuitem', { name: 'Cases' })).toHaveCount(0);
    expect(await apiStatusFromPage(analyst, `/service-plans/${planId}`)).toBe(403);
    await analyst.context().close();
  });
  await caseworker.context().close();
});

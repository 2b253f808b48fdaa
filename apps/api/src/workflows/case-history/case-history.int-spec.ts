import { openCase, withOrgWorld, type Agent } from '../../testing/builders.js';
import { api } from '../../testing/fixtures.js';

type Entry = { action: string; subjectType: string | null; subjectId: string | null; fields: string[]; actorName: string | null };

/**
 * A case's history (workflows/case-history) names the audit rows of every record of its file: here the
 * plan, its goal and task, and an outcome assessment (issue 10), which live in other features' tables.
 */
describe('case history', () => {
  const { t, org, as: { caseworker: cw, caseworker2: cw2, coordinator } } = withOrgWorld(['caseworker', 'caseworker2', 'coordinator']);

  const today = () => t.clock.now().toISOString().slice(0, 10);

  it("shows the creation and reads of the case's plan, goal, task and outcome assessment, and nothing of another case", async () => {
    const { caseId } = await openCase(cw);
    const other = await openCase(cw);
    const plan = (await cw.post(api('/service-plans')).send({ caseId, planType: 'SexualExploitationRehabilitation', startsOn: today(), reviewDate: today() }).expect(201)).body;
    const goal = (await cw.post(api('/goals')).send({ planId: plan.id, domain: 'housing', description: 'A safe flat of my own' }).expect(201)).body;
    const task = (await cw.post(api('/tasks')).send({ goalId: goal.id, description: 'Visit the housing office', owner: 'survivor' }).expect(201)).body;
    const outcome = (await cw.post(api('/outcomes')).send({ caseId, stage: 'intake', assessedOn: today(), housingSituation: 101, safetyRating: 2 }).expect(201)).body;
    await cw.get(api(`/service-plans/${plan.id}`)).expect(200);
    const otherPlan = (await cw.post(api('/service-plans')).send({ caseId: other.caseId, planType: 'Livelihood', startsOn: today(), reviewDate: today() }).expect(201)).body;

    const history = (await cw.get(api(`/cases/${caseId}/history`)).expect(200)).body as Entry[];
    const created = (subjectType: string, id: string) => history.find((e) => e.action === 'create' && e.subjectType === subjectType && e.subjectId === id);
    expect(created('ServicePlan', plan.id)).toMatchObject({ actorName: org.caseworker.displayName });
    expect(created('Goal', goal.id)).toBeDefined();
    expect(created('Task', task.id)).toBeDefined();
    expect(created('OutcomeAssessment', outcome.id)).toBeDefined();
    // Opening the plan reads its goals and tasks: those reads are in the history too.
    expect(history.some((e) => e.action === 'read' && e.subjectType === 'ServicePlan' && e.subjectId === plan.id)).toBe(true);
    // Field names, never values.
    expect(JSON.stringify(history)).not.toContain('A safe flat of my own');
    expect(history.some((e) => e.subjectId === otherPlan.id)).toBe(false);
  });

  it('a merge of survivor records, and its undo, show in the history of each case it moved and of the cases of the record that stays', async () => {
    const merged = await openCase(cw, { legalName: 'Lucia Historia Ramos', birthYear: 1994 });
    const kept = await openCase(cw2, { legalName: 'Lucia H. Ramos', birthYear: 1994 });
    const bystander = await openCase(cw);
    const reason = 'Same person: same date of birth, confirmed with both caseworkers';
    const merge = (await coordinator.post(api(`/survivors/${kept.survivorId}/merges`)).send({ mergedSurvivorId: merged.survivorId, reason }).expect(201)).body as { id: string; version: number };
    const mergeRows = async (agent: Agent, caseId: string) =>
      ((await agent.get(api(`/cases/${caseId}/history`)).expect(200)).body as Entry[]).filter((e) => e.subjectType === 'SurvivorMerge' && e.subjectId === merge.id).map((e) => e.action);
    expect(await mergeRows(cw, merged.caseId)).toEqual(['create']);
    expect(await mergeRows(cw2, kept.caseId)).toEqual(['create']);
    expect(await mergeRows(cw, bystander.caseId)).toEqual([]);

    await coordinator.post(api(`/survivor-merges/${merge.id}/undo`)).send({ reason: 'Not the same person after all', version: merge.version }).expect(200);
    // Undone, the moved case is her own record's again: its history still tells both.
    expect(await mergeRows(cw, merged.caseId)).toEqual(['create', 'transition']);
    expect(await mergeRows(cw2, kept.caseId)).toEqual(['create', 'transition']);
    expect(await mergeRows(cw, bystander.caseId)).toEqual([]);
    // The rows name the cases, not only the survivors: a later merge that gives the case another
    // survivor leaves the first merge in its history.
    const third = await openCase(cw2, { legalName: 'Lucia Ramos Third', birthYear: 1994 });
    await coordinator.post(api(`/survivors/${third.survivorId}/merges`)).send({ mergedSurvivorId: kept.survivorId, reason }).expect(201);
    expect(await mergeRows(cw2, kept.caseId)).toEqual(['create', 'transition']);
  });
});

import { openCase, orgWorld, type Agent } from '../../testing/builders.js';
import { api, type OrgFixture } from '../../testing/fixtures.js';
import type { TestApp } from '../../testing/test-app.js';

type Entry = { action: string; subjectType: string | null; subjectId: string | null; fields: string[]; actorName: string | null };

/**
 * A case's history (workflows/case-history) names the audit rows of every record of its file: here the
 * plan, its goal and task, and an outcome assessment (issue 10), which live in other features' tables.
 */
describe('case history', () => {
  let t: TestApp;
  let org: OrgFixture;
  let cw: Agent;

  beforeAll(async () => {
    ({ t, org, as: { caseworker: cw } } = await orgWorld(['caseworker']));
  });
  afterAll(() => t.close());

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
});

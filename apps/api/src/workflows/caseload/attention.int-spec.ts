import type { AttentionResponse } from '@lantern/contracts';
import { openCase, sentReferral, withTwoOrgWorld } from '../../testing/builders.js';
import { api, lastAudit, signIn } from '../../testing/fixtures.js';

const DAY = 86_400_000;
const day = (offset: number, from: Date) => new Date(from.getTime() + offset * DAY).toISOString().slice(0, 10);

type Attention = AttentionResponse;

/**
 * The program overview (`GET /cases/attention`, workflows/caseload/caseload.service.ts): counted and
 * ranked in one statement, on cases of one organization only.
 */
describe('the program overview', () => {
  const { t, org, other, as } = withTwoOrgWorld(['caseworker', 'coordinator']);

  it('counts what is overdue in the organization and names the 50 cases with the most reasons, most first', async () => {
    const start = t.clock.now();
    // The case most in need: a plan whose review and task fall due tomorrow, and a referral sent today.
    const needy = await openCase(as.caseworker, { alias: 'Needy' });
    const plan = (await as.caseworker.post(api('/service-plans')).send({ caseId: needy.caseId, planType: 'SocialCare', startsOn: day(0, start), reviewDate: day(1, start) }).expect(201)).body;
    const goal = (await as.caseworker.post(api('/goals')).send({ planId: plan.id, domain: 'health', description: 'See a doctor' }).expect(201)).body;
    await as.caseworker.post(api('/tasks')).send({ goalId: goal.id, description: 'Book it', owner: 'survivor', dueDate: day(1, start) }).expect(201);
    await sentReferral(as, org, needy);
    // Next: a referral and the intake assessment.
    const second = await openCase(as.caseworker, { alias: 'Second' });
    await sentReferral(as, org, second);
    // 55 more open cases opened the same day (the intake assessment only), 2 of them without a caseworker;
    // a closed one, and one of another organization, which count for nothing here.
    const bulk = (await t.dataSource.query(
      `WITH s AS (
         INSERT INTO survivor (organization_id, alias, created_by)
         SELECT $1, 'Attention ' || n, $2 FROM generate_series(1, 56) n RETURNING id, alias)
       INSERT INTO survivor_case (organization_id, case_number, survivor_id, status, assigned_caseworker_id, opened_at)
       SELECT $1, 'AT-' || lpad(substr(s.alias, 11), 3, '0'), s.id,
              CASE WHEN s.alias = 'Attention 56' THEN 'closed' ELSE 'active' END,
              CASE WHEN s.alias IN ('Attention 7', 'Attention 8') THEN NULL ELSE $2::uuid END, $3
         FROM s RETURNING id, case_number, status`,
      [org.organizationId, org.caseworker.id, start],
    )) as { id: string; case_number: string; status: string }[];
    await t.dataSource.query(
      `WITH s AS (INSERT INTO survivor (organization_id, alias, created_by) VALUES ($1, 'Elsewhere', $2) RETURNING id)
       INSERT INTO survivor_case (organization_id, case_number, survivor_id, status, assigned_caseworker_id, opened_at)
       SELECT $1, 'AT-ELSEWHERE', s.id, 'active', $2, $3 FROM s`,
      [other.organizationId, other.caseworker.id, start],
    );

    // 40 days on: every intake assessment is overdue (30 days after opening), as are the review, the task
    // and both referrals (48 hours without an answer).
    t.clock.advance(40 * DAY);
    const coordinator = await signIn(t, org.coordinator);
    const body = (await coordinator.get(api('/cases/attention')).expect(200)).body as Attention;
    expect(body).toMatchObject({ reviewsOverdue: 1, tasksOverdue: 1, assessmentsOverdue: 57, referralsOverdue: 2, unassignedCases: 2 });
    expect(body.cases).toHaveLength(50);
    expect(body.cases[0]).toEqual({
      caseId: needy.caseId,
      caseNumber: needy.caseNumber,
      survivorAlias: 'Needy',
      assignedCaseworkerId: org.caseworker.id,
      reasons: ['plan review overdue', '1 task(s) overdue', 'intake assessment overdue', 'referral without answer for 48 h'],
    });
    expect(body.cases[1]).toMatchObject({ caseId: second.caseId, reasons: ['intake assessment overdue', 'referral without answer for 48 h'] });
    // Then the cases with one reason, by number: the first 48 of the 55 open ones, caseworker or not.
    const open = bulk.filter((c) => c.status !== 'closed').map((c) => c.case_number).sort();
    expect(body.cases.slice(2).map((c) => c.caseNumber)).toEqual(open.slice(0, 48));
    expect(body.cases.find((c) => c.caseNumber === 'AT-007')).toMatchObject({ assignedCaseworkerId: null, survivorAlias: 'Attention 7', reasons: ['intake assessment overdue'] });

    // One audit row names the 50 cases shown.
    const audit = await lastAudit(t, org.coordinator.id, 'list');
    expect(audit).toMatchObject({ subjectType: 'Case' });
    expect([...audit!.subjectIds!].sort()).toEqual(body.cases.map((c) => c.caseId).sort());

    // Once its intake assessment is recorded, the second case has one reason left, a referral: the 55 cases
    // whose one reason is an assessment come first (an earlier kind), and fill the list without it.
    const caseworker = await signIn(t, org.caseworker);
    await caseworker.post(api('/outcomes')).send({ caseId: second.caseId, stage: 'intake', assessedOn: day(-1, t.clock.now()) }).expect(201);
    const after = (await coordinator.get(api('/cases/attention')).expect(200)).body as Attention;
    expect(after).toMatchObject({ assessmentsOverdue: 56, referralsOverdue: 2 });
    expect(after.cases.map((c) => c.caseId)).not.toContain(second.caseId);
    expect(after.cases.slice(1).map((c) => c.caseNumber)).toEqual(open.slice(0, 49));

    // Another organization's coordinator sees none of it; a caseworker may not open the overview.
    const elsewhere = (await (await signIn(t, other.coordinator)).get(api('/cases/attention')).expect(200)).body as Attention;
    expect(elsewhere).toMatchObject({ reviewsOverdue: 0, tasksOverdue: 0, assessmentsOverdue: 1, referralsOverdue: 0, unassignedCases: 0 });
    expect(elsewhere.cases.map((c) => c.caseNumber)).toEqual(['AT-ELSEWHERE']);
    await caseworker.get(api('/cases/attention')).expect(403);
  });
});

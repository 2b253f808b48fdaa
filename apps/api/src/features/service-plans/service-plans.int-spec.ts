import { withOrgWorld, sentReferral } from '../../testing/builders.js';
import { createOrgFixture, signIn, api } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
const day = (offset: number, from: Date) => new Date(from.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

describe('service plans, outcomes and closure', () => {
  const { t, org, as: people } = withOrgWorld(['caseworker', 'coordinator']);
  // Signed in again by the test that moves the clock past the session lifetime.
  let { caseworker: cw, coordinator } = people;

  const today = () => t.clock.now().toISOString().slice(0, 10);
  const newPlan = async (caseId: string, extra: Record<string, unknown> = {}) =>
    (await cw.post(api('/service-plans')).send({ caseId, planType: 'SexualExploitationRehabilitation', startsOn: today(), reviewDate: day(30, t.clock.now()), ...extra }).expect(201)).body;

  describe('plan, versions and agreement', () => {
    it('builds a plan with goals and tasks, records agreement to a revision, and opens a new revision on change', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      // A plan without its dates is a 400 naming them (it was a 500: the date check lets a missing value through).
      const undated = await cw.post(api('/service-plans')).send({ caseId: kase.id, planType: 'SexualExploitationRehabilitation' }).expect(400);
      expect(Object.keys(undated.body.errors as object).sort()).toEqual(['reviewDate', 'startsOn']);
      const plan = await newPlan(kase.id);
      expect(plan).toMatchObject({ planNumber: 1, status: 'active', revision: 1, agreedRevision: null, agreementCurrent: false, goals: [] });
      const housing = (await cw.post(api('/goals')).send({ planId: plan.id, domain: 'housing', description: 'A safe flat of my own', targetDate: day(120, t.clock.now()) }).expect(201)).body;
      const work = (await cw.post(api('/goals')).send({ planId: plan.id, domain: 'employment', description: 'Part-time work' }).expect(201)).body;
      const task = (await cw.post(api('/tasks')).send({ goalId: housing.id, description: 'Visit the housing office', owner: 'survivor', dueDate: day(7, t.clock.now()) }).expect(201)).body;
      await cw.post(api('/tasks')).send({ goalId: work.id, description: 'Write a CV', owner: 'caseworker' }).expect(201);

      const before = (await cw.get(api(`/service-plans/${plan.id}`)).expect(200)).body;
      expect(before.goals.map((g: { domain: string }) => g.domain).sort()).toEqual(['employment', 'housing']);
      expect(before.goals.find((g: { id: string }) => g.id === housing.id).tasks[0].description).toBe('Visit the housing office');

      await cw.post(api(`/service-plans/${plan.id}/agreements`)).send({ revision: 2, agreedOn: today(), method: 'in_person_signature' }).expect(409);
      const agreed = (await cw.post(api(`/service-plans/${plan.id}/agreements`)).send({ revision: 1, agreedOn: today(), method: 'in_person_signature' }).expect(200)).body;
      expect(agreed).toMatchObject({ revision: 1, agreedRevision: 1, agreementCurrent: true });

      // Progress does not reopen the agreement...
      const ticked = (await cw.patch(api(`/tasks/${task.id}`)).send({ done: true, version: task.version }).expect(200)).body;
      expect(ticked.doneAt).not.toBeNull();
      const progress = (await cw.get(api(`/service-plans/${plan.id}`)).expect(200)).body;
      expect(progress).toMatchObject({ revision: 1, agreementCurrent: true });
      // ...but a change to what was agreed does.
      await cw.post(api('/goals')).send({ planId: plan.id, domain: 'safety', description: 'A safety plan for the commute' }).expect(201);
      const changed = (await cw.get(api(`/service-plans/${plan.id}`)).expect(200)).body;
      expect(changed).toMatchObject({ revision: 2, agreedRevision: 1, agreementCurrent: false });
      await cw.post(api(`/service-plans/${plan.id}/agreements`)).send({ revision: 2, agreedOn: today(), method: 'phone' }).expect(200);

      const versions = (await cw.get(api(`/service-plans/${plan.id}/versions`)).expect(200)).body as { revision: number; method: string; goals: { domain: string }[] }[];
      expect(versions.map((v) => [v.revision, v.method, v.goals.length])).toEqual([
        [1, 'in_person_signature', 2],
        [2, 'phone', 3],
      ]);
      const raw = await t.dataSource.query('SELECT content FROM service_plan_version WHERE plan_id = $1', [plan.id]);
      expect(raw[0].content).toMatch(/^v1\./);
      const goalRaw = await t.dataSource.query('SELECT description FROM goal WHERE id = $1', [housing.id]);
      expect(goalRaw[0].description).toMatch(/^v1\./);
    });

    it('keeps one active plan per case; a replacement keeps the earlier one read-only', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const first = await newPlan(kase.id);
      const second = await cw.post(api('/service-plans')).send({ caseId: kase.id, planType: 'Livelihood', startsOn: today(), reviewDate: day(10, t.clock.now()) }).expect(409);
      expect(second.body.errors).toHaveProperty(['caseId']);
      const replacement = await newPlan(kase.id, { replacesPlanId: first.id, planType: 'Livelihood' });
      expect(replacement.planNumber).toBe(2);
      const old = (await cw.get(api(`/service-plans/${first.id}`)).expect(200)).body;
      expect(old.status).toBe('superseded');
      const refused = await cw.post(api('/goals')).send({ planId: first.id, domain: 'legal', description: 'x' }).expect(409);
      expect(refused.body.code).toBe('PLAN_READ_ONLY');
    });

    it.each([
      ['a target date before the plan starts', '/goals', (p: string) => ({ planId: p, domain: 'housing', description: 'x', targetDate: '2001-01-01' }), 'targetDate'],
      ['an impossible date', '/goals', (p: string) => ({ planId: p, domain: 'housing', description: 'x', targetDate: '2027-02-30' }), 'targetDate'],
      ['an unknown domain', '/goals', (p: string) => ({ planId: p, domain: 'happiness', description: 'x' }), 'domain'],
      ['a partner task without a referral', '/tasks', () => ({ goalId: 'GOAL', description: 'x', owner: 'partner' }), 'referralId'],
      ['a review before the start', '/service-plans', (_p: string, c: string) => ({ caseId: c, planType: 'Legal', startsOn: '2026-06-01', reviewDate: '2026-05-01' }), 'reviewDate'],
      ['an unknown plan type', '/service-plans', (_p: string, c: string) => ({ caseId: c, planType: 'Astrology', startsOn: '2026-06-01', reviewDate: '2026-07-01' }), 'planType'],
    ])('refuses %s, naming it, and writes nothing', async (_label, path, body, field) => {
      const { kase } = await createSurvivorWithCase(cw);
      const plan = path === '/service-plans' ? null : await newPlan(kase.id);
      const goal = plan ? (await cw.post(api('/goals')).send({ planId: plan.id, domain: 'housing', description: 'g' }).expect(201)).body : null;
      const payload = JSON.parse(JSON.stringify(body(plan?.id ?? '', kase.id as string)).replace('"GOAL"', `"${goal?.id}"`));
      const count = async () => (await t.dataSource.query('SELECT (SELECT count(*) FROM goal) + (SELECT count(*) FROM task) + (SELECT count(*) FROM service_plan) AS n'))[0].n;
      const before = await count();
      const res = await cw.post(api(path)).send(payload);
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty([field]);
      expect(await count()).toBe(before);
    });

    it('a goal reaches a final status with the date reached', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const plan = await newPlan(kase.id);
      const goal = (await cw.post(api('/goals')).send({ planId: plan.id, domain: 'legal', description: 'T-visa filed' }).expect(201)).body;
      const achieved = (await cw.patch(api(`/goals/${goal.id}`)).send({ status: 'achieved', version: goal.version }).expect(200)).body;
      expect(achieved).toMatchObject({ status: 'achieved', reachedOn: today() });
      await cw.patch(api(`/goals/${goal.id}`)).send({ status: 'in_progress', reachedOn: today(), version: achieved.version }).expect(400);
    });
  });

  describe('who may do what', () => {
    it('coordinators read plans and outcomes; other caseworkers, admins and analysts get nothing; partners only their tasks', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const { referral } = await sentReferral({ caseworker: cw, coordinator }, org, { survivorId: kase.survivorId as string, caseId: kase.id }, { consent: { caseId: undefined } });
      const plan = await newPlan(kase.id);
      const goal = (await cw.post(api('/goals')).send({ planId: plan.id, domain: 'housing', description: 'Housing', referralIds: [referral.id] }).expect(201)).body;
      const partnerTask = (await cw.post(api('/tasks')).send({ goalId: goal.id, description: 'Hold a room for two weeks', owner: 'partner', referralId: referral.id }).expect(201)).body;
      await cw.post(api('/tasks')).send({ goalId: goal.id, description: 'Private caseworker task', owner: 'caseworker' }).expect(201);
      const outcome = (await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: 'intake', assessedOn: today(), housingSituation: 101, safetyRating: 2 }).expect(201)).body;

      const seen = (await coordinator.get(api(`/service-plans/${plan.id}`)).expect(200)).body;
      expect(seen.goals[0].tasks).toHaveLength(2);
      await coordinator.get(api(`/outcomes/${outcome.id}`)).expect(200);
      await coordinator.post(api('/goals')).send({ planId: plan.id, domain: 'legal', description: 'x' }).expect(403);
      await coordinator.patch(api(`/tasks/${partnerTask.id}`)).send({ done: true, version: partnerTask.version }).expect(403);

      const cw2 = await signIn(t, org.caseworker2);
      await cw2.get(api(`/service-plans/${plan.id}`)).expect(404);
      await cw2.get(api(`/outcomes/${outcome.id}`)).expect(404);
      await cw2.post(api('/goals')).send({ planId: plan.id, domain: 'legal', description: 'x' }).expect(400);
      for (const role of ['admin', 'analyst'] as const) {
        const agent = await signIn(t, org.users[role]);
        await agent.get(api('/service-plans')).expect(403);
        await agent.get(api('/outcomes')).expect(403);
        await agent.get(api('/tasks')).expect(403);
      }

      const partner = await signIn(t, org.partner);
      const tasks = (await partner.get(api('/tasks')).expect(200)).body as Record<string, unknown>[];
      expect(tasks.map((x) => x.id)).toEqual([partnerTask.id]);
      expect(Object.keys(tasks[0]!).sort()).toEqual(['description', 'doneAt', 'dueDate', 'goalId', 'id', 'overdue', 'owner', 'referralId', 'version']);
      const listed = await t.dataSource.query(`SELECT subject_ids FROM audit_event WHERE actor_id = $1 AND action = 'list' AND subject_type = 'Task' ORDER BY seq DESC LIMIT 1`, [org.partner.id]);
      expect(listed[0].subject_ids).toEqual([partnerTask.id]);
      await partner.get(api(`/service-plans/${plan.id}`)).expect(403);
      const done = (await partner.patch(api(`/tasks/${partnerTask.id}`)).send({ done: true, version: partnerTask.version }).expect(200)).body;
      expect(done.doneAt).not.toBeNull();
      await partner.patch(api(`/tasks/${partnerTask.id}`)).send({ description: 'changed', version: done.version }).expect(403);
    });
  });

  describe('reads are audited', () => {
    /** The audit rows `run` writes, oldest first: what was read, by whom, one or many records. */
    const auditedBy = async (userId: string, run: () => Promise<unknown>) => {
      const [{ seq }] = await t.dataSource.query('SELECT coalesce(max(seq), 0) AS seq FROM audit_event');
      await run();
      const rows = (await t.dataSource.query(
        `SELECT action, subject_type, subject_id, coalesce(array_to_string(subject_ids, ','), '') AS ids
           FROM audit_event WHERE seq > $1 AND actor_id = $2 ORDER BY seq`,
        [seq, userId],
      )) as { action: string; subject_type: string; subject_id: string | null; ids: string }[];
      return rows.map((r) => [r.action, r.subject_type, r.subject_id ?? r.ids.split(',').sort().join(',')]);
    };

    it('audits opening a plan with its goals and tasks, its agreed versions, lists and an assessment', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const plan = await newPlan(kase.id);
      const goal = (await cw.post(api('/goals')).send({ planId: plan.id, domain: 'housing', description: 'A flat' }).expect(201)).body;
      const task = (await cw.post(api('/tasks')).send({ goalId: goal.id, description: 'Call the office', owner: 'survivor' }).expect(201)).body;
      await cw.post(api(`/service-plans/${plan.id}/agreements`)).send({ revision: 1, agreedOn: today(), method: 'phone' }).expect(200);
      const outcome = (await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: 'intake', assessedOn: today(), safetyRating: 3 }).expect(201)).body;
      const who = org.coordinator.id;

      expect(await auditedBy(who, () => coordinator.get(api(`/service-plans/${plan.id}`)).expect(200))).toEqual([
        ['list', 'Goal', goal.id],
        ['list', 'Task', task.id],
        ['read', 'ServicePlan', plan.id],
      ]);
      const versions = await auditedBy(who, () => coordinator.get(api(`/service-plans/${plan.id}/versions`)).expect(200));
      expect(versions).toEqual([
        ['list', 'ServicePlan', plan.id],
        ['list', 'Goal', goal.id],
        ['list', 'Task', task.id],
      ]);
      expect(await auditedBy(who, () => coordinator.get(api(`/outcomes/${outcome.id}`)).expect(200))).toEqual([['read', 'OutcomeAssessment', outcome.id]]);
      const filter = (f: Record<string, unknown>) => `filter=${encodeURIComponent(JSON.stringify(f))}`;
      expect(await auditedBy(who, () => coordinator.get(api(`/goals?${filter({ planId: plan.id })}`)).expect(200))).toEqual([['list', 'Goal', goal.id]]);
      expect(await auditedBy(who, () => coordinator.get(api(`/tasks?${filter({ planId: plan.id })}`)).expect(200))).toEqual([['list', 'Task', task.id]]);
      expect(await auditedBy(who, () => coordinator.get(api(`/outcomes?${filter({ caseId: kase.id })}`)).expect(200))).toEqual([['list', 'OutcomeAssessment', outcome.id]]);
      expect(await auditedBy(who, () => coordinator.get(api(`/service-plans?${filter({ caseId: kase.id })}`)).expect(200))).toEqual([['list', 'ServicePlan', plan.id]]);
      // Out of reach: 404, and nothing read.
      const cw2 = await signIn(t, org.caseworker2);
      expect((await auditedBy(org.caseworker2.id, () => cw2.get(api(`/service-plans/${plan.id}/versions`)).expect(404))).filter(([action]) => action !== 'denied')).toEqual([]);
    });

    it('the caseworker of the case corrects an assessment; a coordinator may not, another caseworker cannot see it', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const outcome = (await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: 'intake', assessedOn: today(), safetyRating: 3 }).expect(201)).body;
      expect(outcome).toMatchObject({ caseId: kase.id, safetyRating: 3 });
      await coordinator.patch(api(`/outcomes/${outcome.id}`)).send({ safetyRating: 4, version: outcome.version }).expect(403);
      const cw2 = await signIn(t, org.caseworker2);
      await cw2.patch(api(`/outcomes/${outcome.id}`)).send({ safetyRating: 4, version: outcome.version }).expect(404);
      const corrected = (await cw.patch(api(`/outcomes/${outcome.id}`)).send({ safetyRating: 4, version: outcome.version }).expect(200)).body;
      expect(corrected).toMatchObject({ id: outcome.id, safetyRating: 4 });
      await cw.patch(api(`/outcomes/${outcome.id}`)).send({ safetyRating: 5, version: outcome.version }).expect(409);
    });
  });

  describe('outcome assessments', () => {
    it('records each stage once, with HMIS codes and the income change derived', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: 'intake', assessedOn: today(), housingSituation: 116, employment: 'not_employed_looking', monthlyIncome: 0, safetyRating: 1, returnedToTrafficker: false }).expect(201);
      const twice = await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: 'intake', assessedOn: today() }).expect(409);
      expect(twice.body.errors).toHaveProperty(['stage']);
      const bad = await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: '90_days', assessedOn: today(), housingSituation: 999 }).expect(400);
      expect(bad.body.errors).toHaveProperty(['housingSituation']);
      await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: '90_days', assessedOn: today(), safetyRating: 6 }).expect(400);
      await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: '90_days', assessedOn: day(3, t.clock.now()) }).expect(400);
      const later = (await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: '90_days', assessedOn: today(), housingSituation: 435, employment: 'employed_part_time', monthlyIncome: 1200, safetyRating: 4 }).expect(201)).body;
      expect(later).toMatchObject({ incomeChange: 'increased', housingCategory: 'permanent' });
    });
  });

  describe('closure and reopening', () => {
    it('explains what is missing, refuses to close without an exit assessment or with open referrals, then closes', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const { referral } = await sentReferral({ caseworker: cw, coordinator }, org, { survivorId: kase.survivorId as string, caseId: kase.id }, { consent: { caseId: undefined } });
      const plan = await newPlan(kase.id);

      const check = (await cw.get(api(`/cases/${kase.id}/closure-check`)).expect(200)).body;
      expect(check).toMatchObject({ canClose: false, openReferrals: 1 });
      expect(check.missing.map((m: { code: string }) => m.code).sort()).toEqual(['EXIT_ASSESSMENT_MISSING', 'OPEN_REFERRALS']);

      const body = { closureReason: 'completed_plan', exitDestination: 410 };
      const noExit = await cw.post(api(`/cases/${kase.id}/close`)).send(body).expect(409);
      expect(noExit.body.errors).toHaveProperty(['exitAssessment']);
      await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: 'exit', assessedOn: today(), housingSituation: 410 }).expect(201);
      const open = await cw.post(api(`/cases/${kase.id}/close`)).send(body).expect(409);
      expect(open.body.errors).toHaveProperty(['cancelOpenReferrals']);
      await cw.post(api(`/cases/${kase.id}/close`)).send({ ...body, exitDestination: 335 }).expect(400);
      await cw.post(api(`/cases/${kase.id}/close`)).send({ ...body, exitDestination: 12345 }).expect(400);
      await cw.post(api(`/cases/${kase.id}/close`)).send({ ...body, closureReason: 'bored' }).expect(400);
      expect((await cw.get(api(`/cases/${kase.id}`)).expect(200)).body.status).not.toBe('closed');

      // A caseworker may not cancel a sent referral, so she may not close the case over it (issue 11 §7).
      const notHers = (await cw.post(api(`/cases/${kase.id}/close`)).send({ ...body, cancelOpenReferrals: true }).expect(409)).body;
      expect(notHers).toMatchObject({ code: 'CASE_CLOSURE_REFERRALS_NOT_YOURS', errors: { referrals: [`${referral.id} is sent`] } });
      const closed = (await coordinator.post(api(`/cases/${kase.id}/close`)).send({ ...body, cancelOpenReferrals: true }).expect(200)).body;
      expect(closed).toMatchObject({ status: 'closed', closureReason: 'completed_plan', exitDestination: 410 });
      expect((await cw.get(api(`/referrals/${referral.id}`)).expect(200)).body.status).toBe('cancelled');
      expect((await cw.get(api(`/service-plans/${plan.id}`)).expect(200)).body.status).toBe('closed');

      // Closed cases are read-only except follow-up assessments.
      await cw.post(api('/goals')).send({ planId: plan.id, domain: 'legal', description: 'x' }).expect(409);
      await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: 'intake', assessedOn: today() }).expect(409);
      await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: '90_days', assessedOn: today(), safetyRating: 5 }).expect(201);

      await cw.post(api(`/cases/${kase.id}/reopen`)).send({ reason: 'She asked for help again' }).expect(403);
      const reopened = (await coordinator.post(api(`/cases/${kase.id}/reopen`)).send({ reason: 'She asked for help again' }).expect(200)).body;
      expect(reopened).toMatchObject({ status: 'active', exitDestination: null });
    });
  });

  describe('the dashboard: due and overdue', () => {
    it('flags overdue reviews and tasks and reminds of assessment stages as time passes', async () => {
      const fixture = await createOrgFixture(t.dataSource);
      const worker = await signIn(t, fixture.caseworker);
      const { kase } = await createSurvivorWithCase(worker);
      const plan = (await worker.post(api('/service-plans')).send({ caseId: kase.id, planType: 'SocialCare', startsOn: today(), reviewDate: day(20, t.clock.now()) }).expect(201)).body;
      const goal = (await worker.post(api('/goals')).send({ planId: plan.id, domain: 'health', description: 'See a doctor' }).expect(201)).body;
      await worker.post(api('/tasks')).send({ goalId: goal.id, description: 'Book the appointment', owner: 'survivor', dueDate: day(5, t.clock.now()) }).expect(201);

      const entry = async (agent: Agent) => ((await agent.get(api('/cases/caseload')).expect(200)).body as { caseId: string; reviewOverdue: boolean; overdueTasks: number; assessmentsDue: { stage: string; overdue: boolean }[] }[]).find((c) => c.caseId === kase.id)!;
      let now = await entry(worker);
      expect(now).toMatchObject({ reviewOverdue: false, overdueTasks: 0 });
      expect(now.assessmentsDue).toEqual([{ stage: 'intake', dueOn: today(), overdue: false }]);

      t.clock.advance(24 * 86_400_000);
      const later = await signIn(t, fixture.caseworker);
      now = await entry(later);
      expect(now).toMatchObject({ reviewOverdue: true, overdueTasks: 1 });

      t.clock.advance(60 * 86_400_000); // day 84: 90-day stage due within two weeks; intake overdue
      const again = await signIn(t, fixture.caseworker);
      now = await entry(again);
      expect(now.assessmentsDue.map((d) => [d.stage, d.overdue])).toEqual(expect.arrayContaining([['intake', true], ['90_days', false]]));
      await again.post(api('/outcomes')).send({ caseId: kase.id, stage: 'intake', assessedOn: day(-84, t.clock.now()) }).expect(201);
      now = await entry(again);
      expect(now.assessmentsDue.map((d) => d.stage)).toEqual(['90_days']);

      const coord = await signIn(t, fixture.coordinator);
      const attention = (await coord.get(api('/cases/attention')).expect(200)).body;
      expect(attention).toMatchObject({ reviewsOverdue: 1, tasksOverdue: 1 });
      expect(attention.cases[0]).toMatchObject({ caseId: kase.id });
      await again.get(api('/cases/attention')).expect(403);
      cw = await signIn(t, org.caseworker);
      coordinator = await signIn(t, org.coordinator);
    });

    it('finds a stage due from two weeks before to 90 days after its day, overdue from 31 days after, to the day at both ends of each', async () => {
      // The stages' windows are ranges of opened_at (CaseloadService.dueAssessments); this walks a case's
      // opening day across each edge of each stage's window, at the first and the last second of that day,
      // and checks both pages against the rule written as dates.
      const fixture = await createOrgFixture(t.dataSource);
      const worker = await signIn(t, fixture.caseworker);
      const coord = await signIn(t, fixture.coordinator);
      const { kase } = await createSurvivorWithCase(worker);
      const now = t.clock.now();
      const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
      const todayNumber = dayNumber(day(0, now));
      const stages = { intake: 0, '90_days': 90, '180_days': 180, '365_days': 365 };
      const openings = new Set<number>();
      for (const days of Object.values(stages)) for (const edge of [-90, -91, -31, -30, 14, 15, 0]) openings.add(edge - days);
      for (const offset of openings) {
        const opened = day(offset, now);
        const dueFor = (overdueOnly: boolean) =>
          Object.entries(stages)
            .filter(([, days]) => {
              const due = dayNumber(opened) + days;
              return due <= todayNumber + 14 && due >= todayNumber - 90 && (!overdueOnly || due < todayNumber - 30);
            })
            .map(([stage]) => stage)
            .sort();
        for (const time of ['00:00:00', '23:59:59']) {
          // The opening instant of that day in the database session's time zone, as opened_at::date reads it.
          await t.dataSource.query(`UPDATE survivor_case SET opened_at = ($1::date + $2::time)::timestamp::timestamptz WHERE id = $3`, [opened, time, kase.id]);
          const entry = ((await worker.get(api('/cases/caseload')).expect(200)).body as { caseId: string; assessmentsDue: { stage: string; dueOn: string }[] }[]).find((c) => c.caseId === kase.id)!;
          expect({ offset, time, due: entry.assessmentsDue.map((d) => d.stage).sort() }).toEqual({ offset, time, due: dueFor(false) });
          for (const d of entry.assessmentsDue) expect(dayNumber(d.dueOn) - dayNumber(opened)).toBe(stages[d.stage as keyof typeof stages]);
          const attention = (await coord.get(api('/cases/attention')).expect(200)).body as { assessmentsOverdue: number; cases: { caseId: string; reasons: string[] }[] };
          const overdue = dueFor(true);
          expect({ offset, time, overdue: attention.assessmentsOverdue }).toEqual({ offset, time, overdue: overdue.length });
          const reasons = attention.cases.find((c) => c.caseId === kase.id)?.reasons ?? [];
          expect(reasons.filter((r) => r.endsWith('assessment overdue')).sort()).toEqual(overdue.map((stage) => `${stage.replace('_', ' ')} assessment overdue`).sort());
        }
      }
      // A stage assessed is no longer due.
      await t.dataSource.query(`UPDATE survivor_case SET opened_at = $1::date WHERE id = $2`, [day(-200, now), kase.id]);
      const before = ((await worker.get(api('/cases/caseload')).expect(200)).body as { caseId: string; assessmentsDue: { stage: string }[] }[]).find((c) => c.caseId === kase.id)!;
      expect(before.assessmentsDue.map((d) => d.stage)).toContain('180_days');
      await worker.post(api('/outcomes')).send({ caseId: kase.id, stage: '180_days', assessedOn: day(0, now) }).expect(201);
      const after = ((await worker.get(api('/cases/caseload')).expect(200)).body as { caseId: string; assessmentsDue: { stage: string }[] }[]).find((c) => c.caseId === kase.id)!;
      expect(after.assessmentsDue.map((d) => d.stage)).not.toContain('180_days');
    });
  });
});

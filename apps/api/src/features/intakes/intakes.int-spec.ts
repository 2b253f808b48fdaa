import { MIGRATIONS } from '@lantern/migrations';
import type { MigrationInterface } from 'typeorm';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { CaseStatusChange } from '../../case-file/case-events.entity.js';
import { withOrgWorld } from '../../testing/builders.js';
import { signIn, api } from '../../testing/fixtures.js';
import { createSurvivorWithCase, FULL_SCREENING } from '../../testing/records.js';

/** Issue 13, "flows that contradict themselves": the intake's risk level and the case status it moves. */
describe('intakes', () => {
  const { t, org, as: { caseworker: cw } } = withOrgWorld(['caseworker']);

  const today = () => t.clock.now().toISOString().slice(0, 10);

  it('the risk level is "not assessed" (null) until the answers settle it, never "low" before any answer', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    const draft = (await cw.post(api('/intakes')).send({ caseId: kase.id, riskScreening: {} }).expect(201)).body;
    expect(draft.riskLevel).toBeNull();
    // Some "no" answers: a later "yes" could still raise it, so still not assessed.
    const partial = (
      await cw.patch(api(`/intakes/${draft.id}`)).send({ riskScreening: { minor: false, substanceDependence: false }, version: draft.version }).expect(200)
    ).body;
    expect(partial.riskLevel).toBeNull();
    // A critical "yes" settles it at once: nothing answered later can lower it.
    const critical = (
      await cw.patch(api(`/intakes/${draft.id}`)).send({ riskScreening: { inContactWithTrafficker: true }, version: partial.version }).expect(200)
    ).body;
    expect(critical.riskLevel).toBe('high');
    const answered = (await cw.patch(api(`/intakes/${draft.id}`)).send({ riskScreening: FULL_SCREENING, version: critical.version }).expect(200)).body;
    expect(answered.riskLevel).toBe('medium');
    // The case has no level before the intake is submitted.
    expect((await cw.get(api(`/cases/${kase.id}`)).expect(200)).body.riskLevel).toBeNull();
  });

  it('drafts saved before keep no provisional level: the migration clears what the answers do not settle', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    const { kase: kase2 } = await createSurvivorWithCase(cw);
    const empty = (await cw.post(api('/intakes')).send({ caseId: kase.id, riskScreening: {} }).expect(201)).body;
    const high = (await cw.post(api('/intakes')).send({ caseId: kase2.id, riskScreening: { inContactWithTrafficker: true } }).expect(201)).body;
    // As the earlier code stored them.
    await t.dataSource.query(`UPDATE intake SET risk_level = 'low' WHERE id = $1`, [empty.id]);
    const Migration = MIGRATIONS.find((m) => m.name === 'IntakeRiskNotAssessed1796730000000') as new () => MigrationInterface;
    const runner = t.dataSource.createQueryRunner();
    try {
      await new Migration().up(runner);
    } finally {
      await runner.release();
    }
    const levels = await t.dataSource.query(`SELECT id, risk_level FROM intake WHERE id IN ($1, $2)`, [empty.id, high.id]);
    expect(Object.fromEntries(levels.map((r: { id: string; risk_level: string | null }) => [r.id, r.risk_level]))).toEqual({ [empty.id]: null, [high.id]: 'high' });
  });

  it('submitting the intake moves the case from intake to active, with its status-change row and audit', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    expect(kase.status).toBe('intake');
    const draft = (
      await cw
        .post(api('/intakes'))
        .send({ caseId: kase.id, intakeDate: today(), identifiedBy: 'Hotline', exploitationTypes: ['SexualExploitation'], riskScreening: FULL_SCREENING })
        .expect(201)
    ).body;
    await cw.post(api(`/intakes/${draft.id}/submit`)).send({ version: draft.version }).expect(200);

    const after = (await cw.get(api(`/cases/${kase.id}`)).expect(200)).body;
    expect(after).toMatchObject({ status: 'active', riskLevel: 'medium', exploitationTypes: ['SexualExploitation'] });
    expect(after.version).toBeGreaterThan(kase.version);
    const changes = await t.dataSource.getRepository(CaseStatusChange).find({ where: { caseId: kase.id } });
    expect(changes).toEqual([expect.objectContaining({ fromStatus: 'intake', toStatus: 'active', reason: 'intake submitted', changedBy: org.caseworker.id })]);
    const audits = await t.dataSource.getRepository(AuditEvent).find({ where: { subjectId: kase.id, action: 'transition' } });
    expect(audits).toEqual([expect.objectContaining({ subjectType: 'Case', fields: ['status'], reason: 'intake → active: intake submitted' })]);
    // An edit that read the case before the submit is stale.
    await cw.put(api(`/cases/${kase.id}`)).send({ referralSource: 'Outreach', version: kase.version }).expect(409);
  });

  it('a case already past intake keeps its status when its intake is submitted', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    const coordinator = await signIn(t, org.coordinator);
    const active = (await cw.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'active', version: kase.version }).expect(200)).body;
    const held = (await coordinator.post(api(`/cases/${kase.id}/transitions`)).send({ to: 'on_hold', version: active.version }).expect(200)).body;
    const draft = (
      await cw
        .post(api('/intakes'))
        .send({ caseId: kase.id, intakeDate: today(), identifiedBy: 'Hotline', exploitationTypes: ['ForcedLabour'], riskScreening: FULL_SCREENING })
        .expect(201)
    ).body;
    await cw.post(api(`/intakes/${draft.id}/submit`)).send({ version: draft.version }).expect(200);
    expect(held.status).toBe('on_hold');
    expect((await cw.get(api(`/cases/${kase.id}`)).expect(200)).body).toMatchObject({ status: 'on_hold', riskLevel: 'medium' });
    const changes = await t.dataSource.getRepository(CaseStatusChange).find({ where: { caseId: kase.id }, order: { changedAt: 'ASC' } });
    expect(changes.map((c) => c.toStatus)).toEqual(['active', 'on_hold']);
  });
});

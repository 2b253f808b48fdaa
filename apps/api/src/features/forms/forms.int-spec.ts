import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { withOrgWorld, openCase, signInAs, type Agent } from '../../testing/builders.js';
import { api, createOrgFixture, FIXTURE_PASSWORD, type OrgFixture } from '../../testing/fixtures.js';
import { FULL_SCREENING } from '../../testing/records.js';

/** Settings of the built-in fields (issue 18, first slice; docs/forms.md), on both databases. */
describe('form settings', () => {
  let other: OrgFixture;

  const { t, org, as } = withOrgWorld(['admin', 'coordinator', 'caseworker', 'analyst', 'partner'] as const);
  beforeAll(async () => {
    other = await createOrgFixture(t.dataSource);
  });

  const put = (agent: Agent, form: string, body: unknown) => agent.put(api(`/forms/${form}`)).send(body as object);
  const rows = async (organizationId: string) =>
    Number(((await t.dataSource.query(`SELECT count(*)::int AS n FROM form_field_setting WHERE organization_id = $1`, [organizationId])) as { n: number }[])[0]!.n);
  const today = () => t.clock.now().toISOString().slice(0, 10);

  it('the staff who fill the forms read them; analysts and partners do not; an unknown form is a 404', async () => {
    for (const role of ['admin', 'coordinator', 'caseworker'] as const) {
      const res = await as[role].get(api('/forms/intake')).expect(200);
      expect(res.body).toMatchObject({ form: 'intake', version: 0, updatedAt: null });
      expect(res.body.fields.find((f: { key: string }) => f.key === 'intakeDate')).toMatchObject({ locked: 'intakeRule', builtInRequired: 'intake_submit', hidden: false, required: 'none', order: 1 });
    }
    for (const role of ['analyst', 'partner'] as const) await as[role].get(api('/forms/intake')).expect(403);
    await as.caseworker.get(api('/forms/shoes')).expect(404);
  });

  it('only admins change them, with a fresh step-up; every other role is refused and nothing is written', async () => {
    const body = { version: 0, fields: [{ key: 'traffickingStatus', hidden: true }] };
    for (const role of ['coordinator', 'caseworker', 'analyst', 'partner'] as const) await put(as[role], 'intake', body).expect(403);
    await t.dataSource.query(`UPDATE session SET step_up_at = step_up_at - interval '1 hour' WHERE user_id = $1`, [org.admin.id]);
    expect((await put(as.admin, 'intake', body).expect(403)).body.code).toBe('AUTH_STEP_UP_REQUIRED');
    expect(await rows(org.organizationId)).toBe(0);
    await as.admin.post(api('/auth/step-up')).send({ password: FIXTURE_PASSWORD }).expect(204);
  });

  it('bad input is a 400 naming each field, and nothing is written', async () => {
    const cases: [string, unknown, string[]][] = [
      ['intake', { version: 0, fields: [{ key: 'shoeSize' }] }, ['fields.shoeSize.key']],
      ['intake', { version: 0, fields: [{ key: 'intakeDate', hidden: true }] }, ['fields.intakeDate.hidden']],
      ['case', { version: 0, fields: [{ key: 'status', hidden: true }] }, ['fields.status.hidden']],
      ['survivor', { version: 0, fields: [{ key: 'gender', required: 'intake_draft' }] }, ['fields.gender.required']],
      ['intake', { version: 0, fields: [{ key: 'narrative', required: 'tomorrow' }] }, ['fields.narrative.required']],
      ['intake', { version: 0, fields: [{ key: 'riskScreening', required: 'case_close' }] }, ['fields.riskScreening.required']],
      ['intake', { version: 0, fields: [{ key: 'narrative', label: { en: '   ' } }] }, ['fields.narrative.label.en']],
      ['intake', { version: 0, fields: [{ key: 'narrative', label: { es: 'x'.repeat(81) } }] }, ['fields.narrative.label.es']],
      ['intake', { version: 0, fields: [{ key: 'narrative', help: { de: 'Hilfe' } }] }, ['fields.narrative.help.de']],
      ['intake', { version: 0, fields: [{ key: 'intakeDate', order: 2 }] }, ['fields.intakeDate.order', 'fields.identifiedBy.order']],
      ['intake', { version: 0, fields: [{ key: 'traffickingStatus', hidden: true, required: 'intake_submit' }] }, ['fields.traffickingStatus.required']],
    ];
    for (const [form, body, fields] of cases) {
      const res = await put(as.admin, form, body).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(Object.keys(res.body.errors).sort()).toEqual([...fields].sort());
    }
    await put(as.admin, 'intake', { version: 0, fields: 'all' }).expect(400);
    await put(as.admin, 'shoes', { version: 0, fields: [] }).expect(404);
    expect(await rows(org.organizationId)).toBe(0);
  });

  it('an admin relabels, requires, hides and reorders; the change is versioned and audited, and other organizations keep theirs', async () => {
    const res = await put(as.admin, 'intake', {
      version: 0,
      fields: [
        { key: 'traffickingStatus', label: { en: 'Status as identified', es: 'Estado al identificarla' }, help: { en: 'Ask gently.' }, required: 'intake_submit' },
        { key: 'forcedLabourIndustry', hidden: true },
        { key: 'controlMethods', order: 1 },
        { key: 'exploitationTypes', order: 4 },
      ],
    }).expect(200);
    expect(res.body).toMatchObject({ version: 1, updatedBy: org.admin.id });
    const status = res.body.fields.find((f: { key: string }) => f.key === 'traffickingStatus');
    expect(status).toMatchObject({ label: { en: 'Status as identified', es: 'Estado al identificarla' }, help: { en: 'Ask gently.' }, required: 'intake_submit', requiredFrom: 'intake_submit' });
    expect(res.body.fields.filter((f: { step: string }) => f.step === 'exploitation').map((f: { key: string }) => f.key)[0]).toBe('controlMethods');
    // The caseworker reads what the admin set.
    const read = (await as.caseworker.get(api('/forms/intake')).expect(200)).body;
    expect(read.fields.find((f: { key: string }) => f.key === 'forcedLabourIndustry')).toMatchObject({ hidden: true, required: 'none' });
    const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ actorId: org.admin.id, action: 'update', subjectType: 'FormSettings' });
    expect(audit.fields).toEqual(expect.arrayContaining(['traffickingStatus', 'forcedLabourIndustry', 'controlMethods', 'exploitationTypes']));
    expect(audit.subjectId).toBe(org.organizationId);
    // A stale version is refused whole.
    expect((await put(as.admin, 'intake', { version: 0, fields: [] }).expect(409)).body.code).toBe('STALE_VERSION');
    const [otherAdmin] = Object.values(await signInAs(t, other, ['admin']));
    expect((await otherAdmin!.get(api('/forms/intake')).expect(200)).body).toMatchObject({ version: 0 });
  });

  it('submitting an intake needs what the organization requires, of the intake, her record and the case; a hidden field is not required', async () => {
    await put(as.admin, 'survivor', { version: 0, fields: [{ key: 'gender', required: 'intake_submit' }] }).expect(200);
    const kase = await openCase(as.caseworker);
    const draft = (
      await as.caseworker
        .post(api('/intakes'))
        .send({ caseId: kase.caseId, intakeDate: today(), identifiedBy: 'NGO', exploitationTypes: ['SexualExploitation'], riskScreening: FULL_SCREENING })
        .expect(201)
    ).body;
    const refused = await as.caseworker.post(api(`/intakes/${draft.id}/submit`)).send({ version: draft.version }).expect(422);
    expect(refused.body.code).toBe('INTAKE_INCOMPLETE');
    expect(Object.keys(refused.body.errors).sort()).toEqual(['survivor.gender', 'traffickingStatus']);
    // A hidden field (forcedLabourIndustry) is never asked for; nothing was submitted.
    expect((await as.caseworker.get(api(`/intakes/${draft.id}`)).expect(200)).body.status).toBe('draft');
    const survivor = (await as.caseworker.get(api(`/survivors/${kase.survivorId}`)).expect(200)).body;
    await as.caseworker.patch(api(`/survivors/${kase.survivorId}`)).send({ gender: 'Feminine', version: survivor.version }).expect(200);
    const filled = (await as.caseworker.patch(api(`/intakes/${draft.id}`)).send({ traffickingStatus: 'PossibleVictimOfTrafficking', version: draft.version }).expect(200)).body;
    // The server keeps accepting a hidden field's value (docs/forms.md).
    const kept = (await as.caseworker.patch(api(`/intakes/${draft.id}`)).send({ forcedLabourIndustry: 'A_AgricultureForestryAndFishing', version: filled.version }).expect(200)).body;
    expect(kept.forcedLabourIndustry).toBe('A_AgricultureForestryAndFishing');
    expect((await as.caseworker.post(api(`/intakes/${draft.id}/submit`)).send({ version: kept.version }).expect(200)).body.status).toBe('submitted');
    // An amendment may not empty it again.
    const emptied = await as.caseworker.post(api(`/intakes/${draft.id}/amendments`)).send({ traffickingStatus: null, reason: 'Correction after review', version: kept.version + 1 }).expect(422);
    expect(Object.keys(emptied.body.errors)).toEqual(['traffickingStatus']);
  });

  it('a field required from the draft is required to save one (400 naming it)', async () => {
    const current = (await as.admin.get(api('/forms/intake')).expect(200)).body;
    const settings = current.fields.map((f: Record<string, unknown>) => ({ key: f.key, hidden: f.hidden, required: f.required, label: f.label, help: f.help, order: f.order }));
    const narrative = settings.find((f: { key: string }) => f.key === 'recruitmentCountry');
    narrative.required = 'intake_draft';
    await put(as.admin, 'intake', { version: current.version, fields: settings }).expect(200);
    const kase = await openCase(as.caseworker);
    const refused = await as.caseworker.post(api('/intakes')).send({ caseId: kase.caseId, intakeDate: today() }).expect(400);
    expect(Object.keys(refused.body.errors)).toEqual(['recruitmentCountry']);
    expect(Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM intake WHERE case_id = $1`, [kase.caseId]))[0].n)).toBe(0);
    await as.caseworker.post(api('/intakes')).send({ caseId: kase.caseId, intakeDate: today(), recruitmentCountry: 'MX' }).expect(201);
    // Back to no requirement at the draft, for the next test.
    narrative.required = 'none';
    await put(as.admin, 'intake', { version: current.version + 1, fields: settings }).expect(200);
  });

  it('closing a case needs what the organization requires at closure; the closure check names it', async () => {
    await put(as.admin, 'case', { version: 0, fields: [{ key: 'referralSource', required: 'case_close' }] }).expect(200);
    const kase = await openCase(as.caseworker);
    const current = (await as.caseworker.get(api(`/cases/${kase.caseId}`)).expect(200)).body;
    await as.caseworker.patch(api(`/cases/${kase.caseId}`)).send({ referralSource: null, version: current.version }).expect(200);
    await as.caseworker.post(api('/outcomes')).send({ caseId: kase.caseId, stage: 'exit', assessedOn: today(), housingSituation: 410, safetyRating: 4 }).expect(201);
    const check = (await as.caseworker.get(api(`/cases/${kase.caseId}/closure-check`)).expect(200)).body;
    expect(check.canClose).toBe(false);
    // A field required at submission is required at closure too (survivor.gender, set above; the intake was never started).
    expect(check.missing).toEqual([expect.objectContaining({ code: 'REQUIRED_FIELDS_MISSING' })]);
    expect(check.missing[0].fields.sort()).toEqual(['case.referralSource', 'intake.traffickingStatus', 'survivor.gender']);
    const latest = (await as.caseworker.get(api(`/cases/${kase.caseId}`)).expect(200)).body;
    const refused = await as.caseworker.post(api(`/cases/${kase.caseId}/close`)).send({ closureReason: 'completed_plan', exitDestination: 410, version: latest.version }).expect(409);
    expect(refused.body.code).toBe('CASE_CLOSURE_BLOCKED');
    expect(Object.keys(refused.body.errors).sort()).toEqual(['case.referralSource', 'intake.traffickingStatus', 'survivor.gender']);
    expect((await as.caseworker.get(api(`/cases/${kase.caseId}`)).expect(200)).body.status).not.toBe('closed');
  });
});

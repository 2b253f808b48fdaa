import type { ObjectLiteral } from 'typeorm';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { entityOf } from '../../access/records/subject-entities.js';
import { Case } from '../../case-file/case.entity.js';
import { api } from '../../testing/fixtures.js';
import { openCase, orgWorld, type Agent } from '../../testing/builders.js';
import type { TestApp } from '../../testing/test-app.js';

type Field = { id: string; version: number; key: string };
type Made = { id: string; version: number };
const CANARY = 'Quillimore Fendersby';

/**
 * Issue 18: a required custom field is required at its form's natural stage (docs/custom-fields.md,
 * "Required fields"): a case's at its closure, a referral's when it is sent, a survivor's (POST /survivors),
 * a contact's, a goal's and an outcome assessment's at their creation, whose POST carries `custom` checked as PUT /custom-values
 * checks it. Each field is retired at the end of its test, so the next ones are not bound by it.
 */
describe('required custom fields at each form stage, and custom values in create bodies', () => {
  let t: TestApp;
  let as: Record<'admin' | 'coordinator' | 'caseworker', Agent>;
  let org: Awaited<ReturnType<typeof orgWorld>>['org'];
  const today = () => t.clock.now().toISOString().slice(0, 10);

  const define = async (entity: string, key: string, body: Record<string, unknown> = {}): Promise<Field> =>
    (
      await as.admin
        .post(api('/custom-fields'))
        .send({ entity, key, type: 'yesNo', label: { en: key }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker', 'coordinator'], required: true, applyTo: 'new', ...body })
        .expect(201)
    ).body as Field;
  const retire = async (...fields: Field[]) => {
    for (const field of fields) {
      const current = (await as.admin.get(api(`/custom-fields/${field.id}`)).expect(200)).body as Field;
      await as.admin.post(api(`/custom-fields/${field.id}/retire`)).send({ version: current.version }).expect(200);
    }
  };
  const rows = (subject: 'Contact' | 'Goal' | 'OutcomeAssessment' | 'Referral' | 'Survivor') => t.dataSource.getRepository<ObjectLiteral>(entityOf(subject));
  const createAudit = (id: string) => t.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'create', subjectId: id });
  const exitAssessment = (caseId: string, extra: Record<string, unknown> = {}) =>
    as.caseworker.post(api('/outcomes')).send({ caseId, stage: 'exit', assessedOn: today(), housingSituation: 410, safetyRating: 4, ...extra });
  const close = (caseId: string) => as.caseworker.post(api(`/cases/${caseId}/close`)).send({ closureReason: 'completed_plan', exitDestination: 410 });

  beforeAll(async () => {
    ({ t, as, org } = await orgWorld(['admin', 'coordinator', 'caseworker'] as const));
  });
  afterAll(() => t.close());

  it('a case closes only with its required fields, whoever closes and whatever she may read; a retired or older-than-required field is not asked', async () => {
    const older = await openCase(as.caseworker);
    await exitAssessment(older.caseId).expect(201);
    const reason = await define('case', 'exitReferralMade');
    // Only coordinators read it: the caseworker closing is still refused, told its key and no value.
    const secret = await define('case', 'safeAddressKept', { type: 'shortText', pii: true, readRoles: ['coordinator'], writeRoles: ['coordinator'] });
    const gone = await define('case', 'gone');
    await retire(gone);

    // Opened before the fields became required (applyTo 'new'): closes without them.
    await close(older.caseId).expect(200);

    const kase = await openCase(as.caseworker);
    await exitAssessment(kase.caseId).expect(201);
    const check = (await as.caseworker.get(api(`/cases/${kase.caseId}/closure-check`)).expect(200)).body as { canClose: boolean; missing: { code: string; fields?: string[] }[] };
    expect(check.canClose).toBe(false);
    expect(check.missing.find((m) => m.code === 'REQUIRED_FIELDS_MISSING')?.fields?.sort()).toEqual(['custom.exitReferralMade', 'custom.safeAddressKept']);
    const refused = await close(kase.caseId).expect(409);
    expect(refused.body.code).toBe('CASE_CLOSURE_BLOCKED');
    expect(refused.body.errors).toEqual({ 'custom.exitReferralMade': ['is required to close the case'], 'custom.safeAddressKept': ['is required to close the case'] });
    expect(JSON.stringify(refused.body)).not.toContain('gone');
    expect((await t.dataSource.getRepository(Case).findOneByOrFail({ id: kase.caseId })).status).not.toBe('closed');

    const put = async (agent: Agent, values: Record<string, unknown>) => {
      const { version } = (await agent.get(api(`/custom-values/case/${kase.caseId}`)).expect(200)).body as { version: number };
      await agent.put(api(`/custom-values/case/${kase.caseId}`)).send({ version, values }).expect(200);
    };
    await put(as.caseworker, { exitReferralMade: false });
    expect((await close(kase.caseId).expect(409)).body.errors).toEqual({ 'custom.safeAddressKept': ['is required to close the case'] });
    await put(as.coordinator, { safeAddressKept: CANARY });
    await close(kase.caseId).expect(200);
    await retire(reason, secret);
  });

  it('a referral is sent only with its required fields; a draft created before they were required is sent without them', async () => {
    const kase = await openCase(as.caseworker);
    await as.caseworker
      .post(api('/consents'))
      .send({ survivorId: kase.survivorId, caseId: kase.caseId, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: ['alias'], method: 'written' })
      .expect(201);
    const draft = (custom?: Record<string, unknown>) =>
      as.caseworker.post(api('/referrals')).send({ caseId: kase.caseId, partnerOrgId: org.partnerOrg.id, serviceType: 'housing', sharedFields: ['alias'], ...(custom ? { custom } : {}) });
    const send = (id: string) => as.coordinator.post(api(`/referrals/${id}/transitions`)).send({ to: 'sent' });
    const old = (await draft().expect(201)).body as Made;
    const bed = await define('referral', 'bedNeeded');
    const gone = await define('referral', 'goneToo');
    await retire(gone);

    await send(old.id).expect(200);
    const bare = (await draft().expect(201)).body as Made;
    const refused = await send(bare.id).expect(422);
    expect(refused.body.code).toBe('REFERRAL_INCOMPLETE');
    expect(refused.body.errors).toEqual({ 'custom.bedNeeded': ['is required to send the referral'] });
    expect((await rows('Referral').findOneByOrFail({ id: bare.id })).status).toBe('draft');

    // Given in the draft's own POST: written with it, named in its create audit row, and then it is sent.
    const full = (await draft({ bedNeeded: true }).expect(201)).body as Made;
    expect((await as.caseworker.get(api(`/custom-values/referral/${full.id}`)).expect(200)).body.values).toEqual({ bedNeeded: true });
    expect((await createAudit(full.id)).fields).toEqual(expect.arrayContaining(['caseId', 'custom.bedNeeded']));
    await send(full.id).expect(200);

    // A bad value or a key of no referral field is refused like PUT /custom-values, and nothing is written.
    const before = await rows('Referral').count();
    expect((await draft({ bedNeeded: 'perhaps' }).expect(400)).body.errors).toHaveProperty(['custom.bedNeeded']);
    expect((await draft({ nope: 1 }).expect(400)).body.errors).toHaveProperty(['custom.nope']);
    expect(await rows('Referral').count()).toBe(before);
    await retire(bed);
  });

  it('a contact is logged only with its required fields; PII given in the POST is sealed with the new id; a value her role may not write is 403', async () => {
    const language = await define('contact', 'firstLanguage', { type: 'shortText', pii: true });
    const coordinatorsOnly = await define('contact', 'reviewedBy', { required: false, readRoles: ['caseworker', 'coordinator'], writeRoles: ['coordinator'] });
    const gone = await define('contact', 'goneThree');
    await retire(gone);
    const before = await rows('Contact').count();
    // The create dialog's fields: those her role may write, not retired, required marked.
    const form = async (agent: Agent) => ((await agent.get(api('/custom-values/contact/new')).expect(200)).body as { fields: { key: string; required: boolean }[] }).fields;
    expect((await form(as.caseworker)).map((f) => [f.key, f.required])).toEqual([['firstLanguage', true]]);
    expect((await form(as.coordinator)).map((f) => f.key).sort()).toEqual(['firstLanguage', 'reviewedBy']);

    const missing = await as.caseworker.post(api('/contacts')).send({ channel: 'call' }).expect(400);
    expect(missing.body.errors).toEqual({ 'custom.firstLanguage': ['is required'] });
    const forbidden = await as.caseworker.post(api('/contacts')).send({ channel: 'call', custom: { firstLanguage: 'Tigrinya', reviewedBy: true } }).expect(403);
    expect(forbidden.body.errors).toHaveProperty(['custom.reviewedBy']);
    expect((await as.caseworker.post(api('/contacts')).send({ channel: 'call', custom: { firstLanguage: 'x'.repeat(201) } }).expect(400)).body.errors).toHaveProperty(['custom.firstLanguage']);
    expect(await rows('Contact').count()).toBe(before);

    const made = (await as.caseworker.post(api('/contacts')).send({ channel: 'call', custom: { firstLanguage: CANARY } }).expect(201)).body as Made;
    const raw = (await rows('Contact').findOneByOrFail({ id: made.id })).custom as Record<string, unknown>;
    expect(JSON.stringify(raw)).not.toContain(CANARY);
    expect(raw[language.id]).toEqual({ c: expect.any(String) });
    expect((await as.caseworker.get(api(`/custom-values/contact/${made.id}`)).expect(200)).body.values).toEqual({ firstLanguage: CANARY });
    expect((await createAudit(made.id)).fields).toEqual(expect.arrayContaining(['channel', 'custom.firstLanguage']));
    await retire(language, coordinatorsOnly);
    // Retired: no longer asked.
    await as.caseworker.post(api('/contacts')).send({ channel: 'call' }).expect(201);
  });

  it('a goal and an outcome assessment are created only with their required fields, written with them', async () => {
    const kase = await openCase(as.caseworker);
    // An assessment without its date is a 400 naming it, not a 500.
    expect((await as.caseworker.post(api('/outcomes')).send({ caseId: kase.caseId, stage: 'exit' }).expect(400)).body.errors).toHaveProperty('assessedOn');
    const plan = (await as.caseworker.post(api('/service-plans')).send({ caseId: kase.caseId, planType: 'SexualExploitationRehabilitation', startsOn: today(), reviewDate: today() }).expect(201)).body as Made;
    const goalField = await define('goal', 'survivorChoseIt');
    const stageField = await define('outcomeAssessment', 'selfReported', { type: 'number', min: 0, max: 10 });
    const goal = (custom?: Record<string, unknown>) => as.caseworker.post(api('/goals')).send({ planId: plan.id, domain: 'housing', description: 'A flat', ...(custom ? { custom } : {}) });
    const [goals, assessments] = [await rows('Goal').count(), await rows('OutcomeAssessment').count()];

    expect((await goal().expect(400)).body.errors).toEqual({ 'custom.survivorChoseIt': ['is required'] });
    expect((await exitAssessment(kase.caseId).expect(400)).body.errors).toEqual({ 'custom.selfReported': ['is required'] });
    expect((await exitAssessment(kase.caseId, { custom: { selfReported: 11 } }).expect(400)).body.errors).toHaveProperty(['custom.selfReported']);
    expect([await rows('Goal').count(), await rows('OutcomeAssessment').count()]).toEqual([goals, assessments]);

    const made = (await goal({ survivorChoseIt: true }).expect(201)).body as Made;
    expect((await as.caseworker.get(api(`/custom-values/goal/${made.id}`)).expect(200)).body.values).toEqual({ survivorChoseIt: true });
    expect((await createAudit(made.id)).fields).toContain('custom.survivorChoseIt');
    const assessed = (await exitAssessment(kase.caseId, { custom: { selfReported: 7 } }).expect(201)).body as Made;
    expect((await as.caseworker.get(api(`/custom-values/outcome-assessment/${assessed.id}`)).expect(200)).body.values).toEqual({ selfReported: 7 });
    expect((await createAudit(assessed.id)).fields).toContain('custom.selfReported');
    await retire(goalField, stageField);
    await goal().expect(201);
  });
  it('a survivor is registered only with her required fields (nothing written otherwise); PII sealed under her new id; retired not asked; one older than the field keeps changing', async () => {
    const older = (await as.caseworker.post(api('/survivors')).send({ alias: 'Grey Wren' }).expect(201)).body as Made;
    // applyTo 'new': accepted while survivors exist, binds only those registered from now on.
    const language = await define('survivor', 'interviewLanguage', { type: 'shortText', pii: true });
    const coordinatorsOnly = await define('survivor', 'guardianKnown', { required: false, writeRoles: ['coordinator'] });
    const gone = await define('survivor', 'goneFour');
    await retire(gone);
    const register = (custom?: Record<string, unknown>) => as.caseworker.post(api('/survivors')).send({ alias: 'Blue Heron', ...(custom ? { custom } : {}) });
    const form = ((await as.caseworker.get(api('/custom-values/survivor/new')).expect(200)).body as { fields: { key: string; required: boolean }[] }).fields;
    expect(form.map((f) => [f.key, f.required])).toEqual([['interviewLanguage', true]]);

    const [before, audits] = [await rows('Survivor').count(), await t.dataSource.getRepository(AuditEvent).countBy({ action: 'create', subjectType: 'Survivor' })];
    expect((await register().expect(400)).body.errors).toEqual({ 'custom.interviewLanguage': ['is required'] });
    expect((await register({ interviewLanguage: 'x'.repeat(201) }).expect(400)).body.errors).toHaveProperty(['custom.interviewLanguage']);
    expect((await register({ interviewLanguage: 'Tigrinya', goneFour: true }).expect(400)).body.errors).toHaveProperty(['custom.goneFour']);
    expect((await register({ interviewLanguage: 'Tigrinya', guardianKnown: true }).expect(403)).body.errors).toHaveProperty(['custom.guardianKnown']);
    expect(await rows('Survivor').count()).toBe(before);
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'create', subjectType: 'Survivor' })).toBe(audits);

    const made = (await register({ interviewLanguage: CANARY }).expect(201)).body as Made;
    const raw = (await rows('Survivor').findOneByOrFail({ id: made.id })).custom as Record<string, unknown>;
    expect(JSON.stringify(raw)).not.toContain(CANARY);
    expect(raw[language.id]).toEqual({ c: expect.any(String) });
    expect((await as.caseworker.get(api(`/custom-values/survivor/${made.id}`)).expect(200)).body.values).toEqual({ interviewLanguage: CANARY });
    expect((await createAudit(made.id)).fields).toEqual(expect.arrayContaining(['alias', 'custom.interviewLanguage']));
    // The survivor registered before the field became required still changes without it.
    await as.caseworker.put(api(`/survivors/${older.id}`)).send({ version: older.version, preferredName: 'Wren' }).expect(200);
    // A survivor's change does not take custom (its values change through the values route).
    expect((await as.caseworker.put(api(`/survivors/${made.id}`)).send({ version: made.version, custom: { interviewLanguage: 'x' } }).expect(400)).body.errors).toHaveProperty('custom');
    await retire(language, coordinatorsOnly);
    await register().expect(201);
  });
});

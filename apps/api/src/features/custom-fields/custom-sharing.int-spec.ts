import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { api, signIn } from '../../testing/fixtures.js';
import { openCase, sentReferral, twoOrgWorld, type Agent } from '../../testing/builders.js';
import { FULL_SCREENING } from '../../testing/records.js';
import type { TestApp } from '../../testing/test-app.js';
import { CustomField } from './custom-field.entity.js';

type Field = { id: string; version: number; key: string; options: { id: string; label: { en: string } }[] };
type Shared = { entity: string; key: string; value: unknown; label: { en: string; es?: string } };
const PII_CANARY = 'Wobblethorpe Quenzig';

/**
 * Issue 18: shareable custom fields as consent items, shown to a partner on a referral only under the
 * survivor's live consent; and required intake custom fields at submission (docs/custom-fields.md).
 */
describe('custom fields shared under consent, and required at submission', () => {
  let t: TestApp;
  let as: Record<'admin' | 'coordinator' | 'caseworker' | 'partner', Agent>;
  let org: Awaited<ReturnType<typeof twoOrgWorld>>['org'];
  let otherAdmin: Agent;
  const f: Record<string, Field> = {};
  const options = (...labels: string[]) => labels.map((en) => ({ label: { en, es: `${en} (es)` } }));

  const define = async (key: string, body: Record<string, unknown>, agent: Agent = as.admin): Promise<Field> =>
    (
      await agent
        .post(api('/custom-fields'))
        .send({ entity: 'case', key, type: 'yesNo', label: { en: key, es: `${key} (es)` }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body })
        .expect(201)
    ).body as Field;
  const item = (field: Field) => `cf:${field.id}`;
  const consent = (agent: Agent, kase: { survivorId: string; caseId: string }, sharedFields: string[]) =>
    agent.post(api('/consents')).send({ survivorId: kase.survivorId, caseId: kase.caseId, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields, method: 'verbal' });

  beforeAll(async () => {
    const world = await twoOrgWorld(['admin', 'coordinator', 'caseworker', 'partner'] as const);
    ({ t, org, as } = world);
    otherAdmin = await signIn(t, world.other.admin);
    const partnerReads = { readRoles: ['caseworker', 'coordinator', 'partner'], shareable: true };
    f.industry = await define('industry', { type: 'multipleChoice', options: options('Farm', 'Factory'), ...partnerReads });
    f.bedNeeded = await define('bedNeeded', { entity: 'referral', ...partnerReads, writeRoles: ['caseworker', 'coordinator'] });
    f.languagesSpoken = await define('languagesSpoken', { entity: 'intake', type: 'shortText', ...partnerReads });
    f.faithGroup = await define('faithGroup', { entity: 'survivor', type: 'shortText', ...partnerReads });
    // Shareable, but partner staff may not read it: not a consent item.
    f.internal = await define('internal', { shareable: true });
    f.notShared = await define('notShared', { type: 'shortText' });
    f.story = await define('story', { type: 'shortText', pii: true, readRoles: ['caseworker'], writeRoles: ['caseworker'] });
    f.retired = await define('retired', partnerReads);
    await as.admin.post(api(`/custom-fields/${f.retired.id}/retire`)).send({ version: f.retired.version }).expect(200);
  });
  afterAll(() => t.close());

  it('refuses a PII field that is shareable, naming `shareable`, and writes nothing', async () => {
    const before = await t.dataSource.getRepository(CustomField).count();
    const refused = await as.admin
      .post(api('/custom-fields'))
      .send({ entity: 'case', key: 'secretShared', type: 'shortText', label: { en: 'x' }, pii: true, shareable: true, readRoles: ['caseworker'], writeRoles: ['caseworker'] })
      .expect(400);
    expect(refused.body.errors).toHaveProperty('shareable');
    const edit = await as.admin.put(api(`/custom-fields/${f.story.id}`)).send({ version: f.story.version, shareable: true }).expect(400);
    expect(edit.body.errors).toHaveProperty('shareable');
    expect(await t.dataSource.getRepository(CustomField).count()).toBe(before);
  });

  it('lists the shareable custom fields as consent items, to those who record consents only', async () => {
    await define('elsewhere', { readRoles: ['caseworker', 'partner'], shareable: true }, otherAdmin);
    const items = (await as.caseworker.get(api('/consents/custom-items')).expect(200)).body as { item: string; key: string; entity: string; label: { en: string; es: string } }[];
    expect(items.map((i) => i.key).sort()).toEqual(['bedNeeded', 'faithGroup', 'industry', 'languagesSpoken']);
    expect(items.find((i) => i.key === 'industry')).toMatchObject({ item: item(f.industry!), entity: 'case', label: { en: 'industry', es: 'industry (es)' } });
    await as.coordinator.get(api('/consents/custom-items')).expect(200);
    await as.partner.get(api('/consents/custom-items')).expect(403);
    await as.admin.get(api('/consents/custom-items')).expect(403);
  });

  it('a consent names only shareable custom fields of the organization', async () => {
    const kase = await openCase(as.caseworker);
    for (const refusedField of [f.notShared!, f.story!, f.internal!, f.retired!]) {
      const refused = await consent(as.caseworker, kase, ['alias', item(refusedField)]).expect(400);
      expect(refused.body.errors).toHaveProperty('sharedFields');
    }
    const theirs = (await otherAdmin.get(api('/custom-fields')).expect(200)).body as Field[];
    expect((await consent(as.caseworker, kase, [item(theirs[0]!)]).expect(400)).body.errors).toHaveProperty('sharedFields');
    expect((await consent(as.caseworker, kase, ['cf:not-a-field']).expect(400)).body.errors).toHaveProperty('sharedFields');
    const made = (await consent(as.caseworker, kase, ['alias', item(f.industry!)]).expect(201)).body as { sharedFields: string[] };
    expect(made.sharedFields).toEqual(['alias', item(f.industry!)]);
  });

  it('a partner sees a shareable value only while a live consent names it; the disclosure is audited; revoking hides it', async () => {
    const kase = await openCase(as.caseworker);
    const farm = f.industry!.options.find((o) => o.label.en === 'Farm')!.id;
    const caseValues = (await as.caseworker.get(api(`/custom-values/case/${kase.caseId}`)).expect(200)).body as { version: number };
    await as.caseworker
      .put(api(`/custom-values/case/${kase.caseId}`))
      .send({ version: caseValues.version, values: { industry: [farm], internal: true, notShared: 'kept inside', story: PII_CANARY } })
      .expect(200);
    const intake = (await as.caseworker.post(api('/intakes')).send({ caseId: kase.caseId, riskScreening: {} }).expect(201)).body as { id: string; version: number };
    await as.caseworker.put(api(`/intakes/${intake.id}`)).send({ version: intake.version, custom: { languagesSpoken: 'Tagalog' } }).expect(200);
    const survivorValues = (await as.caseworker.get(api(`/custom-values/survivor/${kase.survivorId}`)).expect(200)).body as { version: number };
    await as.caseworker.put(api(`/custom-values/survivor/${kase.survivorId}`)).send({ version: survivorValues.version, values: { faithGroup: 'Quaker meeting' } }).expect(200);
    // The referral's own consent shares the alias only.
    const { referral } = await sentReferral(as, org, kase, { sharedFields: ['alias'] });
    const { version } = (await as.coordinator.get(api(`/custom-values/referral/${referral.id}`)).expect(200)).body as { version: number };
    await as.coordinator.put(api(`/custom-values/referral/${referral.id}`)).send({ version, values: { bedNeeded: true } }).expect(200);
    const partnerView = async () => (await as.partner.get(api(`/referrals/${referral.id}`)).expect(200)).body as { sharedCustom: Shared[]; survivor: object };

    // Before any consent names a custom field: none.
    expect((await partnerView()).sharedCustom).toEqual([]);

    const custom = (await consent(as.caseworker, kase, [item(f.industry!), item(f.bedNeeded!)]).expect(201)).body as { id: string };
    const seen = await partnerView();
    expect(seen.sharedCustom.map((v) => [v.entity, v.key, v.value]).sort()).toEqual([
      ['case', 'industry', [farm]],
      ['referral', 'bedNeeded', true],
    ]);
    expect(seen.sharedCustom.find((v) => v.key === 'industry')!.label).toEqual({ en: 'industry', es: 'industry (es)' });
    const body = JSON.stringify(seen);
    for (const never of ['kept inside', PII_CANARY, 'internal', 'notShared', 'story', 'Tagalog', 'Quaker meeting']) expect(body).not.toContain(never);
    const disclosures = await t.dataSource.getRepository(AuditEvent).find({ where: { action: 'disclose', subjectId: kase.survivorId }, order: { occurredAt: 'DESC' } });
    expect(disclosures[0]!.fields).toEqual(expect.arrayContaining(['alias', 'custom.case.industry', 'custom.referral.bedNeeded']));
    expect(disclosures[0]!.reason).toContain(org.partnerOrg.id);

    // The intake's field and the survivor record's, once consented too.
    await consent(as.caseworker, kase, [item(f.languagesSpoken!), item(f.faithGroup!)]).expect(201);
    const more = (await partnerView()).sharedCustom;
    expect(more.map((v) => v.key).sort()).toEqual(['bedNeeded', 'faithGroup', 'industry', 'languagesSpoken']);
    expect(more.find((v) => v.key === 'faithGroup')).toMatchObject({ entity: 'survivor', value: 'Quaker meeting' });
    const latest = await t.dataSource.getRepository(AuditEvent).find({ where: { action: 'disclose', subjectId: kase.survivorId }, order: { occurredAt: 'DESC' } });
    expect(latest[0]!.fields).toEqual(expect.arrayContaining(['custom.survivor.faithGroup', 'custom.intake.languagesSpoken']));

    // Staff read the referral without `sharedCustom` (they have the values where they live).
    expect((await as.coordinator.get(api(`/referrals/${referral.id}`)).expect(200)).body).not.toHaveProperty('sharedCustom');

    // Revoked: gone at the next request, the other consent's item stays.
    await as.caseworker.post(api(`/consents/${custom.id}/revoke`)).send({ reason: 'She withdrew it' }).expect(200);
    expect((await partnerView()).sharedCustom.map((v) => v.key).sort()).toEqual(['faithGroup', 'languagesSpoken']);
  });

  it('a retired field, or one made not shareable, is not shown even under a consent that names it', async () => {
    const kase = await openCase(as.caseworker);
    const field = await define('temporary', { readRoles: ['caseworker', 'coordinator', 'partner'], shareable: true });
    const values = (await as.caseworker.get(api(`/custom-values/case/${kase.caseId}`)).expect(200)).body as { version: number };
    await as.caseworker.put(api(`/custom-values/case/${kase.caseId}`)).send({ version: values.version, values: { temporary: true } }).expect(200);
    const { referral } = await sentReferral(as, org, kase, { sharedFields: ['alias'] });
    await consent(as.caseworker, kase, [item(field)]).expect(201);
    const shown = async () => ((await as.partner.get(api(`/referrals/${referral.id}`)).expect(200)).body as { sharedCustom: Shared[] }).sharedCustom.map((v) => v.key);
    expect(await shown()).toEqual(['temporary']);
    const unshared = (await as.admin.put(api(`/custom-fields/${field.id}`)).send({ version: field.version, shareable: false, readRoles: ['caseworker', 'coordinator'] }).expect(200)).body as Field;
    expect(await shown()).toEqual([]);
    await as.admin.put(api(`/custom-fields/${field.id}`)).send({ version: unshared.version, shareable: true, readRoles: ['caseworker', 'coordinator', 'partner'] }).expect(200);
    expect(await shown()).toEqual(['temporary']);
    const current = (await as.admin.get(api(`/custom-fields/${field.id}`)).expect(200)).body as Field;
    await as.admin.post(api(`/custom-fields/${field.id}/retire`)).send({ version: current.version }).expect(200);
    expect(await shown()).toEqual([]);
  });

  describe('required intake fields at submission', () => {
    const complete = () => ({ intakeDate: t.clock.now().toISOString().slice(0, 10), identifiedBy: 'Hotline', exploitationTypes: ['SexualExploitation'], riskScreening: FULL_SCREENING });

    it('names each empty required field in INTAKE_INCOMPLETE; a retired or new-records-only field is not required', async () => {
      const kase = await openCase(as.caseworker);
      const older = (await as.caseworker.post(api('/intakes')).send({ caseId: kase.caseId, ...complete() }).expect(201)).body as { id: string; version: number };
      const controls = await define('controls', { entity: 'intake', type: 'multipleChoice', options: options('Debt', 'Threats'), required: true, applyTo: 'new' });
      const agency = await define('agencyNote', { entity: 'intake', type: 'shortText', pii: true, readRoles: ['caseworker'], required: true, applyTo: 'new' });
      const gone = await define('gone', { entity: 'intake', required: true, applyTo: 'new' });
      await as.admin.post(api(`/custom-fields/${gone.id}/retire`)).send({ version: gone.version }).expect(200);

      // A draft started before the fields became required (applyTo: 'new') is submitted without them.
      await as.caseworker.post(api(`/intakes/${older.id}/submit`)).send({ version: older.version }).expect(200);

      const kase2 = await openCase(as.caseworker);
      const draft = (await as.caseworker.post(api('/intakes')).send({ caseId: kase2.caseId, ...complete() }).expect(201)).body as { id: string; version: number };
      const refused = await as.caseworker.post(api(`/intakes/${draft.id}/submit`)).send({ version: draft.version }).expect(422);
      expect(refused.body.code).toBe('INTAKE_INCOMPLETE');
      expect(Object.keys(refused.body.errors).sort()).toEqual(['custom.agencyNote', 'custom.controls']);
      expect(refused.body.errors['custom.controls']).toEqual(['is required to submit']);
      // Filled in with the draft's save (the PII value as ciphertext counts as given): submitted.
      const saved = (
        await as.caseworker
          .put(api(`/intakes/${draft.id}`))
          .send({ version: draft.version, custom: { controls: [controls.options[0]!.id], agencyNote: 'Called the shelter' } })
          .expect(200)
      ).body as { version: number };
      await as.caseworker.post(api(`/intakes/${draft.id}/submit`)).send({ version: saved.version }).expect(200);
      await as.admin.post(api(`/custom-fields/${controls.id}/retire`)).send({ version: controls.version }).expect(200);
      await as.admin.post(api(`/custom-fields/${agency.id}/retire`)).send({ version: agency.version }).expect(200);
    });

    it('another organization’s required field does not bind this one', async () => {
      const theirs = await define('theirRequired', { entity: 'intake', required: true, applyTo: 'new' }, otherAdmin);
      expect(theirs.id).toBeDefined();
      const kase = await openCase(as.caseworker);
      const draft = (await as.caseworker.post(api('/intakes')).send({ caseId: kase.caseId, ...complete() }).expect(201)).body as { id: string; version: number };
      await as.caseworker.post(api(`/intakes/${draft.id}/submit`)).send({ version: draft.version }).expect(200);
    });
  });
});

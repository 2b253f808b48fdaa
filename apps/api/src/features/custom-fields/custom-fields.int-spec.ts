import { randomBytes } from 'node:crypto';
import { CUSTOM_FIELDS_PER_FORM } from '@lantern/contracts';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { Anonymizer } from '../erasure/anonymizer.js';
import { ENCRYPTED_JSON_COLUMNS, rotateKeys } from '../../kernel/crypto/key-rotation.js';
import { api, lastAudit, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { openCase, twoOrgWorld, type Agent } from '../../testing/builders.js';
import { closeCase } from '../../testing/records.js';
import { TEST_KEYS, testConfig, type TestApp } from '../../testing/test-app.js';
import { CustomField, CustomFieldVersion } from './custom-field.entity.js';

type Field = Record<string, unknown> & { id: string; version: number; key: string; options: { id: string; label: { en: string }; retired: boolean }[] };
type Values = { id: string; version: number; values: Record<string, unknown>; fields: { key: string; retired: boolean; writable: boolean }[] };

const CANARY = 'Zyxcustomcanary wage theft at the farm';

/** Issue 18: custom field definitions and values, on both databases (docs/custom-fields.md). */
describe('custom fields', () => {
  let t: TestApp;
  let org: OrgFixture;
  let other: OrgFixture;
  let as: Record<'admin' | 'coordinator' | 'caseworker' | 'caseworker2' | 'analyst' | 'partner', Agent>;
  let otherAdmin: Agent;
  let kase: { caseId: string; survivorId: string };
  let intakeId: string;

  beforeAll(async () => {
    const world = await twoOrgWorld(['admin', 'coordinator', 'caseworker', 'caseworker2', 'analyst', 'partner'] as const);
    ({ t, org, other, as } = world);
    otherAdmin = await signIn(t, other.admin);
    kase = await openCase(as.caseworker);
    intakeId = ((await as.caseworker.post(api('/intakes')).send({ caseId: kase.caseId, riskScreening: {} }).expect(201)).body as { id: string }).id;
  });
  afterAll(() => t.close());

  let serial = 0;
  const define = async (body: Record<string, unknown>, agent: Agent = as.admin): Promise<Field> =>
    (
      await agent
        .post(api('/custom-fields'))
        .send({ entity: 'case', key: `field${++serial}`, type: 'shortText', label: { en: `Field ${serial}`, es: `Campo ${serial}` }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body })
        .expect(201)
    ).body as Field;
  const refused = async (body: Record<string, unknown>) =>
    (await as.admin.post(api('/custom-fields')).send({ entity: 'case', key: `bad${++serial}`, type: 'shortText', label: { en: 'Bad' }, ...body }).expect(400)).body as { errors: Record<string, string[]> };
  const fieldCount = async () => t.dataSource.getRepository(CustomField).count();
  const readCase = async (agent: Agent = as.caseworker) => (await agent.get(api(`/custom-values/case/${kase.caseId}`)).expect(200)).body as Values;
  const writeCase = (values: Record<string, unknown>, agent: Agent = as.caseworker) =>
    readCase(agent).then((current) => agent.put(api(`/custom-values/case/${kase.caseId}`)).send({ version: current.version, values }));
  const raw = async (table: 'survivor_case' | 'intake', id: string) => ((await t.dataSource.query(`SELECT custom FROM ${table} WHERE id = $1`, [id])) as { custom: Record<string, unknown> }[])[0]!.custom;

  it('only admins manage definitions; every change is audited', async () => {
    const field = await define({ type: 'yesNo', metrics: true });
    expect(field).toMatchObject({ entity: 'case', type: 'yesNo', metrics: true, version: 1, retiredAt: null, organizationId: org.organizationId });
    expect(await lastAudit(t, org.admin.id, 'create')).toMatchObject({ subjectType: 'CustomFields', subjectId: field.id });
    for (const agent of [as.coordinator, as.caseworker, as.analyst, as.partner]) {
      await agent.get(api('/custom-fields')).expect(403);
      await agent.post(api('/custom-fields')).send({ entity: 'case', key: 'nope', type: 'yesNo', label: { en: 'No' } }).expect(403);
      await agent.put(api(`/custom-fields/${field.id}`)).send({ version: 1, label: { en: 'No' } }).expect(403);
      await agent.post(api(`/custom-fields/${field.id}/retire`)).send({ version: 1 }).expect(403);
    }
    const list = await as.admin.get(api('/custom-fields')).query({ filter: JSON.stringify({ entity: 'case' }), range: '[0,99]' }).expect(200);
    expect(list.headers['content-range']).toMatch(/^custom-fields 0-\d+\/\d+$/);
    expect((list.body as Field[]).map((f) => f.id)).toContain(field.id);
    // Another organization's admin does not see it, nor reach it.
    expect(((await otherAdmin.get(api('/custom-fields')).expect(200)).body as Field[]).map((f) => f.id)).not.toContain(field.id);
    await otherAdmin.get(api(`/custom-fields/${field.id}`)).expect(404);
    await otherAdmin.put(api(`/custom-fields/${field.id}`)).send({ version: 1, label: { en: 'Mine' } }).expect(404);
  });

  it('refuses bad definitions with a 400 naming the field, and writes nothing', async () => {
    const before = await fieldCount();
    expect((await refused({ type: 'singleChoice', options: [{ label: { en: 'Farm' } }, { label: { en: 'farm' } }] })).errors).toHaveProperty(['options[1].label.en']);
    expect((await refused({ key: 'caseNumber' })).errors.key![0]).toMatch(/built-in field of the case/);
    expect((await refused({ entity: 'intake', key: 'narrative' })).errors).toHaveProperty('key');
    expect((await refused({ entity: 'survivor', key: 'legalName' })).errors).toHaveProperty('key');
    expect((await refused({ type: 'shortText', metrics: true })).errors).toHaveProperty('metrics');
    expect((await refused({ type: 'yesNo', metrics: true, pii: true })).errors).toHaveProperty('metrics');
    expect((await refused({ type: 'singleChoice', options: [] })).errors).toHaveProperty('options');
    expect((await refused({ label: { en: 'Bad', fr: 'Mauvais' } })).errors).toHaveProperty(['label.fr']);
    expect((await refused({ type: 'number', min: 10, max: 1 })).errors).toHaveProperty('max');
    expect((await refused({ readRoles: ['caseworker'], writeRoles: ['coordinator'] })).errors).toHaveProperty('writeRoles');
    expect((await refused({ readRoles: ['partner'] })).errors).toHaveProperty('readRoles');
    expect((await refused({ pii: true, readRoles: ['caseworker', 'admin'] })).errors).toHaveProperty('readRoles');
    // A required field on a form whose records already exist: new records only, or backfilled.
    const required = await refused({ type: 'yesNo', required: true });
    expect(required.errors.applyTo![0]).toMatch(/already exist/);
    expect(await fieldCount()).toBe(before);
    // The same key twice on one form.
    const first = await define({});
    expect((await refused({ key: first.key })).errors).toHaveProperty('key');
    expect(await fieldCount()).toBe(before + 1);
  });

  it('refuses the 201st field of a form', async () => {
    const repo = t.dataSource.getRepository(CustomField);
    const existing = await repo.count({ where: { organizationId: org.organizationId, entity: 'survivor' } });
    await repo.insert(
      Array.from({ length: CUSTOM_FIELDS_PER_FORM - existing }, (_, i) => ({ organizationId: org.organizationId, entity: 'survivor' as const, key: `bulk${i}`, type: 'yesNo' as const, label: { en: `Bulk ${i}` } })),
    );
    const before = await fieldCount();
    expect((await refused({ entity: 'survivor', type: 'yesNo' })).errors.entity![0]).toMatch(/200 custom fields/);
    expect(await fieldCount()).toBe(before);
    // Another form of the same organization still takes fields.
    await define({ entity: 'goal', type: 'yesNo' });
  });

  it('a required field: only for new records, or backfilled on every existing one', async () => {
    const onlyNew = await define({ type: 'yesNo', required: true, applyTo: 'new' });
    expect(onlyNew).toMatchObject({ required: true, applyTo: 'new' });
    // The backfill value is checked against the definition like any value.
    const badBackfill = await refused({ type: 'singleChoice', options: [{ label: { en: 'Unknown' } }, { label: { en: 'Known' } }], required: true, applyTo: 'backfill', backfillValue: 'nope' });
    expect(badBackfill.errors).toHaveProperty('backfillValue');
    expect((await refused({ type: 'yesNo', required: true, applyTo: 'backfill' })).errors).toHaveProperty('backfillValue');
    const ok = (
      await as.admin
        .post(api('/custom-fields'))
        .send({ entity: 'case', key: 'documented', type: 'yesNo', label: { en: 'Documented' }, readRoles: ['caseworker'], writeRoles: ['caseworker'], required: true, applyTo: 'backfill', backfillValue: false })
        .expect(201)
    ).body as Field;
    expect((await raw('survivor_case', kase.caseId))[ok.id]).toBe(false);
    expect((await readCase()).values.documented).toBe(false);
    // A required field cannot be cleared.
    expect((await writeCase({ documented: null })).status).toBe(400);
    // A PII field is never backfilled with one value for everyone.
    expect((await refused({ type: 'shortText', pii: true, required: true, applyTo: 'backfill', backfillValue: 'x' })).errors).toHaveProperty('applyTo');
  });

  it('values round-trip on the case and the intake, checked against the definition, audited', async () => {
    const hours = await define({ key: 'weeklyHours', type: 'number', min: 0, max: 120 });
    await define({ key: 'exploitedSince', type: 'date' });
    const industries = await define({ key: 'industries', type: 'multipleChoice', options: [{ label: { en: 'Farm', es: 'Granja' } }, { label: { en: 'Hotel' } }, { label: { en: 'Factory' } }] });
    await define({ key: 'secondContact', type: 'person' });
    const [farm, hotel] = industries.options;
    const written = await writeCase({ weeklyHours: 72, exploitedSince: '2025-03-01', industries: [farm!.id, hotel!.id], secondContact: org.caseworker2.id });
    expect(written.status).toBe(200);
    expect((written.body as Values).values).toMatchObject({ weeklyHours: 72, exploitedSince: '2025-03-01', industries: [farm!.id, hotel!.id], secondContact: org.caseworker2.id });
    expect(await lastAudit(t, org.caseworker.id, 'update')).toMatchObject({ subjectType: 'Case', subjectId: kase.caseId, fields: expect.arrayContaining(['custom.weeklyHours', 'custom.industries']) });
    // Stored by field id, so a new key keeps the value.
    expect((await raw('survivor_case', kase.caseId))[hours.id]).toBe(72);
    const renamed = (await as.admin.put(api(`/custom-fields/${hours.id}`)).send({ version: hours.version, key: 'hoursPerWeek' }).expect(200)).body as Field;
    expect(renamed.key).toBe('hoursPerWeek');
    const read = await readCase();
    expect(read.values.hoursPerWeek).toBe(72);
    expect(await lastAudit(t, org.caseworker.id, 'read')).toMatchObject({ subjectType: 'Case', subjectId: kase.caseId, fields: expect.arrayContaining(['custom.hoursPerWeek', 'custom.secondContact']) });

    const bad = async (values: Record<string, unknown>, field: string) => {
      const response = await writeCase(values);
      expect([response.status, Object.keys((response.body as { errors?: object }).errors ?? {})]).toEqual([400, [field]]);
    };
    await bad({ hoursPerWeek: 121 }, 'values.hoursPerWeek');
    await bad({ hoursPerWeek: '40' }, 'values.hoursPerWeek');
    await bad({ exploitedSince: '2025-02-30' }, 'values.exploitedSince');
    await bad({ industries: ['not-an-option'] }, 'values.industries[0]');
    await bad({ secondContact: org.partner.id }, 'values.secondContact');
    await bad({ secondContact: other.caseworker.id }, 'values.secondContact');
    await bad({ noSuchField: 1 }, 'values.noSuchField');
    expect((await readCase()).values).toMatchObject({ hoursPerWeek: 72, industries: [farm!.id, hotel!.id] });
    // A stale version is a conflict.
    await as.caseworker.put(api(`/custom-values/case/${kase.caseId}`)).send({ version: 1, values: { hoursPerWeek: 10 } }).expect(409);

    // The intake: a field of the intake form, on the intake record.
    const industry = await define({ entity: 'intake', key: 'industry', type: 'singleChoice', options: [{ label: { en: 'Agriculture' } }, { label: { en: 'Domestic work' } }] });
    const intake = (await as.caseworker.get(api(`/custom-values/intake/${intakeId}`)).expect(200)).body as Values;
    expect(intake.values).toEqual({});
    const saved = (await as.caseworker.put(api(`/custom-values/intake/${intakeId}`)).send({ version: intake.version, values: { industry: industry.options[1]!.id } }).expect(200)).body as Values;
    expect(saved.values.industry).toBe(industry.options[1]!.id);
    expect((await raw('intake', intakeId))[industry.id]).toBe(industry.options[1]!.id);
    // A react-admin client sends the record back as it fetched it: the echo is no change.
    const echoed = await as.caseworker.put(api(`/custom-values/intake/${intakeId}`)).send({ ...saved, values: { ...saved.values } }).expect(200);
    expect((echoed.body as Values).version).toBe(saved.version);
  });

  it('a PII value is ciphertext at rest, and a role without read permission never sees it', async () => {
    const story = await define({ key: 'employerStory', type: 'longText', pii: true, readRoles: ['caseworker'], writeRoles: ['caseworker'] });
    await writeCase({ employerStory: CANARY }).then((r) => expect(r.status).toBe(200));
    const stored = (await raw('survivor_case', kase.caseId))[story.id] as { c: string };
    expect(stored.c).toMatch(/^v1\./);
    expect(JSON.stringify(await raw('survivor_case', kase.caseId))).not.toContain('Zyxcustomcanary');
    expect((await readCase()).values.employerStory).toBe(CANARY);
    // The coordinator may read the case, not this field: not in the values, not in the fields, and not writable.
    const seen = await readCase(as.coordinator);
    expect(seen.values).not.toHaveProperty('employerStory');
    expect(seen.fields.map((f) => f.key)).not.toContain('employerStory');
    expect(JSON.stringify(seen)).not.toContain('Zyxcustomcanary');
    const denied = await as.coordinator.put(api(`/custom-values/case/${kase.caseId}`)).send({ version: seen.version, values: { employerStory: 'overwrite' } });
    expect(denied.status).toBe(403);
    expect(await lastAudit(t, org.coordinator.id, 'denied')).toMatchObject({ subjectId: kase.caseId, fields: ['custom.employerStory'] });
    // The case's own answer never carries the custom column.
    const own = (await as.caseworker.get(api(`/cases/${kase.caseId}`)).expect(200)).body as Record<string, unknown>;
    expect(own).not.toHaveProperty('custom');
    // Key rotation finds the ciphertext inside the JSON and re-encrypts it under the same AAD.
    const newKey = { id: 'cf2', key: randomBytes(32) };
    const rotated = new FieldCipher(testConfig({ keys: { ...TEST_KEYS, encryptionKeys: [...TEST_KEYS.encryptionKeys, newKey] } }));
    expect((await rotateKeys(t.dataSource, rotated, undefined, 500, [], ENCRYPTED_JSON_COLUMNS)).reencrypted['survivor_case.custom']).toBeGreaterThan(0);
    const fresh = (await raw('survivor_case', kase.caseId))[story.id] as { c: string };
    expect(fresh.c).toMatch(/^v1\.cf2\./);
    expect(JSON.parse(rotated.decrypt(fresh.c, { table: 'survivor_case', column: `custom.${story.id}`, rowId: kase.caseId }))).toBe(CANARY);
    // Back on the test key for the rest of the file.
    await rotateKeys(t.dataSource, new FieldCipher(testConfig({ keys: { ...TEST_KEYS, encryptionKeys: [newKey, ...TEST_KEYS.encryptionKeys] } })), undefined, 500, [], ENCRYPTED_JSON_COLUMNS);
    expect((await readCase()).values.employerStory).toBe(CANARY);
    // Changing PII or type once values exist is refused.
    const change = (await as.admin.put(api(`/custom-fields/${story.id}`)).send({ version: story.version, type: 'shortText' }).expect(400)).body as { errors: Record<string, string[]> };
    expect(change.errors.type![0]).toMatch(/add a new field/);
    await as.admin.put(api(`/custom-fields/${story.id}`)).send({ version: story.version, pii: false }).expect(400);
  });

  it("places an intake field in a step of the stepper; refuses a step elsewhere or unknown, naming it", async () => {
    const before = await fieldCount();
    expect((await refused({ entity: 'intake', step: 'wages' })).errors.step![0]).toMatch(/not a step of the intake/);
    expect((await refused({ entity: 'case', step: 'exploitation' })).errors.step![0]).toMatch(/only intake fields/);
    expect(await fieldCount()).toBe(before);
    const placed = await define({ entity: 'intake', key: 'industryWages', type: 'number', step: 'exploitation' });
    expect(placed).toMatchObject({ step: 'exploitation' });
    const values = (await as.caseworker.get(api(`/custom-values/intake/${intakeId}`)).expect(200)).body as { fields: { key: string; step: string | null }[] };
    expect(values.fields.find((f) => f.key === 'industryWages')).toMatchObject({ step: 'exploitation' });
    // Moved back to the group before the review: a new version, which remembers where it was.
    const moved = (await as.admin.put(api(`/custom-fields/${placed.id}`)).send({ version: placed.version, step: null }).expect(200)).body as Field;
    expect(moved).toMatchObject({ step: null, version: placed.version + 1 });
    const versions = (await as.admin.get(api(`/custom-fields/${placed.id}/versions`)).expect(200)).body as { definition: { step: string | null } }[];
    expect(versions.map((v) => v.definition.step)).toEqual(['exploitation', null]);
    await as.admin.put(api(`/custom-fields/${placed.id}`)).send({ version: moved.version, step: 'review' }).expect(400);
  });

  it('a caller out of scope gets 404, in her organization or another', async () => {
    for (const agent of [as.caseworker2, otherAdmin]) {
      await agent.get(api(`/custom-values/case/${kase.caseId}`)).expect(404);
      await agent.get(api(`/custom-values/intake/${intakeId}`)).expect(404);
    }
    await as.caseworker2.put(api(`/custom-values/case/${kase.caseId}`)).send({ version: 1, values: {} }).expect(404);
    const otherCw = await signIn(t, other.caseworker);
    await otherCw.put(api(`/custom-values/intake/${intakeId}`)).send({ version: 1, values: {} }).expect(404);
    await as.analyst.get(api(`/custom-values/case/${kase.caseId}`)).expect(403);
  });

  it("values on a contact, a plan goal, an outcome assessment and a referral follow their record's rules", async () => {
    const own = await openCase(as.caseworker);
    const today = t.clock.now().toISOString().slice(0, 10);
    const put = (path: string, agent: Agent, values: Record<string, unknown>) =>
      agent
        .get(api(`/custom-values/${path}`))
        .expect(200)
        .then((r) => agent.put(api(`/custom-values/${path}`)).send({ version: (r.body as Values).version, values }));

    // A contact: written and read back; once voided, no longer changed.
    const line = await define({ entity: 'contact', key: 'hotlineLine', type: 'singleChoice', options: [{ label: { en: 'Main line' } }, { label: { en: 'Text line' } }] });
    const contact = (await as.caseworker.post(api('/contacts')).send({ channel: 'call' }).expect(201)).body as { id: string; version: number };
    const saved = await put(`contact/${contact.id}`, as.caseworker, { hotlineLine: line.options[1]!.id });
    expect([saved.status, (saved.body as Values).values.hotlineLine]).toEqual([200, line.options[1]!.id]);
    const current = (await as.caseworker.get(api(`/contacts/${contact.id}`)).expect(200)).body as { version: number };
    await as.caseworker.post(api(`/contacts/${contact.id}/void`)).send({ version: current.version, reason: 'Logged twice' }).expect(200);
    expect((await put(`contact/${contact.id}`, as.caseworker, { hotlineLine: line.options[0]!.id })).status).toBe(409);

    // A plan goal.
    const hours = await define({ entity: 'goal', key: 'trainingHours', type: 'number', min: 0 });
    const plan = (await as.caseworker.post(api('/service-plans')).send({ caseId: own.caseId, planType: 'SocialCare', startsOn: today, reviewDate: today }).expect(201)).body as { id: string };
    const goal = (await as.caseworker.post(api('/goals')).send({ planId: plan.id, domain: 'employment', description: 'A job' }).expect(201)).body as { id: string };
    expect(((await put(`goal/${goal.id}`, as.caseworker, { trainingHours: 12 })).body as Values).values).toEqual({ trainingHours: 12 });
    expect((await t.dataSource.query('SELECT custom FROM goal WHERE id = $1', [goal.id]))[0].custom).toEqual({ [hours.id]: 12 });
    expect((await put(`goal/${goal.id}`, as.caseworker, { trainingHours: -1 })).status).toBe(400);

    // A referral: partner staff see no custom value yet, even of a shareable field they are named on.
    await define({ entity: 'referral', key: 'bedNeeded', type: 'yesNo', shareable: true, readRoles: ['caseworker', 'coordinator', 'partner'] });
    // Written while a draft (the caseworker's to change), then sent to the partner.
    await as.caseworker
      .post(api('/consents'))
      .send({ survivorId: own.survivorId, caseId: own.caseId, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: ['alias'], method: 'written' })
      .expect(201);
    const referral = (await as.caseworker.post(api('/referrals')).send({ caseId: own.caseId, partnerOrgId: org.partnerOrg.id, serviceType: 'housing', sharedFields: ['alias'] }).expect(201)).body as { id: string };
    expect((await put(`referral/${referral.id}`, as.caseworker, { bedNeeded: true })).status).toBe(200);
    await as.coordinator.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'sent' }).expect(200);
    // Once sent, the referral is no longer the caseworker's to change: nor are its custom values.
    expect((await put(`referral/${referral.id}`, as.caseworker, { bedNeeded: false })).status).toBe(403);
    expect((await as.coordinator.get(api(`/custom-values/referral/${referral.id}`)).expect(200)).body).toMatchObject({ values: { bedNeeded: true } });
    const partnerView = (await as.partner.get(api(`/custom-values/referral/${referral.id}`)).expect(200)).body as Values;
    expect([partnerView.values, partnerView.fields]).toEqual([{}, []]);

    // An outcome assessment; then its case closes, and the case's records' custom values are read-only.
    const closing = await openCase(as.caseworker);
    await define({ entity: 'outcomeAssessment', key: 'feelsSafeAtWork', type: 'yesNo' });
    const assessment = (await as.caseworker.post(api('/outcomes')).send({ caseId: closing.caseId, stage: 'intake', assessedOn: today, housingSituation: 101 }).expect(201)).body as { id: string };
    expect((await put(`outcome-assessment/${assessment.id}`, as.caseworker, { feelsSafeAtWork: true })).status).toBe(200);
    // The case's required fields (all yes/no here) are required to close it (docs/custom-fields.md): given first.
    const before = (await as.caseworker.get(api(`/custom-values/case/${closing.caseId}`)).expect(200)).body as { version: number; fields: { key: string; required: boolean }[] };
    const required = Object.fromEntries(before.fields.filter((f) => f.required).map((f) => [f.key, false]));
    expect(Object.keys(required)).toContain('documented');
    await as.caseworker.put(api(`/custom-values/case/${closing.caseId}`)).send({ version: before.version, values: required }).expect(200);
    await closeCase(as.caseworker, closing.caseId, {}, t.clock.now());
    for (const [path, values] of [
      [`case/${closing.caseId}`, { documented: true }],
      [`outcome-assessment/${assessment.id}`, { feelsSafeAtWork: false }],
    ] as const) {
      const refusedChange = await put(path, as.caseworker, values);
      expect([path, refusedChange.status, (refusedChange.body as { code: string }).code]).toEqual([path, 409, 'CASE_CLOSED']);
    }
  });

  it("erasure keeps only a record's custom categories", async () => {
    const own = await openCase(as.caseworker);
    const flag = await define({ key: 'eraseFlag', type: 'yesNo' });
    const note = await define({ key: 'eraseNote', type: 'shortText' });
    const secret = await define({ key: 'eraseSecret', type: 'shortText', pii: true });
    const current = (await as.caseworker.get(api(`/custom-values/case/${own.caseId}`)).expect(200)).body as Values;
    await as.caseworker.put(api(`/custom-values/case/${own.caseId}`)).send({ version: current.version, values: { eraseFlag: true, eraseNote: 'Zyxerasecanary', eraseSecret: 'Zyxerasecanary' } }).expect(200);
    await t.dataSource.transaction((manager) => t.app.get(Anonymizer).erase(manager, own.survivorId, t.clock.now(), { organizationId: org.organizationId, reason: 'test', actor: null }));
    const left = await raw('survivor_case', own.caseId);
    expect([left[flag.id], left[note.id], left[secret.id]]).toEqual([true, undefined, undefined]);
  });

  it('versions: every change is kept; retired options stay on old records; a retired field stays readable', async () => {
    const shift = await define({ key: 'shift', type: 'singleChoice', options: [{ label: { en: 'Day' } }, { label: { en: 'Night' } }] });
    const [day, night] = shift.options;
    await writeCase({ shift: night!.id }).then((r) => expect(r.status).toBe(200));
    // Retire "Night", add "Split", relabel "Day": the record keeps "Night".
    const v2 = (
      await as.admin
        .put(api(`/custom-fields/${shift.id}`))
        .send({ version: shift.version, label: { en: 'Work shift' }, options: [{ id: day!.id, label: { en: 'Daytime' } }, { id: night!.id, label: { en: 'Night' }, retired: true }, { label: { en: 'Split' } }] })
        .expect(200)
    ).body as Field;
    expect(v2.options.map((o) => [o.label.en, o.retired])).toEqual([['Daytime', false], ['Night', true], ['Split', false]]);
    // Dropping an option outright would orphan values: refused.
    await as.admin.put(api(`/custom-fields/${shift.id}`)).send({ version: v2.version, options: [{ id: day!.id, label: { en: 'Daytime' } }] }).expect(400);
    expect((await readCase()).values.shift).toBe(night!.id);
    // Echoing the retired option is fine; choosing it anew elsewhere is not.
    await writeCase({ shift: night!.id }).then((r) => expect(r.status).toBe(200));
    await writeCase({ shift: day!.id }).then((r) => expect(r.status).toBe(200));
    const again = await writeCase({ shift: night!.id });
    expect([again.status, Object.keys((again.body as { errors: object }).errors)]).toEqual([400, ['values.shift']]);

    const versions = (await as.admin.get(api(`/custom-fields/${shift.id}/versions`)).expect(200)).body as { version: number; definition: { label: { en: string } } }[];
    expect(versions.map((v) => [v.version, v.definition.label.en])).toEqual([
      [1, shift.label && (shift.label as { en: string }).en],
      [2, 'Work shift'],
    ]);

    // Retired: out of the form, the value still readable, no longer writable.
    const retired = (await as.admin.post(api(`/custom-fields/${shift.id}/retire`)).send({ version: v2.version }).expect(200)).body as Field;
    expect(retired.retiredAt).not.toBeNull();
    expect(await t.dataSource.getRepository(CustomFieldVersion).count({ where: { fieldId: shift.id } })).toBe(3);
    const read = await readCase();
    expect(read.values.shift).toBe(day!.id);
    expect(read.fields.find((f) => f.key === 'shift')).toMatchObject({ retired: true, writable: false });
    const write = await writeCase({ shift: null });
    expect(write.status).toBe(400);
    await as.admin.put(api(`/custom-fields/${shift.id}`)).send({ version: retired.version, label: { en: 'Back' } }).expect(400);
  });
});

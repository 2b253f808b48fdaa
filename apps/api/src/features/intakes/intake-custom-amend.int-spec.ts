import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { api, lastAudit } from '../../testing/fixtures.js';
import { openCase, orgWorld, type Agent, type OrgWorld } from '../../testing/builders.js';
import { FULL_SCREENING } from '../../testing/records.js';

type Intake = { id: string; version: number; amendmentCount: number; identifiedBy: string | null };
type Field = { id: string; key: string; version: number; options: { id: string }[] };
type Revision = { revision: number; reason: string; custom: Record<string, unknown> };

/**
 * Issue 18 (docs/custom-fields.md, "Values given at creation" and "Amending a submitted intake"): an
 * intake's custom values given when its draft is started (POST /intakes) and amended after its
 * submission (POST /intakes/:id/amendments), through the values route's checks, in the record's own
 * transaction, with nothing written on any refusal; the revisions keep the values as they were.
 */
describe('intake custom values at the draft start and in an amendment', () => {
  let world: OrgWorld<'admin' | 'coordinator' | 'caseworker' | 'analyst' | 'partner'>;
  let cw: Agent;
  let hours: Field;
  let employer: Field;
  let sector: Field;
  let tags: Field;
  let legacy: Field;
  let intakeId: string;

  const define = async (body: Record<string, unknown>) =>
    (
      await world.as.admin
        .post(api('/custom-fields'))
        .send({ entity: 'intake', type: 'shortText', label: { en: String(body.key) }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body })
        .expect(201)
    ).body as Field;
  const read = async () => (await cw.get(api(`/intakes/${intakeId}`)).expect(200)).body as Intake;
  const raw = async (table = 'intake', where = 'id') =>
    ((await world.t.dataSource.query(`SELECT custom FROM ${table} WHERE ${where} = $1 ORDER BY created_at`, [intakeId])) as { custom: Record<string, unknown> }[]).map((r) => r.custom);
  const errorsOf = (response: { status: number; body: unknown }) => [response.status, Object.keys((response.body as { errors?: object }).errors ?? {})];

  beforeAll(async () => {
    world = await orgWorld(['admin', 'coordinator', 'caseworker', 'analyst', 'partner'] as const);
    cw = world.as.caseworker;
    hours = await define({ key: 'weeklyHours', type: 'number', min: 0, max: 120 });
    employer = await define({ key: 'employerName', pii: true, readRoles: ['caseworker'] });
    await define({ key: 'coordinatorNote', readRoles: ['caseworker', 'coordinator'], writeRoles: ['coordinator'] });
    sector = await define({ key: 'sector', type: 'singleChoice', required: true, options: [{ label: { en: 'Farm' } }, { label: { en: 'Factory' } }] });
    tags = await define({ key: 'tags', type: 'multipleChoice', required: true, options: [{ label: { en: 'Debt' } }, { label: { en: 'Threats' } }] });
    legacy = await define({ key: 'oldCode' });
  });
  afterAll(() => world.t.close());

  it('GET /custom-values/intake/new lists the fields a role may give a new intake; roles that cannot start one are refused', async () => {
    const form = (await cw.get(api('/custom-values/intake/new')).expect(200)).body as { fields: { key: string; required: boolean }[] };
    expect(form.fields.map((f) => f.key).sort()).toEqual(['employerName', 'oldCode', 'sector', 'tags', 'weeklyHours']);
    expect(form.fields.find((f) => f.key === 'sector')?.required).toBe(true);
    for (const role of ['coordinator', 'analyst', 'partner', 'admin'] as const) await world.as[role].get(api('/custom-values/intake/new')).expect(403);
  });

  it('POST /intakes refuses a bad value (400) and a field the role may not write (403), naming custom.<key>, with no draft written', async () => {
    const kase = await openCase(cw);
    const start = (custom: unknown) => cw.post(api('/intakes')).send({ caseId: kase.caseId, identifiedBy: 'Hotline', custom });
    expect(errorsOf(await start({ weeklyHours: 500 }))).toEqual([400, ['custom.weeklyHours']]);
    expect(errorsOf(await start({ noSuchField: 1 }))).toEqual([400, ['custom.noSuchField']]);
    expect(errorsOf(await start({ weeklyHours: 10, coordinatorNote: 'x' }))).toEqual([403, ['custom.coordinatorNote']]);
    expect(errorsOf(await start('not an object'))).toEqual([400, ['custom']]);
    expect(await world.t.dataSource.query('SELECT id FROM intake WHERE case_id = $1', [kase.caseId])).toEqual([]);
    expect((await lastAudit(world.t, world.org.caseworker.id, 'denied'))?.fields).toEqual(['custom.coordinatorNote']);
  });

  it('POST /intakes writes the values with the draft (PII as ciphertext under its id), named in its create audit row; a required field waits for the submission', async () => {
    const kase = await openCase(cw);
    const draft = (await cw.post(api('/intakes')).send({ caseId: kase.caseId, identifiedBy: 'Hotline', custom: { weeklyHours: 40, employerName: 'Zyx Farms', tags: [] } }).expect(201)).body as Intake;
    intakeId = draft.id;
    const [stored] = await raw();
    expect(stored![hours.id]).toBe(40);
    expect(stored![employer.id]).toEqual({ c: expect.any(String) });
    // The whole value, space included: base64url ciphertext holds any three letters now and then (CI saw
    // "…9HZyx-1nL…"), never a space.
    expect(JSON.stringify(stored)).not.toContain('Zyx Farms');
    const values = (await cw.get(api(`/custom-values/intake/${intakeId}`)).expect(200)).body as { values: Record<string, unknown> };
    expect(values.values).toEqual({ weeklyHours: 40, employerName: 'Zyx Farms' });
    const created = await world.t.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'create', subjectId: intakeId });
    expect(created.fields).toEqual(expect.arrayContaining(['caseId', 'identifiedBy', 'custom.weeklyHours', 'custom.employerName']));
    expect(JSON.stringify(created)).not.toContain('Zyx Farms');
    // The required field is asked at the submission.
    const today = world.t.clock.now().toISOString().slice(0, 10);
    const complete = (await cw.put(api(`/intakes/${intakeId}`)).send({ version: draft.version, intakeDate: today, exploitationTypes: ['ForcedLabour'], riskScreening: FULL_SCREENING }).expect(200)).body as Intake;
    expect(errorsOf(await cw.post(api(`/intakes/${intakeId}/submit`)).send({ version: complete.version }))).toEqual([422, ['custom.sector', 'custom.tags']]);
    const withSector = (await cw.put(api(`/intakes/${intakeId}`)).send({ version: complete.version, custom: { sector: sector.options[0]!.id, tags: [tags.options[1]!.id], oldCode: 'A1' } }).expect(200)).body as Intake;
    await cw.post(api(`/intakes/${intakeId}/submit`)).send({ version: withSector.version }).expect(200);
  });

  it('an amendment changes custom values with its reason in one write: one version, its audit row naming the keys, the revision keeping the old values', async () => {
    const before = await read();
    const amended = (await cw.post(api(`/intakes/${intakeId}/amendments`)).send({ version: before.version, reason: 'Hours corrected', custom: { weeklyHours: 50, employerName: 'Qrs Mills' } }).expect(200)).body as Intake;
    expect([amended.version, amended.amendmentCount]).toEqual([before.version + 1, before.amendmentCount + 1]);
    const [stored] = await raw();
    expect(stored![hours.id]).toBe(50);
    expect(JSON.stringify(stored)).not.toContain('Qrs Mills');
    const audit = await lastAudit(world.t, world.org.caseworker.id, 'update');
    expect([audit?.subjectId, [...(audit?.fields ?? [])].sort(), audit?.reason]).toEqual([intakeId, ['custom.employerName', 'custom.weeklyHours'], 'amendment: Hours corrected']);
    expect(JSON.stringify(audit)).not.toMatch(/Qrs Mills|Zyx Farms/);
    // The revision holds the values as they were, its PII sealed anew for its own row.
    const [kept] = await raw('intake_revision', 'intake_id');
    expect(kept![hours.id]).toBe(40);
    expect(kept![employer.id]).toEqual({ c: expect.any(String) });
    expect(kept![employer.id]).not.toEqual(stored![employer.id]);
    expect(JSON.stringify(kept)).not.toContain('Zyx Farms');
    // Each reader sees the old values she may read: the coordinator not the PII field she may not read.
    const seen = async (agent: Agent) => ((await agent.get(api(`/intakes/${intakeId}/revisions`)).expect(200)).body as Revision[]).map((r) => r.custom);
    const chosen = { sector: sector.options[0]!.id, tags: [tags.options[1]!.id], oldCode: 'A1' };
    expect(await seen(cw)).toEqual([{ weeklyHours: 40, employerName: 'Zyx Farms', ...chosen }]);
    expect(await seen(world.as.coordinator)).toEqual([{ weeklyHours: 40, ...chosen }]);
  });

  it('refuses a value the role may not write (403), a bad or emptied required value and a retired field (400), and the other roles: nothing written', async () => {
    const current = (await world.as.admin.get(api(`/custom-fields/${legacy.id}`)).expect(200)).body as Field;
    await world.as.admin.post(api(`/custom-fields/${legacy.id}/retire`)).send({ version: current.version }).expect(200);
    const before = await read();
    const [storedBefore] = await raw();
    const revisionsBefore = await raw('intake_revision', 'intake_id');
    const amend = (agent: Agent, custom: unknown, extra: Record<string, unknown> = {}) =>
      agent.post(api(`/intakes/${intakeId}/amendments`)).send({ version: before.version, reason: 'Corrected', identifiedBy: 'Police', custom, ...extra });
    expect(errorsOf(await amend(cw, { weeklyHours: 60, coordinatorNote: 'x' }))).toEqual([403, ['custom.coordinatorNote']]);
    expect((await lastAudit(world.t, world.org.caseworker.id, 'denied'))?.fields).toEqual(['custom.coordinatorNote']);
    expect(errorsOf(await amend(cw, { sector: null }))).toEqual([400, ['custom.sector']]);
    expect(errorsOf(await amend(cw, { tags: [] }))).toEqual([400, ['custom.tags']]);
    expect(errorsOf(await amend(cw, { sector: 'not-an-option' }))).toEqual([400, ['custom.sector']]);
    expect(errorsOf(await amend(cw, { weeklyHours: 500 }))).toEqual([400, ['custom.weeklyHours']]);
    expect(errorsOf(await amend(cw, { oldCode: 'B2' }))).toEqual([400, ['custom.oldCode']]);
    expect(errorsOf(await amend(cw, { weeklyHours: 60 }, { reason: '' }))).toEqual([400, ['reason']]);
    // The coordinator may not amend even the field she may write; the analyst and partner staff not at all.
    expect((await amend(world.as.coordinator, { coordinatorNote: 'x' })).status).toBe(403);
    expect((await amend(world.as.analyst, { weeklyHours: 60 })).status).toBe(403);
    expect((await amend(world.as.partner, { weeklyHours: 60 })).status).toBe(403);
    expect(await read()).toMatchObject({ version: before.version, amendmentCount: before.amendmentCount, identifiedBy: before.identifiedBy });
    expect((await raw())[0]).toEqual(storedBefore);
    expect(await raw('intake_revision', 'intake_id')).toEqual(revisionsBefore);
  });
});

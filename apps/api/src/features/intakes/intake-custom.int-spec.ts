import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { api, lastAudit } from '../../testing/fixtures.js';
import { openCase, orgWorld, type Agent, type OrgWorld } from '../../testing/builders.js';
import { FULL_SCREENING } from '../../testing/records.js';

type Intake = { id: string; version: number; identifiedBy: string | null };
type Values = { version: number; values: Record<string, unknown> };

/**
 * Issue 18: a draft intake's save carries its custom values, so the stepper's autosave changes the built-in
 * fields and the custom values in one write, one version, one audit row (docs/custom-fields.md).
 */
describe('intake draft save with custom values', () => {
  let world: OrgWorld<'admin' | 'caseworker'>;
  let cw: Agent;
  let intakeId: string;
  let hours: { id: string };
  let employer: { id: string };

  const define = async (body: Record<string, unknown>) =>
    (
      await world.as.admin
        .post(api('/custom-fields'))
        .send({ entity: 'intake', type: 'shortText', label: { en: String(body.key) }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body })
        .expect(201)
    ).body as { id: string };
  const read = async () => (await cw.get(api(`/intakes/${intakeId}`)).expect(200)).body as Intake;
  const values = async () => (await cw.get(api(`/custom-values/intake/${intakeId}`)).expect(200)).body as Values;
  const raw = async () => ((await world.t.dataSource.query('SELECT custom FROM intake WHERE id = $1', [intakeId])) as { custom: Record<string, unknown> }[])[0]!.custom;
  const updates = () => world.t.dataSource.getRepository(AuditEvent).countBy({ subjectId: intakeId, action: 'update' });

  beforeAll(async () => {
    world = await orgWorld(['admin', 'caseworker'] as const);
    cw = world.as.caseworker;
    hours = await define({ key: 'weeklyHours', type: 'number', min: 0, max: 120 });
    employer = await define({ key: 'employerName', pii: true });
    await define({ key: 'coordinatorNote', writeRoles: ['coordinator'] });
    const kase = await openCase(cw);
    intakeId = ((await cw.post(api('/intakes')).send({ caseId: kase.caseId, riskScreening: {} }).expect(201)).body as Intake).id;
  });
  afterAll(() => world.t.close());

  it('saves built-in fields and custom values in one change: one version, one audit row, PII encrypted', async () => {
    const before = await read();
    const auditsBefore = await updates();
    const saved = (await cw.put(api(`/intakes/${intakeId}`)).send({ version: before.version, identifiedBy: 'Hotline', custom: { weeklyHours: 60, employerName: 'Zyx Farms' } }).expect(200)).body as Intake;
    expect([saved.version, saved.identifiedBy]).toEqual([before.version + 1, 'Hotline']);
    expect(await values()).toMatchObject({ version: before.version + 1, values: { weeklyHours: 60, employerName: 'Zyx Farms' } });
    const stored = await raw();
    expect(stored[hours.id]).toBe(60);
    expect(stored[employer.id]).toEqual({ c: expect.any(String) });
    expect(JSON.stringify(stored)).not.toContain('Zyx Farms');
    expect(await updates()).toBe(auditsBefore + 1);
    expect((await lastAudit(world.t, world.org.caseworker.id, 'update'))?.fields).toEqual(expect.arrayContaining(['identifiedBy', 'custom.weeklyHours', 'custom.employerName']));
    // The autosave sends the values again unchanged: no change, no new version.
    const echoed = (await cw.put(api(`/intakes/${intakeId}`)).send({ version: saved.version, identifiedBy: 'Hotline', custom: { weeklyHours: 60, employerName: 'Zyx Farms' } }).expect(200)).body as Intake;
    expect(echoed.version).toBe(saved.version);
  });

  it('a stale version is 409, a bad value 400 naming custom.<key>, a field the caller may not write 403: nothing written', async () => {
    const before = await read();
    const storedBefore = await raw();
    await cw.put(api(`/intakes/${intakeId}`)).send({ version: before.version - 1, identifiedBy: 'Police', custom: { weeklyHours: 10 } }).expect(409);
    const refused = async (custom: unknown, status: number, field: string) => {
      const response = await cw.put(api(`/intakes/${intakeId}`)).send({ version: before.version, identifiedBy: 'Police', custom });
      expect([response.status, Object.keys((response.body as { errors?: object }).errors ?? {})]).toEqual([status, [field]]);
    };
    await refused({ weeklyHours: 500 }, 400, 'custom.weeklyHours');
    await refused({ weeklyHours: 'forty' }, 400, 'custom.weeklyHours');
    await refused({ noSuchField: 1 }, 400, 'custom.noSuchField');
    await refused({ weeklyHours: 10, coordinatorNote: 'x' }, 403, 'custom.coordinatorNote');
    await refused(['not', 'an', 'object'], 400, 'custom');
    expect(await read()).toMatchObject({ version: before.version, identifiedBy: before.identifiedBy });
    expect(await raw()).toEqual(storedBefore);
  });

  it('a submitted intake takes no custom values through its save (an amendment does: intake-custom-amend.int-spec.ts)', async () => {
    const today = world.t.clock.now().toISOString().slice(0, 10);
    const draft = await read();
    const complete = (await cw.put(api(`/intakes/${intakeId}`)).send({ version: draft.version, intakeDate: today, exploitationTypes: ['ForcedLabour'], riskScreening: FULL_SCREENING }).expect(200)).body as Intake;
    const submitted = (await cw.post(api(`/intakes/${intakeId}/submit`)).send({ version: complete.version }).expect(200)).body as Intake;
    const storedBefore = await raw();
    await cw.put(api(`/intakes/${intakeId}`)).send({ version: submitted.version, custom: { weeklyHours: 20 } }).expect(409);
    await cw.put(api(`/custom-values/intake/${intakeId}`)).send({ version: submitted.version, values: { weeklyHours: 20 } }).expect(409);
    expect(await read()).toMatchObject({ version: submitted.version, identifiedBy: 'Hotline' });
    expect(await raw()).toEqual(storedBefore);
  });
});

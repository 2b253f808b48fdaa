import { api, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { openCase, orgWorld, type Agent } from '../../testing/builders.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

type Field = { id: string; version: number; key: string };
type Row = { id: string; custom?: Record<string, unknown> };

/**
 * Issue 9: the case list keeps the organization's custom field definitions in memory between requests
 * (kept-definitions.ts), and a change to a definition still takes effect on the very next request, in
 * this API process and in another one on the same database (a second app here, with its own pool and its
 * own kept copy), whether it is made through the API or straight in SQL.
 */
describe('custom field definitions kept between list requests', () => {
  let a: TestApp;
  let b: TestApp;
  let org: OrgFixture;
  let admin: Agent;
  let coordinator: Agent;
  let cwA: Agent;
  let cwB: Agent;
  let flag: Field;
  let caseId: string;

  const sql = (text: string, values: unknown[] = []) => a.dataSource.query(text, values);
  const list = (agent: Agent, filter: Record<string, unknown> = {}) => agent.get(api('/cases')).query({ filter: JSON.stringify(filter), range: '[0,99]' });
  const rowOf = async (agent: Agent): Promise<Row> => ((await list(agent).expect(200)).body as Row[]).find((r) => r.id === caseId)!;
  const filtered = async (agent: Agent, filter: Record<string, unknown>) => ((await list(agent, filter).expect(200)).body as Row[]).map((r) => r.id);
  const refusal = async (agent: Agent, filter: Record<string, unknown>) => ((await list(agent, filter).expect(400)).body as { errors: Record<string, string[]> }).errors;
  const readRoles = async (roles: string[]) => sql(`UPDATE custom_field SET read_roles = $1 WHERE id = $2`, [roles, flag.id]);
  /** Both processes, each with its own kept copy, warm. */
  const warm = async () => {
    for (const agent of [cwA, cwB]) await rowOf(agent);
  };

  beforeAll(async () => {
    const world = await orgWorld(['admin', 'coordinator', 'caseworker'] as const);
    ({ t: a, org } = world);
    ({ admin, coordinator, caseworker: cwA } = world.as);
    // Another API process on the same database: its own pool, its own kept definitions.
    b = await createTestApp();
    cwB = await signIn(b, org.users.caseworker);
    flag = (
      await admin
        .post(api('/custom-fields'))
        .send({ entity: 'case', key: 'keptFlag', type: 'yesNo', label: { en: 'Flag' }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'] })
        .expect(201)
    ).body as Field;
    caseId = (await openCase(cwA)).caseId;
    const { version } = (await cwA.get(api(`/custom-values/case/${caseId}`)).expect(200)).body as { version: number };
    await cwA.put(api(`/custom-values/case/${caseId}`)).send({ version, values: { keptFlag: true } }).expect(200);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('shows the field and filters by it in both processes', async () => {
    for (const agent of [cwA, cwB]) {
      expect((await rowOf(agent)).custom).toEqual({ keptFlag: true });
      expect(await filtered(agent, { 'custom.keptFlag': true })).toEqual([caseId]);
    }
  });

  it('a read role narrowed through the API of one process holds at the next request of both', async () => {
    await warm();
    const current = (await admin.get(api(`/custom-fields/${flag.id}`)).expect(200)).body as Field;
    await admin.put(api(`/custom-fields/${flag.id}`)).send({ version: current.version, readRoles: ['coordinator'], writeRoles: ['coordinator'] }).expect(200);
    for (const agent of [cwA, cwB]) {
      expect((await rowOf(agent)).custom).toEqual({});
      expect(await refusal(agent, { 'custom.keptFlag': true })).toEqual({ 'filter.custom.keptFlag': ['is not a field you may read'] });
    }
    // The coordinator, still a reader, keeps both.
    expect((await rowOf(coordinator)).custom).toEqual({ keptFlag: true });
    expect(await filtered(coordinator, { 'custom.keptFlag': true })).toEqual([caseId]);
  });

  it('a change written straight in SQL (as another process would) holds at the next request of both', async () => {
    await readRoles(['caseworker', 'coordinator']);
    for (const agent of [cwA, cwB]) expect((await rowOf(agent)).custom).toEqual({ keptFlag: true });
    await warm();
    await readRoles(['coordinator']);
    for (const agent of [cwA, cwB]) {
      expect((await rowOf(agent)).custom).toEqual({});
      expect(await refusal(agent, { 'custom.keptFlag': true })).toEqual({ 'filter.custom.keptFlag': ['is not a field you may read'] });
    }
    await readRoles(['caseworker', 'coordinator']);
  });

  it('a field retired in SQL can no longer be filtered on at the next request; its value stays readable', async () => {
    await warm();
    await sql(`UPDATE custom_field SET retired_at = now() WHERE id = $1`, [flag.id]);
    for (const agent of [cwA, cwB]) {
      expect(await refusal(agent, { 'custom.keptFlag': true })).toEqual({ 'filter.custom.keptFlag': ['is a retired field: it cannot be filtered on'] });
      expect((await rowOf(agent)).custom).toEqual({ keptFlag: true });
    }
    await sql(`UPDATE custom_field SET retired_at = NULL WHERE id = $1`, [flag.id]);
    for (const agent of [cwA, cwB]) expect(await filtered(agent, { 'custom.keptFlag': true })).toEqual([caseId]);
  });

  it('a field added in one process is a filter in the other at the next request', async () => {
    await warm();
    for (const agent of [cwA, cwB]) expect(await refusal(agent, { 'custom.keptLater': true })).toEqual({ 'filter.custom.keptLater': ['is not a filter of this list'] });
    const adminB = await signIn(b, org.users.admin);
    await adminB
      .post(api('/custom-fields'))
      .send({ entity: 'case', key: 'keptLater', type: 'yesNo', label: { en: 'Later' }, readRoles: ['caseworker'], writeRoles: ['caseworker'] })
      .expect(201);
    for (const agent of [cwA, cwB]) expect(await filtered(agent, { 'custom.keptLater': true })).toEqual([]);
  });

  it('is kept: a change that does not move the stamp is not seen, and moving the stamp brings it in (the stamp is what refreshes it)', async () => {
    await warm();
    const stampBefore = await sql(`SELECT definitions_stamp FROM organization WHERE id = $1`, [org.organizationId]);
    // Triggers off for this one transaction only: the definition changes, the stamp does not.
    const runner = a.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL session_replication_role = replica`);
      await runner.query(`UPDATE custom_field SET read_roles = '{coordinator}' WHERE id = $1`, [flag.id]);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    // The stamp did not move: the trigger was off.
    expect(await sql(`SELECT definitions_stamp FROM organization WHERE id = $1`, [org.organizationId])).toEqual(stampBefore);
    for (const agent of [cwA, cwB]) expect((await rowOf(agent)).custom).toEqual({ keptFlag: true });
    await sql(`UPDATE organization SET definitions_stamp = definitions_stamp + 1 WHERE id = $1`, [org.organizationId]);
    for (const agent of [cwA, cwB]) {
      expect((await rowOf(agent)).custom).toEqual({});
      expect(await refusal(agent, { 'custom.keptFlag': true })).toEqual({ 'filter.custom.keptFlag': ['is not a field you may read'] });
    }
    await readRoles(['caseworker', 'coordinator']);
  });

  it('the trigger moves only the stamp of the organization whose definition changed', async () => {
    const stamps = async () => (await sql(`SELECT id, definitions_stamp FROM organization`)) as { id: string; definitions_stamp: string }[];
    const before = new Map((await stamps()).map((r) => [r.id, r.definitions_stamp]));
    await readRoles(['caseworker', 'coordinator']);
    for (const { id, definitions_stamp } of await stamps()) {
      if (id === org.organizationId) expect(BigInt(definitions_stamp)).toBe(BigInt(before.get(id)!) + 1n);
      else if (before.has(id)) expect(definitions_stamp).toBe(before.get(id));
    }
  });
});

import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { as, type Person } from '../../testing/acting.js';
import { createOrgFixture, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { RecordWrites } from './record-writes.js';

/**
 * The write half of the record-access layer (issue 10): a change and its audit row commit together or
 * not at all, a stale version writes nothing, and the writer's answer is field-filtered like a read.
 */
describe('record writes', () => {
  let t: TestApp;
  let org: OrgFixture;
  let writes: RecordWrites;
  let caseworker: Person;
  let colleague: Person;
  let kase: { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrgFixture(t.dataSource);
    writes = t.app.get(RecordWrites);
    const person = (u: OrgFixture['caseworker']): Person => ({ id: u.id, role: u.role, organizationId: u.organizationId, partnerOrgId: null });
    caseworker = person(org.caseworker);
    colleague = person(org.caseworker2);
    ({ kase } = await createSurvivorWithCase(await signIn(t, org.caseworker)));
  });
  afterAll(() => t.close());

  const now = () => t.clock.now();
  const auditOf = (id: string) =>
    t.dataSource.query(`SELECT action, reason, fields, subject_ids FROM audit_event WHERE subject_id = $1 ORDER BY occurred_at, id`, [id]) as Promise<
      { action: string; reason: string | null; fields: string[]; subject_ids: string[] | null }[]
    >;
  const note = (id: string) => ({
    id,
    organizationId: org.organizationId,
    caseId: kase.id,
    noteType: 'session',
    contactMethod: 'none',
    // Real ciphertext: other test files of the same jest worker decrypt every note (key rotation does).
    body: t.app.get(FieldCipher).encrypt('the words of the session', { table: 'case_note', column: 'body', rowId: id }),
    restricted: false,
    occurredAt: now(),
    authorId: caseworker.id,
    correctsNoteId: null,
    createdBy: caseworker.id,
  });

  it('inserts a record with its create audit row naming the fields given', async () => {
    const id = randomUUID();
    const saved = await as(caseworker, now(), () => writes.insert('CaseNote', note(id), ['caseId', 'noteType', 'body']));
    expect(saved).toMatchObject({ id, caseId: kase.id });
    expect(await auditOf(id)).toEqual([expect.objectContaining({ action: 'create', fields: ['body', 'caseId', 'noteType'] })]);
  });

  it('leaves neither the record nor an audit row when what commits with it fails', async () => {
    const id = randomUUID();
    const failing = as(caseworker, now(), () =>
      writes.insert('CaseNote', note(id), ['body'], async () => {
        throw new Error('the work that goes with it failed');
      }),
    );
    await expect(failing).rejects.toThrow('the work that goes with it failed');
    expect(await t.dataSource.query('SELECT id FROM case_note WHERE id = $1', [id])).toEqual([]);
    expect(await auditOf(id)).toEqual([]);
  });

  it('writes a change only at the version read, with its transition row; a stale version writes nothing', async () => {
    const fields = ['riskLevel'];
    const stale = as(caseworker, now(), () => writes.update('Case', kase.id, kase.version + 7, { riskLevel: 'high' }, { fields }));
    await expect(stale).rejects.toMatchObject({ code: 'STALE_VERSION' });
    const before = await auditOf(kase.id);

    const other = randomUUID();
    await as(caseworker, now(), () =>
      writes.update('Case', kase.id, kase.version, { riskLevel: 'high' }, { action: 'transition', fields, reason: 'reviewed', subjectIds: [other] }),
    );
    const [row] = await t.dataSource.query('SELECT risk_level, version FROM survivor_case WHERE id = $1', [kase.id]);
    expect(row).toEqual({ risk_level: 'high', version: kase.version + 1 });
    const after = await auditOf(kase.id);
    expect(after.slice(before.length)).toEqual([expect.objectContaining({ action: 'transition', reason: 'reviewed', fields, subject_ids: [other] })]);
    // The stale attempt left no row of its own.
    expect(before.filter((r) => r.fields?.includes('riskLevel'))).toEqual([]);
  });

  it("answers the writer with what the rules let her read: nothing of a case that is not hers", async () => {
    const id = randomUUID();
    const saved = await as(caseworker, now(), () => writes.insert('CaseNote', note(id), ['body']));
    const present = (readable: Set<string>) => ({ id, caseId: kase.id, body: readable.has('body') ? 'the words' : undefined, noteType: 'session' });
    const mine = await as(caseworker, now(), () => writes.answer('CaseNote', saved, present));
    expect(mine).toMatchObject({ id, body: 'the words', noteType: 'session' });
    const notHers = await as(colleague, now(), () => writes.answer('CaseNote', saved, present));
    expect(notHers).toEqual({});
  });
});

import type { ImportDryRunResponse, ImportMapping, ImportRunResponse } from '@lantern/contracts';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { Jobs } from '../../kernel/jobs/jobs.js';
import { orgWorld, type Agent } from '../../testing/builders.js';
import { api } from '../../testing/fixtures.js';
import type { TestApp } from '../../testing/test-app.js';
import { IMPORT_CHECK_JOB, IMPORT_RUN_JOB } from './imports.service.js';

type Field = { id: string; key: string; options: { id: string; label: { en: string } }[] };
const CANARY = 'Zyximportcustomcanary';

/**
 * Issue 18: a spreadsheet import maps columns onto the survivor's and the case's custom fields that
 * caseworkers write (docs/imports.md, "Custom fields"), on both databases: a field it may not write or
 * that is not on the form refused in the mapping, naming it; each row's values checked against their
 * definitions and the survivor form's required fields, a failing row told by the field's label and
 * nothing of it written, the others imported with their values (PII as ciphertext under the new id).
 */
describe('custom fields in a spreadsheet import', () => {
  let t: TestApp;
  let as: Record<'admin' | 'caseworker', Agent>;
  let org: Awaited<ReturnType<typeof orgWorld>>['org'];
  let language: Field;
  let industry: Field;

  const define = async (entity: string, key: string, body: Record<string, unknown>): Promise<Field> =>
    (
      await as.admin
        .post(api('/custom-fields'))
        .send({ entity, key, type: 'shortText', readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body })
        .expect(201)
    ).body as Field;
  const settle = async (id: string): Promise<ImportRunResponse> => {
    const jobs = t.app.get(Jobs);
    for (let i = 0; i < 300; i++) {
      await jobs.drain({ names: [IMPORT_CHECK_JOB, IMPORT_RUN_JOB] });
      const run = (await as.admin.get(api(`/imports/${id}`)).expect(200)).body as ImportRunResponse;
      if (!['checking', 'queued', 'running'].includes(run.status)) return run;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the import did not settle');
  };
  const survivors = async () => Number(((await t.dataSource.query(`SELECT count(*)::int AS n FROM survivor WHERE organization_id = $1`, [org.organizationId])) as { n: number }[])[0]!.n);

  beforeAll(async () => {
    ({ t, as, org } = await orgWorld(['admin', 'caseworker'] as const));
    language = await define('survivor', 'firstLanguage', { label: { en: 'First language', es: 'Primera lengua' }, pii: true, readRoles: ['caseworker'], required: true, applyTo: 'new' });
    await define('survivor', 'coordinatorFlag', { type: 'yesNo', label: { en: 'Flag' }, writeRoles: ['coordinator'], readRoles: ['coordinator'] });
    industry = await define('case', 'industry', { type: 'singleChoice', label: { en: 'Industry' }, options: [{ label: { en: 'Farm', es: 'Granja' } }, { label: { en: 'Factory' } }] });
    await define('case', 'weeklyHours', { type: 'number', label: { en: 'Weekly hours' }, min: 0, max: 100 });
  });
  afterAll(() => t.close());

  it('maps columns onto the fields caseworkers write, refusing others by name; each row checked, a failing one told by label and not written', async () => {
    const bytes = Buffer.from(
      ['Nickname,Language,Industry,Hours,Flag', `Heron,${CANARY} Tigrinya,granja,60,yes`, 'Wren,,Factory,40,', `Kestrel,${CANARY} Mam,Mine,40,`, `Lark,${CANARY} Mam,Factory,200,`].join('\r\n'),
      'utf8',
    );
    let run = (await as.admin.post(api('/imports')).attach('file', bytes, { filename: 'caseload.csv' }).expect(201)).body as ImportRunResponse;
    const columns: ImportMapping['columns'] = { Nickname: 'alias', Language: 'custom.survivor.firstLanguage', Industry: 'custom.case.industry', Hours: 'custom.case.weeklyHours' };
    const mapping: ImportMapping = { columns, values: {}, dateFormat: 'YYYY-MM-DD', defaultCaseworkerId: org.caseworker.id };
    const put = (m: ImportMapping) => as.admin.put(api(`/imports/${run.id}/mapping`)).send({ mapping: m, version: run.version });

    // A field caseworkers do not write, one not on the form, and a target that is no field at all: refused, naming it.
    const unwritable = await put({ ...mapping, columns: { ...columns, Flag: 'custom.survivor.coordinatorFlag' } }).expect(400);
    expect(unwritable.body.errors['mapping.columns']).toEqual(['maps onto custom.survivor.coordinatorFlag, which an import may not write (retired, a person, or not written by caseworkers)']);
    expect((await put({ ...mapping, columns: { ...columns, Flag: 'custom.case.shoeSize' } }).expect(400)).body.errors['mapping.columns'][0]).toContain('custom.case.shoeSize');
    expect(Object.keys((await put({ ...mapping, columns: { ...columns, Flag: 'custom.referral.x' as never } }).expect(400)).body.errors)).toEqual(['mapping.columns']);
    await as.admin.post(api('/imports/mappings')).send({ name: 'Bad', mapping: { ...mapping, columns: { ...columns, Flag: 'custom.survivor.coordinatorFlag' } } }).expect(400);

    run = (await put(mapping).expect(200)).body as ImportRunResponse;
    await as.admin.post(api(`/imports/${run.id}/dry-run`)).expect(202);
    const check = (await settle(run.id)).dryRun as ImportDryRunResponse;
    expect(check.ready).toBe(1);
    expect(check.problems).toEqual([
      { row: 3, field: 'custom.survivor.firstLanguage', label: { en: 'First language', es: 'Primera lengua' }, problem: 'required', reason: 'is required' },
      { row: 4, field: 'custom.case.industry', label: { en: 'Industry' }, problem: 'invalid', reason: "is not one of the field's options" },
      { row: 5, field: 'custom.case.weeklyHours', label: { en: 'Weekly hours' }, problem: 'invalid', reason: 'must be at most 100' },
    ]);
    expect(JSON.stringify(check)).not.toContain(CANARY);

    const before = await survivors();
    await as.admin.post(api(`/imports/${run.id}/start`)).expect(202);
    run = await settle(run.id);
    expect(run).toMatchObject({ status: 'done', imported: 1, failed: 3 });
    expect(await survivors()).toBe(before + 1);

    const [record] = (await t.dataSource.query(
      `SELECT s.id AS survivor_id, s.custom AS survivor_custom, c.id AS case_id, c.custom AS case_custom FROM import_record r JOIN survivor s ON s.id = r.survivor_id JOIN survivor_case c ON c.id = r.case_id WHERE r.import_run_id = $1`,
      [run.id],
    )) as { survivor_id: string; survivor_custom: Record<string, { c: string }>; case_id: string; case_custom: Record<string, unknown> }[];
    // The PII value is ciphertext at rest, under the new survivor's id; the case's values are as chosen.
    expect(JSON.stringify(record!.survivor_custom)).not.toContain(CANARY);
    const aad = { table: 'survivor', column: `custom.${language.id}`, rowId: record!.survivor_id };
    expect(JSON.parse(t.app.get(FieldCipher).decrypt(record!.survivor_custom[language.id]!.c, aad))).toBe(`${CANARY} Tigrinya`);
    expect((await as.caseworker.get(api(`/custom-values/case/${record!.case_id}`)).expect(200)).body.values).toEqual({ industry: industry.options[0]!.id, weeklyHours: 60 });
    // The create audit rows name the keys, in the admin's name, never a value.
    const audits = await t.dataSource.getRepository(AuditEvent).findBy({ action: 'create', actorId: org.admin.id });
    expect(audits.find((a) => a.subjectId === record!.survivor_id)?.fields).toContain('custom.firstLanguage');
    expect(audits.find((a) => a.subjectId === record!.case_id)?.fields).toEqual(expect.arrayContaining(['custom.industry', 'custom.weeklyHours']));
    expect(JSON.stringify(audits)).not.toContain(CANARY);

    // The rows that failed name the field by its label.
    const csv = (await as.admin.get(api(`/imports/${run.id}/failures`)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })).body as Buffer;
    const lines = csv.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[1]).toMatch(/^3,.*First language: is required$/);
    expect(lines[3]).toMatch(/^5,.*Weekly hours: must be at most 100$/);
  });
});

import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { orgWorld, type Agent } from '../../testing/builders.js';
import { api } from '../../testing/fixtures.js';
import type { TestApp } from '../../testing/test-app.js';

type Field = { id: string; version: number; key: string };
type Entry = { id: string; version: number };
const CANARY = 'Zyxconvertcanary Mam speaker';

/**
 * Issue 18: converting a contact into a survivor asks her form's custom fields as registering her does
 * (docs/custom-fields.md, "Values given at creation"), on both databases: the required ones refuse the
 * conversion naming `custom.<key>` with nothing written, a field the caller may not write or that is not
 * on the form is refused naming it, and the values given are written with her (PII as ciphertext under
 * her id), the create audit row naming their keys only.
 */
describe('custom values when a contact is converted into a survivor', () => {
  let t: TestApp;
  let as: Record<'admin' | 'coordinator' | 'caseworker', Agent>;
  let language: Field;

  const define = async (key: string, body: Record<string, unknown>): Promise<Field> =>
    (
      await as.admin
        .post(api('/custom-fields'))
        .send({ entity: 'survivor', key, type: 'shortText', label: { en: key }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body })
        .expect(201)
    ).body as Field;
  const log = async (): Promise<Entry> => (await as.caseworker.post(api('/contacts')).send({ channel: 'call', anonymous: false, name: 'Teal Ibis' }).expect(201)).body as Entry;
  const counts = async () =>
    (await t.dataSource.query(`SELECT (SELECT count(*) FROM survivor)::int AS survivors, (SELECT count(*) FROM survivor_case)::int AS cases, (SELECT count(*) FROM intake)::int AS intakes`)) as unknown[];
  const convert = (entry: Entry, custom?: Record<string, unknown>) => as.caseworker.post(api(`/contacts/${entry.id}/convert`)).send({ version: entry.version, ...(custom ? { custom } : {}) });

  beforeAll(async () => {
    ({ t, as } = await orgWorld(['admin', 'coordinator', 'caseworker'] as const));
    // PII, required of every survivor registered from now on; one only coordinators write.
    language = await define('interviewLanguage', { pii: true, readRoles: ['caseworker'], required: true, applyTo: 'new' });
    await define('guardianKnown', { type: 'yesNo', writeRoles: ['coordinator'] });
  });
  afterAll(() => t.close());

  it('refuses a conversion without a required survivor field, naming it, and writes nothing', async () => {
    const entry = await log();
    const before = await counts();
    const refused = await convert(entry).expect(400);
    expect(refused.body.errors).toEqual({ 'custom.interviewLanguage': ['is required'] });
    expect(await counts()).toEqual(before);
    expect((await as.caseworker.get(api(`/contacts/${entry.id}`)).expect(200)).body).toMatchObject({ outcome: 'contact_only', survivorId: null, caseId: null, version: 1 });
    // An empty value is no value.
    expect((await convert(entry, { interviewLanguage: '' }).expect(400)).body.errors).toHaveProperty(['custom.interviewLanguage']);
  });

  it('refuses a field not on the form (400) or one the caller may not write (403, audited), naming it, with nothing written', async () => {
    const entry = await log();
    const before = await counts();
    expect((await convert(entry, { interviewLanguage: CANARY, shoeSize: 4 }).expect(400)).body.errors).toEqual({ 'custom.shoeSize': ['is not a custom field of this form'] });
    const denied = await convert(entry, { interviewLanguage: CANARY, guardianKnown: true }).expect(403);
    expect(Object.keys(denied.body.errors)).toEqual(['custom.guardianKnown']);
    expect(JSON.stringify(denied.body)).not.toContain('Zyxconvertcanary');
    expect(await t.dataSource.getRepository(AuditEvent).findOneBy({ action: 'denied', subjectType: 'Survivor', fields: ['custom.guardianKnown'] as never })).not.toBeNull();
    expect(await counts()).toEqual(before);
    // A coordinator may not convert at all: refused before her values are asked for.
    const theirs = (await as.coordinator.post(api('/contacts')).send({ channel: 'call' }).expect(201)).body as Entry;
    expect((await as.coordinator.post(api(`/contacts/${theirs.id}/convert`)).send({ version: 1 }).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('writes the values given with the new survivor: PII as ciphertext under her id, the audit naming keys only', async () => {
    const entry = await log();
    const done = (await convert(entry, { interviewLanguage: CANARY }).expect(201)).body as { survivorId: string; contact: { outcome: string } };
    expect(done.contact.outcome).toBe('converted');
    const [row] = (await t.dataSource.query('SELECT custom FROM survivor WHERE id = $1', [done.survivorId])) as { custom: Record<string, { c: string }> }[];
    expect(JSON.stringify(row!.custom)).not.toContain('Zyxconvertcanary');
    const aad = { table: 'survivor', column: `custom.${language.id}`, rowId: done.survivorId };
    expect(JSON.parse(t.app.get(FieldCipher).decrypt(row!.custom[language.id]!.c, aad))).toBe(CANARY);
    expect((await as.caseworker.get(api(`/custom-values/survivor/${done.survivorId}`)).expect(200)).body.values).toEqual({ interviewLanguage: CANARY });
    const audit = await t.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'create', subjectType: 'Survivor', subjectId: done.survivorId });
    expect(audit.fields).toContain('custom.interviewLanguage');
    expect(JSON.stringify(audit)).not.toContain('Zyxconvertcanary');
  });
});

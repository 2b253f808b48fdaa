import { parse } from 'csv-parse/sync';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { api, textBody, type OrgFixture } from '../../testing/fixtures.js';
import { openCase, sentReferral, twoOrgWorld, type Agent } from '../../testing/builders.js';
import type { TestApp } from '../../testing/test-app.js';

type Field = { id: string; version: number; key: string; options: { id: string; label: { en: string } }[] };

/**
 * Issue 18: custom fields in the record export (docs/reports.md, "Part 3"; docs/custom-fields.md): one
 * column per field the person may read, headed with its label, a choice by its option's label, PII
 * decrypted only for the roles that read it, a retired field's values still exported, formula cells inert.
 */
describe('custom fields in the record export', () => {
  let t: TestApp;
  let org: OrgFixture;
  let as: Record<'admin' | 'coordinator' | 'caseworker' | 'caseworker2' | 'analyst', Agent>;
  const f: Record<string, Field> = {};
  let c1: string, c2: string, theirs: string;
  let referralId: string;

  const define = async (key: string, body: Record<string, unknown>): Promise<Field> =>
    (
      await as.admin
        .post(api('/custom-fields'))
        .send({ entity: 'case', key, type: 'yesNo', label: { en: `Label of ${key}`, es: `Etiqueta ${key}` }, readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'], ...body })
        .expect(201)
    ).body as Field;
  const write = async (agent: Agent, entity: string, id: string, values: Record<string, unknown>) => {
    const { version } = (await agent.get(api(`/custom-values/${entity}/${id}`)).expect(200)).body as { version: number };
    await agent.put(api(`/custom-values/${entity}/${id}`)).send({ version, values }).expect(200);
  };
  const exported = async (agent: Agent, path: string, filter?: Record<string, unknown>) => {
    const res = await agent
      .get(api(path))
      .query(filter ? { filter: JSON.stringify(filter) } : {})
      .buffer(true)
      .parse(textBody);
    return res;
  };
  /** The file as header names and records by header. */
  const csv = (text: string) => {
    const [header, ...rows] = parse(text.replace(/^\uFEFF/, '')) as string[][];
    return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
  };

  beforeAll(async () => {
    ({ t, org, as } = await twoOrgWorld(['admin', 'coordinator', 'caseworker', 'caseworker2', 'analyst'] as const));
    const options = (...labels: string[]) => labels.map((en) => ({ label: { en } }));
    f.industry = await define('industry', { type: 'singleChoice', options: options('Farm', 'Factory') });
    f.controls = await define('controls', { type: 'multipleChoice', options: options('Debt', 'Threats') });
    f.story = await define('story', { type: 'shortText', pii: true, readRoles: ['caseworker'], writeRoles: ['caseworker'] });
    f.note = await define('note', { type: 'shortText' });
    f.old = await define('old', {});
    const opt = (key: string, label: string) => f[key]!.options.find((o) => o.label.en === label)!.id;
    ({ caseId: c1 } = await openCase(as.caseworker));
    ({ caseId: c2 } = await openCase(as.caseworker));
    const other = await openCase(as.caseworker2);
    theirs = other.caseId;
    await write(as.caseworker, 'case', c1, {
      industry: opt('industry', 'Farm'),
      controls: [opt('controls', 'Debt'), opt('controls', 'Threats')],
      story: 'Zyxexportcanary',
      note: '=HYPERLINK("http://evil.example","x")',
      old: true,
    });
    await write(as.caseworker, 'case', c2, { industry: opt('industry', 'Factory'), note: '+1 555 0100' });
    await write(as.caseworker2, 'case', theirs, { industry: opt('industry', 'Farm'), story: 'Zyxnothers' });
    // Retired after it was answered: the value is history, and stays in the file.
    await as.admin.post(api(`/custom-fields/${f.old.id}/retire`)).send({ version: f.old.version }).expect(200);

    const rf = (await as.admin
      .post(api('/custom-fields'))
      .send({ entity: 'referral', key: 'pickup', type: 'singleChoice', label: { en: 'Pickup' }, options: options('Today', 'This week'), readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker', 'coordinator'] })
      .expect(201)).body as Field;
    f.pickup = rf;
    const sent = await sentReferral({ caseworker: as.caseworker, coordinator: as.coordinator }, org, { caseId: c1, survivorId: (await as.caseworker.get(api(`/cases/${c1}`)).expect(200)).body.survivorId });
    referralId = sent.referral.id;
    await write(as.coordinator, 'referral', referralId, { pickup: rf.options[1]!.id });
  });
  afterAll(() => t.close());

  it("gives the caseworker a column per field she reads, headed by its label, with her PII decrypted and choices by label", async () => {
    const res = await exported(as.caseworker, '/cases/export');
    expect(res.status).toBe(200);
    const file = csv(res.body as string);
    const custom = file.header.filter((h) => h.startsWith('custom.'));
    expect(custom).toEqual(['custom.industry (Label of industry)', 'custom.controls (Label of controls)', 'custom.story (Label of story)', 'custom.note (Label of note)', 'custom.old (Label of old)']);
    const row = file.rows.find((r) => r.id === c1)!;
    expect(row['custom.industry (Label of industry)']).toBe('Farm');
    expect(row['custom.controls (Label of controls)']).toBe('Debt; Threats');
    expect(row['custom.story (Label of story)']).toBe('Zyxexportcanary');
    // A formula is written inert; a phone number is left as it is.
    expect(row['custom.note (Label of note)']).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(file.rows.find((r) => r.id === c2)!['custom.note (Label of note)']).toBe('+1 555 0100');
    // The retired field's value is still exported under its key.
    expect(row['custom.old (Label of old)']).toBe('true');
    expect(res.body as string).not.toContain('Zyxnothers');

    const [audit] = await t.dataSource.getRepository(AuditEvent).find({ where: { actorId: org.caseworker.id, action: 'export', subjectType: 'Case' }, order: { seq: 'DESC' }, take: 1 });
    expect(audit!.fields).toEqual(expect.arrayContaining(['custom.industry', 'custom.story', 'custom.old']));
    expect(audit!.fields).not.toContain('custom');
  });

  it('never gives the coordinator a PII field her role may not read, in columns or cells', async () => {
    const res = await exported(as.coordinator, '/cases/export');
    expect(res.status).toBe(200);
    const file = csv(res.body as string);
    expect(file.header.filter((h) => h.startsWith('custom.'))).toEqual(['custom.industry (Label of industry)', 'custom.controls (Label of controls)', 'custom.note (Label of note)', 'custom.old (Label of old)']);
    expect(res.body as string).not.toContain('Zyxexportcanary');
    expect(res.body as string).not.toContain('Zyxnothers');
    expect(file.rows.find((r) => r.id === theirs)!['custom.industry (Label of industry)']).toBe('Farm');
    // The stored value is ciphertext, not what the caseworker wrote.
    const [stored] = (await t.dataSource.query(`SELECT custom::text AS custom FROM survivor_case WHERE id = $1`, [c1])) as { custom: string }[];
    expect(stored!.custom).not.toContain('Zyxexportcanary');
  });

  it('filters the file by a custom field, and refuses a filter on a field the person may not read', async () => {
    const farm = f.industry!.options.find((o) => o.label.en === 'Farm')!.id;
    const farmOnly = csv((await exported(as.coordinator, '/cases/export', { 'custom.industry': farm })).body as string);
    expect(farmOnly.rows.map((r) => r.id).sort()).toEqual([c1, theirs].sort());
    const refused = await exported(as.coordinator, '/cases/export', { 'custom.story': 'x' });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body as string).errors).toHaveProperty(['filter.custom.story']);
    expect((await exported(as.analyst, '/cases/export')).status).toBe(403);
  });

  it('carries the referral fields in the referral board, not in a caseworker\'s case fields', async () => {
    const file = csv((await exported(as.coordinator, '/referrals/export')).body as string);
    expect(file.header.filter((h) => h.startsWith('custom.'))).toEqual(['custom.pickup (Pickup)']);
    expect(file.rows.find((r) => r.id === referralId)!['custom.pickup (Pickup)']).toBe('This week');
  });

  it('filters the referral file by a referral field; a case field is not one of its filters', async () => {
    const [today, thisWeek] = f.pickup!.options.map((o) => o.id);
    const ids = async (filter: Record<string, unknown>) => csv((await exported(as.coordinator, '/referrals/export', filter)).body as string).rows.map((r) => r.id);
    expect(await ids({ 'custom.pickup': thisWeek })).toEqual([referralId]);
    expect(await ids({ 'custom.pickup': today })).toEqual([]);
    const refused = await exported(as.coordinator, '/referrals/export', { 'custom.industry': 'x' });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body as string).errors['filter.custom.industry'][0]).toMatch(/not a filter/);
  });
});

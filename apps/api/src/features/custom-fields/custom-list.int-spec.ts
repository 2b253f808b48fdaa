import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { api, signIn, textBody, type OrgFixture } from '../../testing/fixtures.js';
import { openCase, sentReferral, twoOrgWorld, type Agent } from '../../testing/builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { defineField } from '../../testing/custom-fields.js';

type Field = { id: string; version: number; key: string; options: { id: string; label: { en: string } }[] };
type Row = { id: string; custom?: Record<string, unknown> };

/** Issue 18: custom fields as filters, sorts and columns of the case list (docs/custom-fields.md, "In lists"). */
describe('custom fields in the case list', () => {
  let t: TestApp;
  let org: OrgFixture;
  let as: Record<'admin' | 'coordinator' | 'caseworker' | 'caseworker2' | 'partner', Agent>;
  const f: Record<string, Field> = {};
  const opt = (key: string, label: string) => f[key]!.options.find((o) => o.label.en === label)!.id;
  let c1: string, c2: string, c3: string, c4: string;
  let cases: { caseId: string; survivorId: string }[];

  const define = (key: string, body: Record<string, unknown>, agent: Agent = as.admin): Promise<Field> => defineField(agent, key, body);
  const write = async (agent: Agent, caseId: string, values: Record<string, unknown>) => {
    const { version } = (await agent.get(api(`/custom-values/case/${caseId}`)).expect(200)).body as { version: number };
    await agent.put(api(`/custom-values/case/${caseId}`)).send({ version, values }).expect(200);
  };
  const list = (agent: Agent, filter: Record<string, unknown>, sort?: [string, string]) =>
    agent.get(api('/cases')).query({ filter: JSON.stringify(filter), range: '[0,99]', ...(sort ? { sort: JSON.stringify(sort) } : {}) });
  const ids = async (agent: Agent, filter: Record<string, unknown>, sort?: [string, string]) => ((await list(agent, filter, sort).expect(200)).body as Row[]).map((r) => r.id);
  const set = (...xs: string[]) => [...xs].sort();
  const refusal = async (agent: Agent, filter: Record<string, unknown>, sort?: [string, string]) => (await list(agent, filter, sort).expect(400)).body as { errors: Record<string, string[]> };

  beforeAll(async () => {
    const world = await twoOrgWorld(['admin', 'coordinator', 'caseworker', 'caseworker2', 'partner'] as const);
    ({ t, org, as } = world);
    const options = (...labels: string[]) => labels.map((en) => ({ label: { en } }));
    f.industry = await define('industry', { type: 'singleChoice', options: options('Farm', 'Factory', 'Home') });
    f.controls = await define('controls', { type: 'multipleChoice', options: options('Debt', 'Threats', 'Documents') });
    f.hasId = await define('hasId', {});
    f.hours = await define('hours', { type: 'number' });
    f.arrived = await define('arrived', { type: 'date' });
    f.secret = await define('secret', { readRoles: ['coordinator'], writeRoles: ['coordinator'] });
    f.story = await define('story', { type: 'shortText', pii: true, readRoles: ['caseworker'], writeRoles: ['caseworker'] });
    f.note = await define('note', { type: 'shortText' });
    f.owner = await define('owner', { type: 'person' });
    f.old = await define('old', {});
    await as.admin.post(api(`/custom-fields/${f.old.id}/retire`)).send({ version: f.old.version }).expect(200);
    // Another organization's field: its key means nothing here.
    const otherAdmin = await signIn(t, world.other.admin);
    await define('elsewhere', {}, otherAdmin);

    const opened = await Promise.all([openCase(as.caseworker), openCase(as.caseworker), openCase(as.caseworker)]);
    [c1, c2, c3] = opened.map((c) => c.caseId) as [string, string, string];
    cases = opened;
    c4 = (await openCase(as.caseworker2)).caseId;
    await write(as.caseworker, c1, { industry: opt('industry', 'Farm'), controls: [opt('controls', 'Debt'), opt('controls', 'Threats')], hasId: true, hours: 72, arrived: '2025-01-10', story: 'Zyxlistcanary', note: 'a note' });
    await write(as.caseworker, c2, { industry: opt('industry', 'Factory'), controls: [opt('controls', 'Threats')], hasId: false, hours: 40, arrived: '2025-06-01' });
    await write(as.caseworker2, c4, { industry: opt('industry', 'Farm'), hasId: true, hours: 80 });
    await write(as.coordinator, c1, { secret: true });
  });
  afterAll(() => t.close());

  it('filters on choices, yes/no, number and date ranges, within the caller scope', async () => {
    const farm = opt('industry', 'Farm');
    // c4 is caseworker2's: the same value does not bring it into caseworker's list.
    expect(await ids(as.caseworker, { 'custom.industry': farm })).toEqual([c1]);
    expect(set(...(await ids(as.coordinator, { 'custom.industry': farm })))).toEqual(set(c1, c4));
    expect(set(...(await ids(as.caseworker, { 'custom.industry': [farm, opt('industry', 'Factory')] })))).toEqual(set(c1, c2));
    expect(await ids(as.caseworker, { 'custom.industry': opt('industry', 'Home') })).toEqual([]);
    expect(await ids(as.caseworker, { 'custom.controls': opt('controls', 'Debt') })).toEqual([c1]);
    expect(set(...(await ids(as.caseworker, { 'custom.controls': opt('controls', 'Threats') })))).toEqual(set(c1, c2));
    expect(await ids(as.caseworker, { 'custom.controls': [opt('controls', 'Debt'), opt('controls', 'Threats')] })).toEqual([c1]);
    expect(await ids(as.caseworker, { 'custom.hasId': true })).toEqual([c1]);
    expect(await ids(as.caseworker, { 'custom.hasId': false })).toEqual([c2]);
    expect(await ids(as.caseworker, { 'custom.hours_gte': 50 })).toEqual([c1]);
    expect(await ids(as.caseworker, { 'custom.hours_lte': 50 })).toEqual([c2]);
    expect(set(...(await ids(as.caseworker, { 'custom.hours_gte': 40, 'custom.hours_lte': 72 })))).toEqual(set(c1, c2));
    expect(await ids(as.caseworker, { 'custom.hours': 72 })).toEqual([c1]);
    expect(await ids(as.caseworker, { 'custom.arrived_gte': '2025-02-01' })).toEqual([c2]);
    expect(await ids(as.caseworker, { 'custom.arrived_lte': '2025-02-01' })).toEqual([c1]);
    // With a built-in filter too.
    expect(await ids(as.caseworker, { 'custom.hasId': true, status: 'closed' })).toEqual([]);
    // The coordinator may filter by the field only coordinators read; the caseworker may not.
    expect(await ids(as.coordinator, { 'custom.secret': true })).toEqual([c1]);
  });

  it('sorts by a number or date field, cases without a value last', async () => {
    expect(await ids(as.caseworker, {}, ['custom.hours', 'ASC'])).toEqual([c2, c1, c3]);
    expect(await ids(as.caseworker, {}, ['custom.hours', 'DESC'])).toEqual([c1, c2, c3]);
    expect(await ids(as.coordinator, {}, ['custom.hours', 'DESC'])).toEqual([c4, c1, c2, c3]);
    expect(await ids(as.caseworker, {}, ['custom.arrived', 'DESC'])).toEqual([c2, c1, c3]);
    expect((await refusal(as.caseworker, {}, ['custom.industry', 'ASC'])).errors).toHaveProperty('sort');
    expect((await refusal(as.caseworker, {}, ['custom.note', 'ASC'])).errors).toHaveProperty('sort');
  });

  it('refuses what may not be filtered with a 400 naming the filter', async () => {
    const refused = async (agent: Agent, name: string, value: unknown, message?: RegExp) => {
      const { errors } = await refusal(agent, { [name]: value });
      expect(errors).toHaveProperty([`filter.${name}`]);
      if (message) expect(errors[`filter.${name}`]![0]).toMatch(message);
    };
    await refused(as.caseworker, 'custom.nope', true, /not a filter/);
    await refused(as.caseworker, 'custom.elsewhere', true, /not a filter/);
    await refused(as.caseworker, 'custom.old', true, /retired/);
    await refused(as.caseworker, 'custom.secret', true, /may read/);
    await refused(as.admin, 'custom.industry', opt('industry', 'Farm'), /may read/);
    await refused(as.caseworker, 'custom.story', 'Zyxlistcanary', /PII/);
    await refused(as.caseworker, 'custom.note', 'a note', /text or person/);
    await refused(as.caseworker, 'custom.owner', org.caseworker.id, /text or person/);
    await refused(as.caseworker, 'custom.industry', 'not-an-option', /not an option/);
    expect((await refusal(as.caseworker, { 'custom.industry': [opt('industry', 'Farm'), 'x'] })).errors).toHaveProperty(['filter.custom.industry[1]']);
    await refused(as.caseworker, 'custom.industry', opt('controls', 'Debt'), /not an option/);
    await refused(as.caseworker, 'custom.controls', 7, /not an option/);
    await refused(as.caseworker, 'custom.hasId', 'yes', /true or false/);
    await refused(as.caseworker, 'custom.hours_gte', '50', /number/);
    await refused(as.caseworker, 'custom.arrived_gte', '2025-02-30', /date/);
    await refused(as.caseworker, 'custom.arrived_lte', '0000-01-01', /years 1 and 9999/);
    await refused(as.caseworker, 'custom.arrived_gte', 20250101, /date/);
    await refused(as.caseworker, 'custom.industry', 'a\u0000b', /control character/);
    await refused(as.caseworker, 'custom.hasId_gte', true, /not a filter/);
  });

  it('the CSV export takes the same custom filters and refusals', async () => {
    const csv = async (filter: Record<string, unknown>) =>
      as.coordinator
        .get(api('/cases/export'))
        .query({ filter: JSON.stringify(filter) })
        .buffer(true)
        .parse(textBody);
    const yes = await csv({ 'custom.hasId': true });
    expect(yes.status).toBe(200);
    const text = yes.body as string;
    expect(text).toContain(c1);
    expect(text).toContain(c4);
    expect(text).not.toContain(c2);
    expect(text).not.toContain(c3);
    const refused = await csv({ 'custom.story': 'x' });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body as string)).toHaveProperty(['errors', 'filter.custom.story']);
  });

  it('each row carries the values the reader may read, decrypted where her role may, audited once', async () => {
    const count = () => t.dataSource.getRepository(AuditEvent).countBy({ actorId: org.caseworker.id, action: 'list' });
    const before = await count();
    const rows = (await list(as.caseworker, {}).expect(200)).body as Row[];
    expect(await count()).toBe(before + 1);
    const row = rows.find((r) => r.id === c1)!;
    expect(row.custom).toEqual({
      industry: opt('industry', 'Farm'),
      controls: [opt('controls', 'Debt'), opt('controls', 'Threats')],
      hasId: true,
      hours: 72,
      arrived: '2025-01-10',
      story: 'Zyxlistcanary',
      note: 'a note',
    });
    expect(rows.find((r) => r.id === c3)!.custom).toEqual({});
    const audit = (await t.dataSource.getRepository(AuditEvent).find({ where: { actorId: org.caseworker.id, action: 'list' }, order: { seq: 'DESC' }, take: 1 }))[0]!;
    expect(audit.fields).toEqual(expect.arrayContaining(['custom.story', 'custom.industry']));
    expect(audit.fields).not.toContain('custom.secret');
    // The coordinator sees the field only coordinators read, not the PII field only caseworkers read.
    const theirs = ((await list(as.coordinator, {}).expect(200)).body as Row[]).find((r) => r.id === c1)!;
    expect(theirs.custom).toMatchObject({ secret: true, hours: 72 });
    expect(theirs.custom).not.toHaveProperty('story');
    expect(JSON.stringify((await list(as.coordinator, {}).expect(200)).body)).not.toContain('Zyxlistcanary');
    // An admin reads no custom value of these fields.
    const admins = (await list(as.admin, {}).expect(200)).body as Row[];
    for (const r of admins) expect(r.custom ?? {}).toEqual({});
  });

  it('the referral list takes its own custom fields the same way; partner staff neither filter nor see them', async () => {
    await define('urgentBed', { entity: 'referral', readRoles: ['caseworker', 'coordinator', 'partner'], writeRoles: ['caseworker', 'coordinator'], shareable: true });
    const people = { caseworker: as.caseworker, coordinator: as.coordinator };
    const [r1, r2] = [(await sentReferral(people, org, cases[0]!)).referral.id, (await sentReferral(people, org, cases[1]!)).referral.id];
    // A sent referral is changed by the coordinator.
    const { version } = (await as.coordinator.get(api(`/custom-values/referral/${r1}`)).expect(200)).body as { version: number };
    await as.coordinator.put(api(`/custom-values/referral/${r1}`)).send({ version, values: { urgentBed: true } }).expect(200);
    const referrals = (agent: Agent, filter: Record<string, unknown>) => agent.get(api('/referrals')).query({ filter: JSON.stringify(filter), range: '[0,99]' });
    const yes = (await referrals(as.coordinator, { 'custom.urgentBed': true }).expect(200)).body as Row[];
    expect(yes.map((r) => r.id)).toEqual([r1]);
    expect(yes[0]!.custom).toEqual({ urgentBed: true });
    expect(((await referrals(as.coordinator, { 'custom.urgentBed': false }).expect(200)).body as Row[]).map((r) => r.id)).toEqual([]);
    expect(((await referrals(as.coordinator, {}).expect(200)).body as Row[]).map((r) => r.id).sort()).toEqual([r1, r2].sort());
    // A case field is not a referral filter.
    expect(((await referrals(as.coordinator, { 'custom.hasId': true }).expect(400)).body as { errors: object }).errors).toHaveProperty(['filter.custom.hasId']);
    expect(((await referrals(as.partner, { 'custom.urgentBed': true }).expect(400)).body as { errors: object }).errors).toHaveProperty(['filter.custom.urgentBed']);
    const inbox = (await referrals(as.partner, {}).expect(200)).body as Row[];
    expect(inbox.map((r) => r.id).sort()).toEqual([r1, r2].sort());
    for (const row of inbox) expect(row).not.toHaveProperty('custom');
  });
});

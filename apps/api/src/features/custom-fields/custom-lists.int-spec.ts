import { api, lastAudit, signIn } from '../../testing/fixtures.js';
import { openCase, withTwoOrgWorld, type Agent } from '../../testing/builders.js';

type Field = { id: string; version: number; key: string; options: { id: string; label: { en: string } }[] };
type Row = { id: string; custom?: Record<string, unknown> };
type Role = 'admin' | 'coordinator' | 'caseworker' | 'caseworker2' | 'partner';

const CANARY = 'Zyxlistscanary';

const created = async (agent: Agent, path: string, body: Record<string, unknown>) => ((await agent.post(api(path)).send(body).expect(201)).body as Row).id;
/**
 * How each list's records are made (on `caseId`, an open case of the agent's; `today`: the test clock's day), where their values are
 * written, the table that stores them.
 */
const LISTS: Record<'contact' | 'intake' | 'goal' | 'outcomeAssessment', { path: string; values: string; table: string; make: (agent: Agent, caseId: string, today: string) => Promise<string> }> = {
  contact: { path: '/contacts', values: 'contact', table: 'contact', make: (agent: Agent) => created(agent, '/contacts', { channel: 'call' }) },
  intake: { path: '/intakes', values: 'intake', table: 'intake', make: (agent: Agent, caseId: string) => created(agent, '/intakes', { caseId, riskScreening: {} }) },
  goal: {
    path: '/goals',
    values: 'goal',
    table: 'goal',
    make: async (agent: Agent, caseId: string, today: string) => {
      const planId = await created(agent, '/service-plans', { caseId, planType: 'SocialCare', startsOn: today, reviewDate: today });
      return created(agent, '/goals', { planId, domain: 'employment', description: 'A job' });
    },
  },
  outcomeAssessment: {
    path: '/outcomes',
    values: 'outcome-assessment',
    table: 'outcome_assessment',
    make: (agent: Agent, caseId: string, today: string) => created(agent, '/outcomes', { caseId, stage: 'intake', assessedOn: today, housingSituation: 101 }),
  },
};

const ROLES = ['admin', 'coordinator', 'caseworker', 'caseworker2', 'partner'] as const;
const READ_WRITE = { readRoles: ['caseworker', 'coordinator'], writeRoles: ['caseworker'] };

/**
 * One app and one pair of organizations for the four lists: each list's block defines its own form's
 * fields and makes its own records, and looks only at those (the lists are of different records), so
 * the blocks need no app or organization of their own. Four of each were most of this file's setup.
 */
const world = withTwoOrgWorld(ROLES);
let otherAdmin: Agent;
/** Three open cases of the caseworker's and one of caseworker2's: each list's block adds its one record to each (openCase adds none to a list). */
let cases: string[];
beforeAll(async () => {
  const { caseworker: cw, caseworker2: cw2 } = world.as;
  [otherAdmin, ...cases] = await Promise.all([signIn(world.t, world.other.admin), ...[cw, cw, cw, cw2].map(async (agent) => (await openCase(agent)).caseId)]);
  // A field of the case form: a filter in none of these lists.
  await world.as.admin.post(api('/custom-fields')).send({ entity: 'case', key: 'caseOnly', type: 'yesNo', label: { en: 'caseOnly' }, ...READ_WRITE }).expect(201);
});

/**
 * Issue 18: the contact, intake, goal and outcome-assessment lists take their own form's custom fields as filters, sorts and columns,
 * through the same CustomListFields as the case list (docs/custom-fields.md, "In lists").
 */
describe.each(['contact', 'intake', 'goal', 'outcomeAssessment'] as const)('custom fields in the %s list', (entity) => {
  const { path, values, table, make } = LISTS[entity];
  const as: Record<Role, Agent> = world.as;
  const f: Record<string, Field> = {};
  const opt = (label: string) => f.kind!.options.find((o) => o.label.en === label)!.id;
  let r1: string, r2: string, r3: string, r4: string;

  const define = async (key: string, body: Record<string, unknown>, agent: Agent = as.admin): Promise<Field> =>
    (await agent.post(api('/custom-fields')).send({ entity, key, type: 'yesNo', label: { en: key }, ...READ_WRITE, ...body }).expect(201)).body as Field;
  const write = async (id: string, given: Record<string, unknown>) => {
    const { version } = (await as.caseworker.get(api(`/custom-values/${values}/${id}`)).expect(200)).body as { version: number };
    await as.caseworker.put(api(`/custom-values/${values}/${id}`)).send({ version, values: given }).expect(200);
  };
  const list = (agent: Agent, filter: Record<string, unknown>, sort?: [string, string]) =>
    agent.get(api(path)).query({ filter: JSON.stringify(filter), range: '[0,99]', ...(sort ? { sort: JSON.stringify(sort) } : {}) });
  // Only this spec's records (openCase adds none to the contact list, but the order is what is checked).
  const ids = async (agent: Agent, filter: Record<string, unknown>, sort?: [string, string]) =>
    ((await list(agent, filter, sort).expect(200)).body as Row[]).map((r) => r.id).filter((id) => [r1, r2, r3, r4].includes(id));
  const errors = async (agent: Agent, filter: Record<string, unknown>, sort?: [string, string]) => ((await list(agent, filter, sort).expect(400)).body as { errors: Record<string, string[]> }).errors;

  beforeAll(async () => {
    [f.kind, f.hasId, f.hours, f.secret, f.story, f.remark, f.old] = await Promise.all([
      define('kind', { type: 'singleChoice', options: [{ label: { en: 'Farm' } }, { label: { en: 'Factory' } }] }),
      define('hasId', {}),
      define('hours', { type: 'number' }),
      define('secret', { readRoles: ['coordinator'], writeRoles: ['coordinator'] }),
      define('story', { type: 'shortText', pii: true, readRoles: ['caseworker'] }),
      define('remark', { type: 'shortText' }),
      define('old', {}),
    ]);
    await Promise.all([
      as.admin.post(api(`/custom-fields/${f.old.id}/retire`)).send({ version: f.old.version }).expect(200),
      // Another organization's field of this form: not a filter here either.
      define('elsewhere', {}, otherAdmin),
    ]);

    const today = world.t.clock.now().toISOString().slice(0, 10);
    [r1, r2, r3, r4] = await Promise.all(cases.map((caseId, i) => make(i < 3 ? as.caseworker : as.caseworker2, caseId, today)));
    await Promise.all([write(r1, { kind: opt('Farm'), hasId: true, hours: 72, story: CANARY, remark: 'a remark' }), write(r2, { kind: opt('Factory'), hasId: false, hours: 40 })]);
    // caseworker2's record, and the value only coordinators read (a non-PII yes/no, stored as it is).
    await world.t.dataSource.query(`UPDATE ${table} SET custom = jsonb_build_object($1::text, 'true'::jsonb, $2::text, 80) WHERE id = $3`, [f.hasId.id, f.hours.id, r4]);
    await world.t.dataSource.query(`UPDATE ${table} SET custom = custom || jsonb_build_object($1::text, 'true'::jsonb) WHERE id = $2`, [f.secret.id, r1]);
  });

  it('filters and sorts by its own fields, within the caller scope', async () => {
    expect(await ids(as.caseworker, { 'custom.kind': opt('Farm') })).toEqual([r1]);
    expect((await ids(as.caseworker, { 'custom.kind': [opt('Farm'), opt('Factory')] })).sort()).toEqual([r1, r2].sort());
    // r4 is caseworker2's: the same value does not bring it into caseworker's list; the coordinator sees both.
    expect(await ids(as.caseworker, { 'custom.hasId': true })).toEqual([r1]);
    expect((await ids(as.coordinator, { 'custom.hasId': true })).sort()).toEqual([r1, r4].sort());
    expect(await ids(as.caseworker, { 'custom.hasId': false })).toEqual([r2]);
    expect(await ids(as.caseworker, { 'custom.hours_gte': 50 })).toEqual([r1]);
    expect(await ids(as.caseworker, { 'custom.hours_lte': 50 })).toEqual([r2]);
    expect(await ids(as.coordinator, { 'custom.secret': true })).toEqual([r1]);
    expect(await ids(as.caseworker, {}, ['custom.hours', 'ASC'])).toEqual([r2, r1, r3]);
    expect(await ids(as.coordinator, {}, ['custom.hours', 'DESC'])).toEqual([r4, r1, r2, r3]);
  });

  it('refuses what may not be filtered with a 400 naming the filter or the sort', async () => {
    const refused = async (name: string, value: unknown, message: RegExp) => {
      const found = await errors(as.caseworker, { [name]: value });
      expect(found[`filter.${name}`]?.[0]).toMatch(message);
    };
    await refused('custom.nope', true, /not a filter/);
    await refused('custom.elsewhere', true, /not a filter/);
    await refused('custom.caseOnly', true, /not a filter/);
    await refused('custom.old', true, /retired/);
    await refused('custom.secret', true, /may read/);
    await refused('custom.story', CANARY, /PII/);
    await refused('custom.remark', 'a remark', /text or person/);
    await refused('custom.kind', opt('Farm') + 'x', /not an option/);
    await refused('custom.hours_gte', '50', /number/);
    expect(await errors(as.caseworker, {}, ['custom.kind', 'ASC'])).toHaveProperty('sort');
    expect(await errors(as.caseworker, {}, ['custom.secret', 'ASC'])).toHaveProperty('sort');
    // Partner staff do not read this list at all.
    await list(as.partner, { 'custom.hasId': true }).expect(403);
  });

  it('each row carries only the values the reader may read, named in the one audit row', async () => {
    const mine = ((await list(as.caseworker, {}).expect(200)).body as Row[]).find((r) => r.id === r1)!;
    expect(mine.custom).toEqual({ kind: opt('Farm'), hasId: true, hours: 72, story: CANARY, remark: 'a remark' });
    const audit = await lastAudit(world.t, world.org.caseworker.id, 'list');
    expect(audit!.fields).toEqual(expect.arrayContaining(['custom.story', 'custom.kind', 'custom.hours']));
    expect(audit!.fields).not.toContain('custom.secret');
    const body = (await list(as.coordinator, {}).expect(200)).body as Row[];
    expect(body.find((r) => r.id === r1)!.custom).toEqual({ kind: opt('Farm'), hasId: true, hours: 72, secret: true, remark: 'a remark' });
    expect(JSON.stringify(body)).not.toContain(CANARY);
    expect((await lastAudit(world.t, world.org.coordinator.id, 'list'))!.fields).toContain('custom.secret');
  });
});

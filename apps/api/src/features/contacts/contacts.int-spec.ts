import { IntakesService } from '../intakes/index.js';
import { twoOrgWorld, type Agent } from '../../testing/builders.js';
import { api, lastAudit, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import type { TestApp } from '../../testing/test-app.js';

type Entry = Record<string, unknown> & { id: string; version: number };

const CANARY_NAME = 'Zyxcontactcanary Rivera';
const CANARY_PHONE = '+1 555 0100 777';
const CANARY_AREA = 'Zyxareacanary county';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A named call's details (the note aside), as a caseworker logs them and as they are read back. */
const NAMED_CALL = {
  anonymous: false,
  name: CANARY_NAME,
  phone: CANARY_PHONE,
  countryCode: 'US',
  area: CANARY_AREA,
  needs: ['shelter', 'safety'],
  indicators: ['DebtBondage', 'WithholdsDocuments'],
  immediateDanger: 'yes',
  actions: ['information_given', 'referral_made'],
  followUpOn: '2030-01-15',
};

/** Issue 17, part 1: contacts before a case, on both databases. */
describe('contacts before a case', () => {
  let t: TestApp;
  let org: OrgFixture;
  let other: OrgFixture;
  let cw: Agent;
  let cw2: Agent;
  let coordinator: Agent;
  let admin: Agent;
  let analyst: Agent;
  let partner: Agent;
  let otherCw: Agent;

  beforeAll(async () => {
    ({ t, org, other, as: { caseworker: cw, caseworker2: cw2, coordinator, admin, analyst, partner } } = await twoOrgWorld(['caseworker', 'caseworker2', 'coordinator', 'admin', 'analyst', 'partner']));
    otherCw = await signIn(t, other.caseworker);
  });
  afterAll(() => t.close());

  const log = async (agent: Agent, body: Record<string, unknown> = {}) =>
    (await agent.post(api('/contacts')).send({ channel: 'call', ...body }).expect(201)).body as Entry;
  const list = async (agent: Agent, filter: Record<string, unknown> = {}) =>
    (await agent.get(api('/contacts')).query({ filter: JSON.stringify(filter), range: '[0,99]' }).expect(200)).body as Entry[];
  const counts = async () => {
    const [row] = (await t.dataSource.query(
      `SELECT (SELECT count(*) FROM survivor)::int AS survivors, (SELECT count(*) FROM survivor_case)::int AS cases, (SELECT count(*) FROM intake)::int AS intakes`,
    )) as { survivors: number; cases: number; intakes: number }[];
    return row;
  };

  it('a caseworker logs a named call: named details and the area are ciphertext in the table, the write and the read audited', async () => {
    const created = await log(cw, { ...NAMED_CALL, note: 'Called from a motel' });
    // Every detail sent comes back as sent, with what the server adds.
    expect(created).toMatchObject({
      ...NAMED_CALL,
      channel: 'call',
      staffUserId: org.caseworker.id,
      email: null,
      followUpNeeded: true,
      outcome: 'contact_only',
      survivorId: null,
      caseId: null,
      version: 1,
    });
    expect(await lastAudit(t, org.caseworker.id, 'create')).toMatchObject({ subjectType: 'Contact', subjectId: created.id });
    const raw = (await t.dataSource.query('SELECT * FROM contact WHERE id = $1', [created.id]))[0];
    for (const column of ['name', 'phone', 'area', 'note']) expect(raw[column]).toMatch(/^v1\.[^.]+\./);
    expect(JSON.stringify(raw)).not.toMatch(/Zyxcontactcanary|Zyxareacanary|0100 777|motel/);

    const read = await cw.get(api(`/contacts/${created.id}`)).expect(200);
    expect(read.body.name).toBe(CANARY_NAME);
    expect(await lastAudit(t, org.caseworker.id, 'read')).toMatchObject({ subjectType: 'Contact', subjectId: created.id, requestId: read.headers['x-request-id'] });
    const listed = await cw.get(api('/contacts')).query({ filter: JSON.stringify({ id: [created.id] }) }).expect(200);
    expect(listed.headers['content-range']).toBe('contacts 0-0/1');
    expect(await lastAudit(t, org.caseworker.id, 'list')).toMatchObject({ subjectType: 'Contact', subjectIds: [created.id] });
  });

  it('a contact is anonymous by default; only the channel is required', async () => {
    const quick = await log(cw);
    expect(quick).toMatchObject({ anonymous: true, name: null, phone: null, email: null, immediateDanger: 'unknown', needs: [], actions: [], followUpNeeded: false });
    expect(typeof quick.occurredAt).toBe('string');
  });

  it('who reads what: her own and her caseload\'s for a caseworker, the program\'s for a coordinator (without others\' named details), nothing for admins, analysts, partners or another organization', async () => {
    const mine = await log(cw, { anonymous: false, name: CANARY_NAME, channel: 'text' });
    const theirs = await log(cw2, { channel: 'walk_in' });
    expect((await list(cw)).map((c) => c.id)).toContain(mine.id);
    expect((await list(cw)).map((c) => c.id)).not.toContain(theirs.id);
    await cw.get(api(`/contacts/${theirs.id}`)).expect(404);
    await cw.put(api(`/contacts/${theirs.id}`)).send({ version: 1, channel: 'call' }).expect(404);

    const seen = await coordinator.get(api(`/contacts/${mine.id}`)).expect(200);
    expect(seen.body).toMatchObject({ id: mine.id, channel: 'text', anonymous: false });
    for (const field of ['name', 'phone', 'email', 'area', 'note']) expect(seen.body).not.toHaveProperty(field);
    expect((await list(coordinator)).map((c) => c.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const own = await log(coordinator, { anonymous: false, name: 'Coordinator caller' });
    expect((await coordinator.get(api(`/contacts/${own.id}`)).expect(200)).body.name).toBe('Coordinator caller');
    // A coordinator corrects what she reads, never named details she cannot see.
    await coordinator.put(api(`/contacts/${mine.id}`)).send({ version: mine.version, followUpNeeded: true }).expect(200);
    expect((await coordinator.put(api(`/contacts/${mine.id}`)).send({ version: mine.version + 1, name: 'X' }).expect(403)).body.code).toBe('FORBIDDEN_FIELDS');

    for (const agent of [admin, analyst, partner]) {
      await agent.get(api('/contacts')).expect(403);
      await agent.get(api(`/contacts/${mine.id}`)).expect(403);
      await agent.post(api('/contacts')).send({ channel: 'call' }).expect(403);
      await agent.get(api('/contacts/summary')).query({ from: '2026-01-01', to: '2026-01-31' }).expect(403);
    }
    expect(await list(otherCw)).toEqual([]);
    await otherCw.get(api(`/contacts/${mine.id}`)).expect(404);
    await otherCw.post(api(`/contacts/${mine.id}/void`)).send({ version: 2, reason: 'not mine' }).expect(404);
  });

  it('bad input is a 400 naming the field, and nothing is written', async () => {
    const before = Number((await t.dataSource.query('SELECT count(*)::int AS n FROM contact'))[0].n);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'channel'],
      [{ channel: 'fax' }, 'channel'],
      [{ channel: 'call', needs: ['shelter', 'spaceship'] }, 'needs'],
      [{ channel: 'call', indicators: ['Nope'] }, 'indicators'],
      [{ channel: 'call', immediateDanger: 'maybe' }, 'immediateDanger'],
      [{ channel: 'call', actions: ['prayed'] }, 'actions'],
      [{ channel: 'call', countryCode: 'XX' }, 'countryCode'],
      [{ channel: 'call', email: 'not-an-email', anonymous: false }, 'email'],
      [{ channel: 'call', phone: 'call me', anonymous: false }, 'phone'],
      [{ channel: 'call', followUpOn: '2026-02-30' }, 'followUpOn'],
      [{ channel: 'call', occurredAt: 'yesterday' }, 'occurredAt'],
      [{ channel: 'call', occurredAt: '2999-01-01T00:00:00Z' }, 'occurredAt'],
      [{ channel: 'call', anonymous: true, name: 'Ana' }, 'name'],
      [{ channel: 'call', followUpNeeded: false, followUpOn: '2030-01-01' }, 'followUpOn'],
      [{ channel: 'call', staffUserId: org.admin.id }, 'staffUserId'],
      [{ channel: 'call', area: 'x'.repeat(81) }, 'area'],
      [{ channel: 'call', surprise: 1 }, 'surprise'],
    ];
    for (const [body, field] of cases) {
      const res = await cw.post(api('/contacts')).send(body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect([JSON.stringify(body), Object.keys(res.body.errors ?? {})]).toEqual([JSON.stringify(body), expect.arrayContaining([field])]);
    }
    expect(Number((await t.dataSource.query('SELECT count(*)::int AS n FROM contact'))[0].n)).toBe(before);
    await cw.get(api(`/contacts/${UNKNOWN_ID}`)).expect(404);
    await cw.get(api('/contacts/summary')).query({ from: '2026-02-01', to: '2026-01-01' }).expect(400);
    expect(Object.keys((await cw.get(api('/contacts/summary')).query({ from: '2020-01-01', to: '2026-01-01' }).expect(400)).body.errors)).toEqual(['to']);
    expect(Object.keys((await cw.get(api('/contacts')).query({ filter: JSON.stringify({ channel: 'fax' }) }).expect(400)).body.errors)).toEqual(['filter.channel']);
  });

  it('a correction is an edit with the version (stale: 409); a contact logged in error is voided, never deleted', async () => {
    const entry = await log(cw);
    const fixed = (await cw.put(api(`/contacts/${entry.id}`)).send({ version: 1, channel: 'outreach', anonymous: false, email: 'ana@example.org' }).expect(200)).body as Entry;
    expect(fixed).toMatchObject({ channel: 'outreach', anonymous: false, email: 'ana@example.org', version: 2 });
    expect((await cw.put(api(`/contacts/${entry.id}`)).send({ version: 1, channel: 'call' }).expect(409)).body.code).toBe('STALE_VERSION');
    expect(Object.keys((await cw.put(api(`/contacts/${entry.id}`)).send({ version: 2, anonymous: true }).expect(400)).body.errors)).toEqual(['email']);
    await cw.delete(api(`/contacts/${entry.id}`)).expect(404);
    await cw.post(api(`/contacts/${entry.id}/void`)).send({ version: 2, reason: '' }).expect(400);
    const voided = (await cw.post(api(`/contacts/${entry.id}/void`)).send({ version: 2, reason: 'Logged twice' }).expect(200)).body as Entry;
    expect(voided).toMatchObject({ voidReason: 'Logged twice', version: 3 });
    expect((await cw.put(api(`/contacts/${entry.id}`)).send({ version: 3, channel: 'call' }).expect(409)).body.code).toBe('CONTACT_VOIDED');
    expect((await list(cw, { voided: true })).map((c) => c.id)).toContain(entry.id);
  });

  it('links a contact to a survivor the caseworker may read, never to one she may not', async () => {
    const entry = await log(cw);
    const { survivor: hers } = await createSurvivorWithCase(cw);
    const { survivor: notHers } = await createSurvivorWithCase(cw2);
    expect(Object.keys((await cw.post(api(`/contacts/${entry.id}/link`)).send({ version: 1, survivorId: notHers.id }).expect(400)).body.errors)).toEqual(['survivorId']);
    const linked = (await cw.post(api(`/contacts/${entry.id}/link`)).send({ version: 1, survivorId: hers.id }).expect(200)).body as Entry;
    expect(linked).toMatchObject({ outcome: 'linked', survivorId: hers.id, caseId: null, version: 2 });
    expect((await cw.post(api(`/contacts/${entry.id}/link`)).send({ version: 2, survivorId: hers.id }).expect(409)).body.code).toBe('CONTACT_ALREADY_LINKED');
    // A contact another caseworker logged, linked to her survivor, is on her caseload now.
    const theirs = await log(cw2);
    const { survivor: shared } = await createSurvivorWithCase(cw2);
    await cw2.post(api(`/contacts/${theirs.id}/link`)).send({ version: 1, survivorId: shared.id }).expect(200);
    await cw.get(api(`/contacts/${theirs.id}`)).expect(404);
  });

  it('converts a contact into a survivor, a case and an intake draft in one step; the case history starts at the contact', async () => {
    const entry = await log(cw, {
      anonymous: false,
      name: CANARY_NAME,
      phone: CANARY_PHONE,
      needs: ['shelter'],
      indicators: ['DebtBondage'],
      note: 'First call',
      channel: 'outreach',
    });
    const res = await cw.post(api(`/contacts/${entry.id}/convert`)).send({ version: 1, alias: 'Heron' }).expect(201);
    const { contact, survivorId, caseId, caseNumber, intakeId } = res.body as { contact: Entry; survivorId: string; caseId: string; caseNumber: string; intakeId: string };
    expect(contact).toMatchObject({ outcome: 'converted', survivorId, caseId, version: 2 });
    expect(caseNumber).toMatch(/^LN-/);
    const kase = (await cw.get(api(`/cases/${caseId}`)).expect(200)).body;
    expect(kase).toMatchObject({ survivorId, status: 'intake', assignedCaseworkerId: org.caseworker.id, referralSource: 'Outreach' });
    const survivor = (await cw.get(api(`/survivors/${survivorId}`)).expect(200)).body;
    expect(survivor).toMatchObject({ alias: 'Heron', preferredName: CANARY_NAME, phone: CANARY_PHONE });
    const intake = (await cw.get(api(`/intakes/${intakeId}`)).expect(200)).body;
    expect(intake).toMatchObject({ caseId, status: 'draft', identifiedBy: 'Outreach', immediateNeeds: ['shelter'], controlMethods: ['DebtBondage'], narrative: 'First call' });
    const history = (await cw.get(api(`/cases/${caseId}/history`)).expect(200)).body as { subjectType: string; subjectId: string; action: string }[];
    expect(history[0]).toMatchObject({ subjectType: 'Contact', subjectId: entry.id, action: 'create' });
    expect((await cw.post(api(`/contacts/${entry.id}/convert`)).send({ version: 2 }).expect(409)).body.code).toBe('CONTACT_ALREADY_LINKED');
  });

  it('conversion is all-or-nothing: a refusal on the way leaves no survivor, case or intake, and the contact unchanged', async () => {
    const entry = await log(cw, { anonymous: false, name: 'Half Written' });
    const before = await counts();
    const intakes = t.app.get(IntakesService);
    const spy = jest.spyOn(intakes, 'startDraft').mockRejectedValueOnce(new Error('disk full'));
    try {
      await cw.post(api(`/contacts/${entry.id}/convert`)).send({ version: 1 }).expect(500);
    } finally {
      spy.mockRestore();
    }
    expect(await counts()).toEqual(before);
    expect((await cw.get(api(`/contacts/${entry.id}`)).expect(200)).body).toMatchObject({ outcome: 'contact_only', survivorId: null, caseId: null, version: 1 });
    // Coordinators do not open cases: refused, nothing written.
    const theirs = await log(coordinator);
    expect((await coordinator.post(api(`/contacts/${theirs.id}/convert`)).send({ version: 1 }).expect(403)).body.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    // A bad alias: 400 naming it.
    expect(Object.keys((await cw.post(api(`/contacts/${entry.id}/convert`)).send({ version: 1, alias: 'x'.repeat(81) }).expect(400)).body.errors)).toEqual(['alias']);
  });

  it('the weekly summary counts contacts by week, channel and outcome, voided ones left out, within the reader\'s reach', async () => {
    const at = '2026-03-04T10:00:00Z'; // a Wednesday; its week starts on Monday 2026-03-02
    const a = await log(cw, { occurredAt: at, channel: 'call' });
    await log(cw2, { occurredAt: at, channel: 'call' });
    await log(cw, { occurredAt: '2026-03-10T10:00:00Z', channel: 'text' });
    const gone = await log(cw, { occurredAt: at, channel: 'walk_in' });
    await cw.post(api(`/contacts/${gone.id}/void`)).send({ version: 1, reason: 'Test entry' }).expect(200);
    const { survivor } = await createSurvivorWithCase(cw);
    await cw.post(api(`/contacts/${a.id}/link`)).send({ version: 1, survivorId: survivor.id }).expect(200);
    await log(otherCw, { occurredAt: at, channel: 'call' });

    const summary = (await coordinator.get(api('/contacts/summary')).query({ from: '2026-03-01', to: '2026-03-14' }).expect(200)).body;
    expect(summary).toEqual({
      from: '2026-03-01',
      to: '2026-03-14',
      total: 3,
      rows: [
        { week: '2026-03-02', channel: 'call', outcome: 'contact_only', count: 1 },
        { week: '2026-03-02', channel: 'call', outcome: 'linked', count: 1 },
        { week: '2026-03-09', channel: 'text', outcome: 'contact_only', count: 1 },
      ],
    });
    const hers = (await cw.get(api('/contacts/summary')).query({ from: '2026-03-01', to: '2026-03-14' }).expect(200)).body;
    expect(hers.total).toBe(2);
  });
});

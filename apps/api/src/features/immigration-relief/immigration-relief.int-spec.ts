import { withTwoOrgWorld, openCase, type Agent } from '../../testing/builders.js';
import { api, lastAudit, signIn } from '../../testing/fixtures.js';
import { closeCase } from '../../testing/records.js';

type Relief = Record<string, unknown> & { id: string; version: number };

const CANARY_NOTE = 'Attorney Zyxreliefcanary at the legal clinic';
const DAY = 86_400_000;

/** Issue 16: a case's immigration relief (T visa, Continued Presence, HHS letter), on both databases. */
describe('immigration relief', () => {
  const { t, org, other, as: { caseworker: cw, caseworker2: cw2, coordinator } } = withTwoOrgWorld(['caseworker', 'caseworker2', 'coordinator']);

  const day = (offsetDays = 0) => new Date(t.clock.now().getTime() + offsetDays * DAY).toISOString().slice(0, 10);
  const start = (agent: Agent, body: Record<string, unknown>) => agent.post(api('/immigration-relief')).send(body);
  const versionOf = async (id: string) => Number((await t.dataSource.query('SELECT version FROM immigration_relief WHERE id = $1', [id]))[0].version);

  it('the caseworker records a case\'s relief once, with its note encrypted at rest; the write, the list and the read are audited', async () => {
    const kase = await openCase(cw);
    const created = (await start(cw, { caseId: kase.caseId, tVisaStatus: 'applied', tVisaAppliedOn: day(-30), note: CANARY_NOTE }).expect(201)).body as Relief;
    expect(created).toMatchObject({
      caseId: kase.caseId,
      caseNumber: kase.caseNumber,
      survivorId: kase.survivorId,
      tVisaStatus: 'applied',
      tVisaAppliedOn: day(-30),
      tVisaDecidedOn: null,
      continuedPresenceStatus: 'not_requested',
      hhsLetter: null,
      note: CANARY_NOTE,
      version: 1,
    });
    expect(await lastAudit(t, org.caseworker.id, 'create')).toMatchObject({ subjectType: 'ImmigrationRelief', subjectId: created.id });
    const raw = (await t.dataSource.query('SELECT * FROM immigration_relief WHERE id = $1', [created.id]))[0];
    expect(raw.note).toMatch(/^v1\.[^.]+\./);
    expect(JSON.stringify(raw)).not.toContain('Zyxreliefcanary');

    const again = await start(cw, { caseId: kase.caseId }).expect(409);
    expect(again.body).toMatchObject({ code: 'IMMIGRATION_RELIEF_EXISTS' });

    const list = await cw.get(api('/immigration-relief')).query({ filter: JSON.stringify({ caseId: kase.caseId }) }).expect(200);
    expect(list.body.map((r: Relief) => r.id)).toEqual([created.id]);
    expect(await lastAudit(t, org.caseworker.id, 'list')).toMatchObject({ subjectType: 'ImmigrationRelief', subjectIds: [created.id] });
    expect((await cw.get(api(`/immigration-relief/${created.id}`)).expect(200)).body.note).toBe(CANARY_NOTE);
    expect(await lastAudit(t, org.caseworker.id, 'read')).toMatchObject({ subjectType: 'ImmigrationRelief', subjectId: created.id });
    const history = (await cw.get(api(`/cases/${kase.caseId}/history`)).expect(200)).body as { subjectType: string; action: string }[];
    expect(history.filter((h) => h.subjectType === 'ImmigrationRelief').map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'read']));
  });

  it('follows the relief as it goes: approved, Continued Presence granted, the HHS letter issued; states and dates are checked together', async () => {
    const kase = await openCase(cw);
    const relief = (await start(cw, { caseId: kase.caseId }).expect(201)).body as Relief;
    const put = (body: Record<string, unknown>) => cw.put(api(`/immigration-relief/${relief.id}`)).send(body);
    const changed = (
      await put({
        version: relief.version,
        tVisaStatus: 'approved',
        tVisaAppliedOn: day(-200),
        tVisaDecidedOn: day(-10),
        continuedPresenceStatus: 'granted',
        continuedPresenceRequestedOn: day(-300),
        continuedPresenceDecidedOn: day(-280),
        continuedPresenceExpiresOn: day(450),
        hhsLetter: 'certification',
        hhsLetterRequestedOn: day(-250),
        hhsLetterIssuedOn: day(-240),
      }).expect(200)
    ).body as Relief;
    expect(changed).toMatchObject({ tVisaStatus: 'approved', continuedPresenceStatus: 'granted', continuedPresenceExpiresOn: day(450), hhsLetter: 'certification', version: 2 });
    expect((await lastAudit(t, org.caseworker.id, 'update'))!.fields).toEqual(expect.arrayContaining(['tVisaStatus', 'hhsLetterIssuedOn']));
    expect((await put({ version: relief.version, note: 'x' }).expect(409)).body.code).toBe('STALE_VERSION');

    for (const [body, field] of [
      [{ tVisaStatus: 'denied', tVisaDecidedOn: null }, 'tVisaDecidedOn'],
      [{ tVisaStatus: 'not_applied' }, 'tVisaAppliedOn'],
      [{ tVisaDecidedOn: day(-201) }, 'tVisaDecidedOn'],
      [{ tVisaDecidedOn: day(3) }, 'tVisaDecidedOn'],
      [{ continuedPresenceStatus: 'denied' }, 'continuedPresenceExpiresOn'],
      [{ hhsLetter: null }, 'hhsLetterIssuedOn'],
      [{ tVisaStatus: null }, 'tVisaStatus'],
      [{ tVisaStatus: 'pending' }, 'tVisaStatus'],
      [{ hhsLetterIssuedOn: '2026-02-30' }, 'hhsLetterIssuedOn'],
      [{ note: 'x'.repeat(1001) }, 'note'],
      [{ caseId: other.caseworker.id }, 'caseId'],
    ] as const) {
      const res = await put({ version: changed.version, ...body });
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect([JSON.stringify(body), Object.keys(res.body.errors ?? {})]).toEqual([JSON.stringify(body), expect.arrayContaining([field])]);
    }
    expect(await versionOf(relief.id)).toBe(2);
  });

  it('another caseworker, another organization, partners, admins and analysts cannot reach it; the coordinator reads it but does not change it', async () => {
    const kase = await openCase(cw);
    const relief = (await start(cw, { caseId: kase.caseId, note: CANARY_NOTE }).expect(201)).body as Relief;
    await cw2.get(api(`/immigration-relief/${relief.id}`)).expect(404);
    expect(await lastAudit(t, org.caseworker2.id, 'denied')).toMatchObject({ subjectType: 'ImmigrationRelief', subjectId: relief.id });
    await cw2.put(api(`/immigration-relief/${relief.id}`)).send({ version: 1, note: 'x' }).expect(404);
    const theirs = await openCase(cw2);
    expect((await start(cw, { caseId: theirs.caseId }).expect(400)).body.errors).toHaveProperty('caseId');
    const otherCoordinator = await signIn(t, other.coordinator);
    await otherCoordinator.get(api(`/immigration-relief/${relief.id}`)).expect(404);
    for (const role of ['partner', 'admin', 'analyst'] as const) {
      const agent = await signIn(t, org[role]);
      await agent.get(api('/immigration-relief')).expect(403);
      await agent.get(api(`/immigration-relief/${relief.id}`)).expect(403);
      await start(agent, { caseId: kase.caseId }).expect(403);
    }
    expect((await coordinator.get(api(`/immigration-relief/${relief.id}`)).expect(200)).body.note).toBe(CANARY_NOTE);
    await coordinator.put(api(`/immigration-relief/${relief.id}`)).send({ version: 1, note: 'x' }).expect(403);
    await start(coordinator, { caseId: kase.caseId }).expect(403);
  });

  it('a closed case is read-only: 409 CASE_CLOSED, nothing written', async () => {
    const kase = await openCase(cw);
    const relief = (await start(cw, { caseId: kase.caseId }).expect(201)).body as Relief;
    const closed = await openCase(cw);
    await closeCase(cw, kase.caseId, {}, t.clock.now());
    await closeCase(cw, closed.caseId, {}, t.clock.now());
    expect((await start(cw, { caseId: closed.caseId }).expect(409)).body.code).toBe('CASE_CLOSED');
    expect((await cw.put(api(`/immigration-relief/${relief.id}`)).send({ version: 1, note: 'x' }).expect(409)).body.code).toBe('CASE_CLOSED');
    expect(await versionOf(relief.id)).toBe(1);
    expect(Number((await t.dataSource.query('SELECT count(*)::int AS n FROM immigration_relief WHERE case_id = $1', [closed.caseId]))[0].n)).toBe(0);
  });
});

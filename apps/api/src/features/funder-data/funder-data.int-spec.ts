import { withTwoOrgWorld, openCase, type Agent } from '../../testing/builders.js';
import { api, lastAudit, signIn } from '../../testing/fixtures.js';
import { closeCase, wholeFunderData } from '../../testing/records.js';

type Record_ = Record<string, unknown> & { id: string; version: number };

const DAY = 86_400_000;

/** Issue 16: a case's funder data (HMIS elements, law-enforcement involvement), on both databases. */
describe('funder data (HMIS)', () => {
  const { t, org, other, as: { caseworker: cw, caseworker2: cw2, coordinator } } = withTwoOrgWorld(['caseworker', 'caseworker2', 'coordinator']);

  const day = (offsetDays = 0) => new Date(t.clock.now().getTime() + offsetDays * DAY).toISOString().slice(0, 10);
  const start = (agent: Agent, body: Record<string, unknown>) => agent.post(api('/funder-data')).send(body);
  const versionOf = async (id: string) => Number((await t.dataSource.query('SELECT version FROM funder_data WHERE id = $1', [id]))[0].version);

  it("the caseworker records a case's funder data once; the write, the list and the read are audited; nothing collected reads as null", async () => {
    const kase = await openCase(cw);
    const body = wholeFunderData({
      caseId: kase.caseId,
      informationDate: day(-3),
      totalMonthlyIncome: 1312.45,
      incomeSources: { Earned: 1100, ChildSupport: 212.45 },
      benefits: ['SNAP'],
      insuranceTypes: ['Medicaid', 'StateHealthIns'],
      destinationSubsidyType: 439,
      dvWhenOccurred: 2,
      dvCurrentlyFleeing: 0,
      lawEnforcementReportedOn: day(-20),
    });
    const created = (await start(cw, body).expect(201)).body as Record_;
    expect(created).toMatchObject({ ...body, caseNumber: kase.caseNumber, survivorId: kase.survivorId, raceNone: null, hivAids: null, version: 1 });
    expect(await lastAudit(t, org.caseworker.id, 'create')).toMatchObject({ subjectType: 'FunderData', subjectId: created.id });
    expect((await start(cw, { caseId: kase.caseId }).expect(409)).body).toMatchObject({ code: 'FUNDER_DATA_EXISTS' });

    const list = await cw.get(api('/funder-data')).query({ filter: JSON.stringify({ caseId: kase.caseId }) }).expect(200);
    expect(list.body.map((r: Record_) => r.id)).toEqual([created.id]);
    expect(await lastAudit(t, org.caseworker.id, 'list')).toMatchObject({ subjectType: 'FunderData', subjectIds: [created.id] });
    const read = (await cw.get(api(`/funder-data/${created.id}`)).expect(200)).body as Record_;
    expect(read).toMatchObject({ totalMonthlyIncome: 1312.45, incomeSources: { Earned: 1100, ChildSupport: 212.45 } });
    expect(await lastAudit(t, org.caseworker.id, 'read')).toMatchObject({ subjectType: 'FunderData', subjectId: created.id });

    const empty = await openCase(cw);
    const bare = (await start(cw, { caseId: empty.caseId }).expect(201)).body as Record_;
    expect(bare).toMatchObject({ raceEthnicity: [], raceNone: null, veteranStatus: null, incomeSources: {}, benefits: [], insuranceFromAnySource: null, insuranceTypes: [], rentalSubsidyType: null, destinationSubsidyType: null, lawEnforcementReported: null });
  });

  it('a change is checked as a whole: 400 naming the field, nothing written; a stale version is 409', async () => {
    const kase = await openCase(cw);
    const record = (await start(cw, { caseId: kase.caseId, incomeFromAnySource: 0, informationDate: day(-1) }).expect(201)).body as Record_;
    const put = (body: Record<string, unknown>) => cw.put(api(`/funder-data/${record.id}`)).send(body);
    const changed = (await put({ version: 1, incomeFromAnySource: 1, incomeSources: { SSI: 943 }, totalMonthlyIncome: 943, raceNone: 8 }).expect(200)).body as Record_;
    expect(changed).toMatchObject({ incomeFromAnySource: 1, incomeSources: { SSI: 943 }, totalMonthlyIncome: 943, raceNone: 8, version: 2 });
    // The record as fetched goes back unchanged with a change (react-admin's way).
    expect((await put({ ...changed, veteranStatus: 9 }).expect(200)).body).toMatchObject({ veteranStatus: 9, version: 3 });
    expect((await put({ version: 2, veteranStatus: 1 }).expect(409)).body.code).toBe('STALE_VERSION');

    for (const [body, field] of [
      [{ veteranStatus: 2 }, 'veteranStatus'],
      [{ veteranStatus: '1' }, 'veteranStatus'],
      [{ substanceUseDisorder: 4 }, 'substanceUseDisorder'],
      [{ relationshipToHoH: 6 }, 'relationshipToHoH'],
      [{ raceEthnicity: ['Martian'] }, 'raceEthnicity'],
      [{ raceEthnicity: ['Asian'] }, 'raceNone'],
      [{ householdSize: 0 }, 'householdSize'],
      [{ householdSize: 1, relationshipToHoH: 3 }, 'relationshipToHoH'],
      [{ totalMonthlyIncome: 944 }, 'totalMonthlyIncome'],
      [{ incomeSources: { SSI: 943, Lottery: 5 }, totalMonthlyIncome: 948 }, 'incomeSources'],
      [{ incomeSources: 'SSI' }, 'incomeSources'],
      [{ incomeFromAnySource: 0 }, 'incomeSources'],
      [{ informationDate: null }, 'informationDate'],
      [{ informationDate: day(3) }, 'informationDate'],
      [{ benefitsFromAnySource: 1 }, 'benefits'],
      [{ benefits: ['SNAP'] }, 'benefits'],
      [{ dvWhenOccurred: 1 }, 'dvWhenOccurred'],
      [{ insuranceFromAnySource: 1 }, 'insuranceTypes'],
      [{ insuranceTypes: ['Medicaid'] }, 'insuranceTypes'],
      [{ insuranceFromAnySource: 1, insuranceTypes: ['Dental'] }, 'insuranceTypes'],
      [{ insuranceFromAnySource: 2 }, 'insuranceFromAnySource'],
      [{ rentalSubsidyType: 435 }, 'rentalSubsidyType'],
      [{ destinationSubsidyType: 99 }, 'destinationSubsidyType'],
      [{ lawEnforcementReported: 'maybe' }, 'lawEnforcementReported'],
      [{ lawEnforcementCooperating: true }, 'lawEnforcementCooperating'],
      [{ lawEnforcementReported: 'yes', lawEnforcementReportedOn: '2026-02-30' }, 'lawEnforcementReportedOn'],
      [{ caseId: other.caseworker.id }, 'caseId'],
    ] as const) {
      const res = await put({ version: 3, ...body });
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect([JSON.stringify(body), Object.keys(res.body.errors ?? {})]).toEqual([JSON.stringify(body), expect.arrayContaining([field])]);
    }
    expect(await versionOf(record.id)).toBe(3);
  });

  it('another caseworker, another organization, partners, admins and analysts cannot reach it; the coordinator reads it but does not change it', async () => {
    const kase = await openCase(cw);
    const record = (await start(cw, { caseId: kase.caseId, veteranStatus: 0 }).expect(201)).body as Record_;
    await cw2.get(api(`/funder-data/${record.id}`)).expect(404);
    expect(await lastAudit(t, org.caseworker2.id, 'denied')).toMatchObject({ subjectType: 'FunderData', subjectId: record.id });
    await cw2.put(api(`/funder-data/${record.id}`)).send({ version: 1, veteranStatus: 1 }).expect(404);
    const theirs = await openCase(cw2);
    expect((await start(cw, { caseId: theirs.caseId }).expect(400)).body.errors).toHaveProperty('caseId');
    const otherCoordinator = await signIn(t, other.coordinator);
    await otherCoordinator.get(api(`/funder-data/${record.id}`)).expect(404);
    for (const role of ['partner', 'admin', 'analyst'] as const) {
      const agent = await signIn(t, org[role]);
      await agent.get(api('/funder-data')).expect(403);
      await agent.get(api(`/funder-data/${record.id}`)).expect(403);
      await start(agent, { caseId: kase.caseId }).expect(403);
      await agent.put(api(`/funder-data/${record.id}`)).send({ version: 1, veteranStatus: 1 }).expect(403);
    }
    expect((await coordinator.get(api(`/funder-data/${record.id}`)).expect(200)).body).toMatchObject({ veteranStatus: 0, insuranceTypes: [], rentalSubsidyType: null });
    await coordinator.put(api(`/funder-data/${record.id}`)).send({ version: 1, veteranStatus: 1 }).expect(403);
    await coordinator.put(api(`/funder-data/${record.id}`)).send({ version: 1, insuranceFromAnySource: 0, informationDate: day(0) }).expect(403);
    await coordinator.put(api(`/funder-data/${record.id}`)).send({ version: 1, rentalSubsidyType: 433 }).expect(403);
    await start(coordinator, { caseId: kase.caseId }).expect(403);
    expect(await versionOf(record.id)).toBe(1);
  });

  it('a closed case is read-only: 409 CASE_CLOSED, nothing written', async () => {
    const kase = await openCase(cw);
    const record = (await start(cw, { caseId: kase.caseId }).expect(201)).body as Record_;
    const closed = await openCase(cw);
    await closeCase(cw, kase.caseId, {}, t.clock.now());
    await closeCase(cw, closed.caseId, {}, t.clock.now());
    expect((await start(cw, { caseId: closed.caseId }).expect(409)).body.code).toBe('CASE_CLOSED');
    expect((await cw.put(api(`/funder-data/${record.id}`)).send({ version: 1, veteranStatus: 1 }).expect(409)).body.code).toBe('CASE_CLOSED');
    expect(await versionOf(record.id)).toBe(1);
    expect(Number((await t.dataSource.query('SELECT count(*)::int AS n FROM funder_data WHERE case_id = $1', [closed.caseId]))[0].n)).toBe(0);
  });
});

import { metricTable } from '@lantern/contracts';
import { exactCounts } from '../metrics/metric-queries.js';
import { openCase, withOrgWorld } from '../../testing/builders.js';
import { api, signIn } from '../../testing/fixtures.js';
import { FULL_SCREENING } from '../../testing/records.js';

const RECRUITED_IN = 'Aldea San Marcos, cerca del mercado';
const EXPLOITED_IN = 'Farm off Route 9, Immokalee';

/** Issue 17, part 2: the HTCDS 2.0 core of the intake (docs/data-dictionary.md). */
describe('intakes: the HTCDS 2.0 core', () => {
  const { t, org, as: { caseworker: cw } } = withOrgWorld(['caseworker']);

  const today = () => t.clock.now().toISOString().slice(0, 10);
  const yearsAgo = (years: number, days = 0) => {
    const d = t.clock.now();
    d.setUTCFullYear(d.getUTCFullYear() - years);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };

  const CORE = {
    traffickingStatus: 'ActualVictimOfTrafficking',
    recruitmentCountry: 'GT',
    recruitmentRegion: RECRUITED_IN,
    exploitationCountry: 'US',
    exploitationRegion: EXPLOITED_IN,
    forcedLabourIndustry: 'A_AgricultureForestryAndFishing',
    sexualExploitationTypes: ['Prostitution', 'RemoteInteractiveServices'],
    relationshipToTrafficker: 'Unaquainted',
    ageWhenTrafficked: 16,
  };

  it('records the core fields, keeps the region texts encrypted at rest, and lets only whom the rules allow read them', async () => {
    const kase = await openCase(cw, { dateOfBirth: yearsAgo(30) });
    const created = (await cw.post(api('/intakes')).send({ caseId: kase.caseId, ...CORE }).expect(201)).body;
    expect(created).toMatchObject(CORE);

    // At rest: ciphertext only, never the words.
    const [raw] = await t.dataSource.query(`SELECT recruitment_region, exploitation_region, recruitment_country, age_when_trafficked FROM intake WHERE id = $1`, [created.id]);
    expect(raw.recruitment_region).toMatch(/^v1\./);
    expect(raw.exploitation_region).toMatch(/^v1\./);
    expect(JSON.stringify(raw)).not.toContain('San Marcos');
    expect(JSON.stringify(raw)).not.toContain('Immokalee');
    expect(raw).toMatchObject({ recruitment_country: 'GT', age_when_trafficked: 16 });

    // A coordinator reads the codes, never the region texts (nor the narrative).
    const coordinator = await signIn(t, org.coordinator);
    const seen = (await coordinator.get(api(`/intakes/${created.id}`)).expect(200)).body;
    expect(seen).toMatchObject({ traffickingStatus: 'ActualVictimOfTrafficking', recruitmentCountry: 'GT', exploitationCountry: 'US', ageWhenTrafficked: 16 });
    expect(seen).not.toHaveProperty('recruitmentRegion');
    expect(seen).not.toHaveProperty('exploitationRegion');
    expect(JSON.stringify(seen)).not.toContain('Immokalee');

    // Partners and analysts read no intake at all; another caseworker's case is out of reach.
    for (const user of [org.partner, org.analyst]) {
      const agent = await signIn(t, user);
      const res = await agent.get(api(`/intakes/${created.id}`));
      expect([403, 404]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain('Immokalee');
    }
    const other = await signIn(t, org.caseworker2);
    const res = await other.patch(api(`/intakes/${created.id}`)).send({ exploitationRegion: 'elsewhere', version: created.version });
    expect([403, 404]).toContain(res.status);
    expect((await cw.get(api(`/intakes/${created.id}`)).expect(200)).body.exploitationRegion).toBe(EXPLOITED_IN);
  });

  it('refuses values outside the HTCDS lists, bad country codes and impossible ages with 400 naming the field, writing nothing', async () => {
    const kase = await openCase(cw, { dateOfBirth: yearsAgo(20, 1) });
    const draft = (await cw.post(api('/intakes')).send({ caseId: kase.caseId }).expect(201)).body;
    const bad: [Record<string, unknown>, string][] = [
      [{ traffickingStatus: 'Victim' }, 'traffickingStatus'],
      [{ recruitmentCountry: 'XX' }, 'recruitmentCountry'],
      [{ exploitationCountry: 'usa' }, 'exploitationCountry'],
      [{ forcedLabourIndustry: 'Agriculture' }, 'forcedLabourIndustry'],
      [{ sexualExploitationTypes: ['Prostitution', 'Escorting'] }, 'sexualExploitationTypes'],
      [{ relationshipToTrafficker: 'Unacquainted' }, 'relationshipToTrafficker'],
      [{ ageWhenTrafficked: 121 }, 'ageWhenTrafficked'],
      [{ ageWhenTrafficked: -1 }, 'ageWhenTrafficked'],
      [{ ageWhenTrafficked: 12.5 }, 'ageWhenTrafficked'],
      [{ exploitationRegion: 'line one\nline two' }, 'exploitationRegion'],
      [{ recruitmentRegion: 'x'.repeat(201) }, 'recruitmentRegion'],
      // She is 19 (20 tomorrow): she cannot have been trafficked at 20.
      [{ ageWhenTrafficked: 20 }, 'ageWhenTrafficked'],
    ];
    for (const [body, field] of bad) {
      const res = await cw.patch(api(`/intakes/${draft.id}`)).send({ ...body, version: draft.version }).expect(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
    }
    const after = (await cw.get(api(`/intakes/${draft.id}`)).expect(200)).body;
    expect(after.version).toBe(draft.version);
    expect(after).toMatchObject({ traffickingStatus: null, ageWhenTrafficked: null, sexualExploitationTypes: [], recruitmentRegion: null });
    // Her age today is accepted, and a case with no known birth takes any age in range.
    await cw.patch(api(`/intakes/${draft.id}`)).send({ ageWhenTrafficked: 19, version: draft.version }).expect(200);
    const unknownBirth = await openCase(cw);
    await cw.post(api('/intakes')).send({ caseId: unknownBirth.caseId, ageWhenTrafficked: 120 }).expect(201);
    // Creating checks the same.
    const young = await openCase(cw, { birthYear: Number(today().slice(0, 4)) - 10 });
    const refused = await cw.post(api('/intakes')).send({ caseId: young.caseId, ageWhenTrafficked: 11 }).expect(400);
    expect(Object.keys(refused.body.errors)).toEqual(['ageWhenTrafficked']);
  });

  it('an amendment keeps the earlier core answers in the revision, region texts re-encrypted for it', async () => {
    const kase = await openCase(cw);
    const draft = (
      await cw
        .post(api('/intakes'))
        .send({ caseId: kase.caseId, intakeDate: today(), identifiedBy: 'Hotline', exploitationTypes: ['ForcedLabour'], riskScreening: FULL_SCREENING, ...CORE })
        .expect(201)
    ).body;
    const submitted = (await cw.post(api(`/intakes/${draft.id}/submit`)).send({ version: draft.version }).expect(200)).body;
    const amended = (
      await cw
        .post(api(`/intakes/${draft.id}/amendments`))
        .send({ traffickingStatus: 'PossibleVictimOfTrafficking', exploitationRegion: 'Another county', reason: 'She corrected the place', version: submitted.version })
        .expect(200)
    ).body;
    expect(amended).toMatchObject({ traffickingStatus: 'PossibleVictimOfTrafficking', exploitationRegion: 'Another county', recruitmentRegion: RECRUITED_IN });

    const revisions = (await cw.get(api(`/intakes/${draft.id}/revisions`)).expect(200)).body;
    const list = revisions;
    expect(list).toHaveLength(1);
    expect(list[0].snapshot).toMatchObject({
      traffickingStatus: 'ActualVictimOfTrafficking',
      recruitmentCountry: 'GT',
      exploitationCountry: 'US',
      forcedLabourIndustry: 'A_AgricultureForestryAndFishing',
      sexualExploitationTypes: ['Prostitution', 'RemoteInteractiveServices'],
      relationshipToTrafficker: 'Unaquainted',
      ageWhenTrafficked: 16,
    });
    expect(list[0]).toMatchObject({ exploitationRegion: EXPLOITED_IN, recruitmentRegion: RECRUITED_IN });
    const [raw] = await t.dataSource.query(`SELECT snapshot, exploitation_region FROM intake_revision WHERE intake_id = $1`, [draft.id]);
    expect(raw.exploitation_region).toMatch(/^v1\./);
    expect(JSON.stringify(raw)).not.toContain('Immokalee');

    // The coordinator sees the earlier codes, not the earlier region texts.
    const coordinator = await signIn(t, org.coordinator);
    const theirs = (await coordinator.get(api(`/intakes/${draft.id}/revisions`)).expect(200)).body;
    const theirList = theirs;
    expect(theirList[0].snapshot.ageWhenTrafficked).toBe(16);
    expect(theirList[0]).not.toHaveProperty('exploitationRegion');
  });

  it('the metrics count submitted intakes by the core codes, and a draft as unknown', async () => {
    const counted = async () => {
      const now = t.clock.now();
      const window = { organizationId: org.organizationId, start: new Date(now.getTime() - 86_400_000), endExclusive: new Date(now.getTime() + 86_400_000), now };
      const out: Record<string, Record<string, number>> = {};
      for (const id of ['intakes_by_trafficking_status', 'intakes_by_exploitation_country', 'intakes_by_age_when_trafficked', 'intakes_by_trafficker_relationship']) {
        out[id] = (await exactCounts(t.dataSource.manager, metricTable(id), window)).counts;
      }
      return out;
    };
    const before = await counted();
    const kase = await openCase(cw);
    await cw.post(api('/consents')).send({ survivorId: kase.survivorId, purpose: 'anonymized_reporting', method: 'written' }).expect(201);
    const draft = (
      await cw
        .post(api('/intakes'))
        .send({ caseId: kase.caseId, intakeDate: today(), identifiedBy: 'Hotline', exploitationTypes: ['SexualExploitation'], riskScreening: FULL_SCREENING, ...CORE, exploitationCountry: 'MX', ageWhenTrafficked: 11 })
        .expect(201)
    ).body;
    const plus = (b: Record<string, Record<string, number>>, a: Record<string, Record<string, number>>) =>
      Object.fromEntries(Object.entries(a).map(([id, cells]) => [id, Object.fromEntries(Object.entries(cells).filter(([k, n]) => n !== (b[id]?.[k] ?? 0)).map(([k, n]) => [k, n - (b[id]?.[k] ?? 0)]))]));
    // A draft's answers may still change: her case counts as unknown.
    expect(plus(before, await counted())).toEqual({
      intakes_by_trafficking_status: { unknown: 1 },
      intakes_by_exploitation_country: { unknown: 1 },
      intakes_by_age_when_trafficked: { unknown: 1 },
      intakes_by_trafficker_relationship: { unknown: 1 },
    });
    await cw.post(api(`/intakes/${draft.id}/submit`)).send({ version: draft.version }).expect(200);
    expect(plus(before, await counted())).toEqual({
      intakes_by_trafficking_status: { actual: 1 },
      intakes_by_exploitation_country: { foreign: 1 },
      intakes_by_age_when_trafficked: { under_12: 1 },
      intakes_by_trafficker_relationship: { unacquainted: 1 },
    });
  });
});

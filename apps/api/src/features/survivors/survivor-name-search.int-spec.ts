import { randomBytes } from 'node:crypto';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { indexTerms } from '../../case-file/name-matching.js';
import { nameToken, nameTokenKeyId, reindexSurvivorNames } from '../../case-file/survivor-name-index.js';
import { withOrgWorld } from '../../testing/builders.js';
import { api, createOrgFixture, signIn } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { TEST_KEYS, testConfig } from '../../testing/test-app.js';
import { SurvivorNameIndexer } from './survivor-name-indexer.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
interface Match {
  id: string;
  alias: string;
  match: string;
  legalName?: string;
}

/**
 * Issue 13, "Finding people": the name search was exact on name and birth year ("Quinteros" for
 * "Quintero", or a blank year, found nothing). Now it is partial and tolerant through keyed tokens,
 * with the birth year optional or a range, names staying encrypted.
 */
describe('tolerant name search', () => {
  let cw: Agent;
  const ids: Record<string, string> = {};
  const caseNumbers: Record<string, string> = {};
  let searches = 0;

  /** The search limit is 10 a minute per person: the test clock moves on before it is reached. */
  const search = async (agent: Agent, body: Record<string, unknown>, status = 200) => {
    if (++searches % 9 === 0) t.clock.advance(61_000);
    return (await agent.post(api('/survivors/search')).send(body).expect(status)).body as { matches: Match[]; elsewhereInOrganization: number };
  };

  // The worker's database, which holds what every other test file of the run wrote: the re-indexes
  // below cover this organization's survivors only (`organizationId`), so their time and what they
  // re-key do not depend on the other files. The start-up run over every survivor is the same query
  // without that condition.
  const { t, org } = withOrgWorld([]);
  const own = () => ({ organizationId: org.organizationId });
  beforeAll(async () => {
    cw = await signIn(t, org.caseworker);
    const people: [string, Record<string, unknown>][] = [
      ['quintero', { legalName: 'Yesenia Quintero Vásquez', dateOfBirth: '1990-05-01' }],
      ['jose', { legalName: 'José Ortiz', birthYear: 1985 }],
      ['marin', { legalName: 'Lucía Marin', birthYear: 1979 }],
      ['marina', { legalName: 'Lucía Marina', birthYear: 1979 }],
      ['maryn', { legalName: 'Lucía Maryn', birthYear: 1979 }],
      ['noyear', { legalName: 'Teodora Quintero' }],
    ];
    for (const [key, values] of people) {
      const { survivor, kase } = await createSurvivorWithCase(cw, values);
      ids[key] = survivor.id;
      caseNumbers[key] = kase.caseNumber as string;
    }
  });

  it('finds "Quintero" for "Quinteros", with the year blank, one year or a range', async () => {
    const blank = await search(cw, { name: 'Quinteros' });
    expect(blank.matches.map((m) => m.id).sort()).toEqual([ids.quintero, ids.noyear].sort());
    expect(blank.matches.every((m) => m.match === 'phonetic')).toBe(true);
    expect((await search(cw, { name: 'Quinteros', birthYear: 1990 })).matches.map((m) => m.id)).toEqual([ids.quintero]);
    expect((await search(cw, { name: 'Quinteros', birthYearFrom: 1988, birthYearTo: 1992 })).matches.map((m) => m.id)).toEqual([ids.quintero]);
    expect((await search(cw, { name: 'quintero', birthYearFrom: 1991 })).matches).toEqual([]);
    expect((await search(cw, { name: 'quintero', birthYearTo: 1989 })).matches).toEqual([]);
    // The former field name still works, now with the year optional.
    expect((await search(cw, { lastName: 'Quintero' })).matches.map((m) => m.id).sort()).toEqual([ids.quintero, ids.noyear].sort());
  });

  it('is accent-insensitive, takes the start of a name, and matches names that sound alike', async () => {
    expect((await search(cw, { name: 'Jose' })).matches.map((m) => [m.id, m.match])).toEqual([[ids.jose, 'exact']]);
    expect((await search(cw, { name: 'ORTÍZ josé' })).matches.map((m) => m.id)).toEqual([ids.jose]);
    expect((await search(cw, { name: 'Llesenia' })).matches.map((m) => [m.id, m.match])).toEqual([[ids.quintero, 'phonetic']]);
    expect((await search(cw, { name: 'Basquez' })).matches.map((m) => [m.id, m.match])).toEqual([[ids.quintero, 'phonetic']]);
    expect((await search(cw, { name: 'Yesen' })).matches.map((m) => [m.id, m.match])).toEqual([[ids.quintero, 'prefix']]);
    // Every word must meet: a second name that is not hers finds no one.
    expect((await search(cw, { name: 'Yesenia Ortiz' })).matches).toEqual([]);
  });

  it('ranks exact, then prefix, then phonetic matches, and shows no name', async () => {
    const found = await search(cw, { name: 'Marin' });
    expect(found.matches.map((m) => [m.id, m.match])).toEqual([
      [ids.marin, 'exact'],
      [ids.marina, 'prefix'],
      [ids.maryn, 'phonetic'],
    ]);
    for (const m of found.matches) expect(Object.keys(m)).not.toContain('legalName');
  });

  it('finds only what the caller may read: others are counted when the match is exact, or refused', async () => {
    const colleague = await signIn(t, org.caseworker2);
    const theirs = await search(colleague, { name: 'Quintero', birthYear: 1990 });
    expect(theirs.matches).toEqual([]);
    expect(theirs.elsewhereInOrganization).toBe(1);
    // A tolerant match outside her caseload is not even counted.
    expect(await search(colleague, { name: 'Quinteros', birthYear: 1990 })).toEqual({ matches: [], elsewhereInOrganization: 0 });
    // Coordinators see the program without names: a name finds them nothing, only the count.
    const coordinator = await signIn(t, org.coordinator);
    expect(await search(coordinator, { name: 'Jose Ortiz' })).toEqual({ matches: [], elsewhereInOrganization: 1 });
    await search(await signIn(t, org.partner), { name: 'Quintero' }, 403);
    await search(await signIn(t, org.analyst), { name: 'Quintero' }, 403);
    // Another organization's caseworker: nothing, not even a count.
    const stranger = await createOrgFixture(t.dataSource);
    expect(await search(await signIn(t, stranger.caseworker), { name: 'Quintero', birthYear: 1990 })).toEqual({ matches: [], elsewhereInOrganization: 0 });
  });

  it('refuses bad input naming the field', async () => {
    const missing = await cw.post(api('/survivors/search')).send({}).expect(400);
    expect(missing.body.errors).toHaveProperty('name');
    const noLetters = await cw.post(api('/survivors/search')).send({ name: '1234' }).expect(400);
    expect(noLetters.body.errors).toHaveProperty('name');
    const backwards = await cw.post(api('/survivors/search')).send({ name: 'Quintero', birthYearFrom: 1995, birthYearTo: 1990 }).expect(400);
    expect(backwards.body.errors).toHaveProperty('birthYearTo');
    const both = await cw.post(api('/survivors/search')).send({ name: 'Quintero', birthYear: 1990, birthYearFrom: 1980 }).expect(400);
    expect(both.body.errors).toHaveProperty('birthYear');
    t.clock.advance(61_000);
  });

  it('audits the search with keyed hashes and the records it returned; no name in the audit, the logs or a URL', async () => {
    const before = Date.now();
    const found = await search(cw, { name: 'Quinteros', birthYearFrom: 1980, birthYearTo: 1995 });
    const rows = await t.dataSource.getRepository(AuditEvent).find({ where: { actorId: org.caseworker.id }, order: { seq: 'DESC' }, take: 3 });
    const searchRow = rows.find((r) => r.action === 'search')!;
    expect(searchRow.reason).toMatch(/^name [0-9a-f]{4}; index [0-9a-f]{4}$/);
    const listRow = rows.find((r) => r.action === 'list' && r.subjectType === 'Survivor')!;
    expect(listRow.subjectIds).toEqual(found.matches.map((m) => m.id));
    const trail = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_event WHERE actor_id = $1', [org.caseworker.id])).toLowerCase();
    const logs = t.logs.join('\n').toLowerCase();
    for (const plain of ['quintero', 'yesenia', 'llesenia', 'basquez', 'ortiz', 'marin']) {
      expect(trail).not.toContain(plain);
      expect(logs).not.toContain(plain);
    }
    expect(Date.now() - before).toBeLessThan(5_000);
  });

  it('answers 429 with Retry-After past 10 searches a minute, audited as denied', async () => {
    t.clock.advance(61_000);
    const fixture = await createOrgFixture(t.dataSource);
    const agent = await signIn(t, fixture.caseworker);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await agent.post(api('/survivors/search')).send({ name: `Sweep${'x'.repeat(i)}` })).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const refused = await agent.post(api('/survivors/search')).send({ name: 'Quintero' }).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const denied = await t.dataSource.getRepository(AuditEvent).count({ where: { actorId: fixture.caseworker.id, action: 'search', outcome: 'denied' } });
    expect(denied).toBeGreaterThanOrEqual(2);
  });

  it('keeps the tokens in step with the names, in the transaction of the change', async () => {
    const { survivor } = await createSurvivorWithCase(cw, { legalName: 'Renata Solís' });
    const version = Number((await cw.get(api(`/survivors/${survivor.id}`)).expect(200)).body.version);
    await cw.put(api(`/survivors/${survivor.id}`)).send({ legalName: 'Renata Villalobos', version }).expect(200);
    expect((await search(cw, { name: 'Solis' })).matches).toEqual([]);
    expect((await search(cw, { name: 'Biyalobos' })).matches.map((m) => m.id)).toEqual([survivor.id]);
    // Each survivor has a padded, fixed-size set of rows: the count does not tell the name's length.
    const counts = (await t.dataSource.query(
      'SELECT survivor_id, count(*)::int AS n FROM survivor_name_token WHERE organization_id = $1 GROUP BY survivor_id',
      [org.organizationId],
    )) as { n: number }[];
    expect(new Set(counts.map((c) => c.n))).toEqual(new Set([32]));
  });

  it('re-indexes under a new blind-index key: old tokens stop matching, new ones match; missing ones are filled', async () => {
    const cipher = new FieldCipher(testConfig());
    const oldIndex = new BlindIndex(testConfig());
    const newIndex = new BlindIndex(testConfig({ keys: { ...TEST_KEYS, blindIndexKey: randomBytes(32) } }));
    const id = ids.quintero!;
    const tokensOf = async () =>
      new Set(((await t.dataSource.query('SELECT token, key_id FROM survivor_name_token WHERE survivor_id = $1', [id])) as { token: string }[]).map((r) => r.token));
    const real = (index: BlindIndex) => indexTerms(['Yesenia Quintero Vásquez']).map((term) => nameToken(index, org.organizationId, term));
    const contains = (tokens: Set<string>, wanted: string[]) => wanted.every((w) => tokens.has(w));

    expect(contains(await tokensOf(), real(oldIndex))).toBe(true);
    try {
      const report = await reindexSurvivorNames(t.dataSource, cipher, newIndex, own());
      expect(report.survivors).toBeGreaterThan(0);
      const after = await tokensOf();
      expect(contains(after, real(newIndex))).toBe(true);
      expect(contains(after, real(oldIndex))).toBe(false);
      const keyIds = (await t.dataSource.query('SELECT DISTINCT key_id FROM survivor_name_token WHERE survivor_id = $1', [id])) as { key_id: string }[];
      expect(keyIds.map((k) => k.key_id)).toEqual([nameTokenKeyId(newIndex)]);
      // The API still holds the old key: its tokens no longer find her.
      expect((await search(cw, { name: 'Quintero', birthYear: 1990 })).matches).toEqual([]);
      // A second run has nothing to do.
      expect((await reindexSurvivorNames(t.dataSource, cipher, newIndex, own())).survivors).toBe(0);
    } finally {
      // Back on the test key for the tests that follow.
      await reindexSurvivorNames(t.dataSource, cipher, oldIndex, own());
    }
    expect((await search(cw, { name: 'Quintero', birthYear: 1990 })).matches.map((m) => m.id)).toEqual([id]);

    // A survivor without tokens (written before the table existed) is indexed by the start-up run
    // (the app's own, over the whole database), and then nothing of the organization is left to do.
    await t.dataSource.query('DELETE FROM survivor_name_token WHERE survivor_id = $1', [ids.jose]);
    expect((await search(cw, { name: 'Jose' })).matches).toEqual([]);
    await t.app.get(SurvivorNameIndexer).onApplicationBootstrap();
    expect((await search(cw, { name: 'Jose' })).matches.map((m) => m.id)).toEqual([ids.jose]);
    expect((await reindexSurvivorNames(t.dataSource, cipher, oldIndex, own())).survivors).toBe(0);
  });

  describe('duplicate warnings', () => {
    const check = async (agent: Agent, body: Record<string, unknown>, status = 200) => {
      if (++searches % 9 === 0) t.clock.advance(61_000);
      return (await agent.post(api('/survivors/duplicates')).send(body).expect(status)).body as {
        possibleDuplicates: { id: string; alias: string; caseNumbers: string[]; reasons: string[] }[];
        elsewhereInOrganization: number;
      };
    };

    it('warns before saving about the same alias, or a name that sounds alike with a birth year within one', async () => {
      const { survivor, kase } = await createSurvivorWithCase(cw, { alias: 'Blue Heron', legalName: 'Llesenia Quinteros', birthYear: 1993 });
      const byAlias = await check(cw, { alias: '  blue HERÓN ' });
      // The same alias alone is listed, but is not a likely match (docs/duplicates.md).
      expect(byAlias.possibleDuplicates).toEqual([
        { id: survivor.id, alias: 'Blue Heron', birthYear: 1993, caseNumbers: [kase.caseNumber], reasons: ['alias'], score: 1, likely: false },
      ]);
      const byName = await check(cw, { alias: 'Gray Owl', legalName: 'Yesenia Quintero', birthYear: 1994 });
      expect(byName.possibleDuplicates.map((d) => [d.id, d.reasons])).toEqual([[survivor.id, ['name', 'birthYear']]]);
      // The other one (Yesenia Quintero Vásquez, 1990) for a draft born in 1991; the fuller name may be either.
      const other = await check(cw, { legalName: 'Yesenia Quintero', dateOfBirth: '1991-02-02' });
      expect(other.possibleDuplicates.map((d) => d.id)).toEqual([ids.quintero]);
      const fuller = await check(cw, { legalName: 'Yesenia María Quintero Vázquez', birthYear: 1990 });
      expect(fuller.possibleDuplicates.map((d) => d.id)).toEqual([ids.quintero]);
      // Both, with the alias and the name, the alias match first.
      const both = await check(cw, { alias: 'Blue Heron', legalName: 'Yesenia Quintero' });
      expect(both.possibleDuplicates.map((d) => [d.id, d.reasons])).toEqual([
        [survivor.id, ['alias', 'name']],
        [ids.quintero, ['name']],
      ]);
      expect((await check(cw, { legalName: 'Yesenia Quintero', birthYear: 1996 })).possibleDuplicates).toEqual([]);
      expect((await check(cw, { alias: 'Brand New' })).possibleDuplicates).toEqual([]);
    });

    it('tells the admins when one name is checked with many birth years, like a name search sweep', async () => {
      const fixture = await createOrgFixture(t.dataSource);
      const agent = await signIn(t, fixture.caseworker);
      for (let year = 1980; year < 1986; year++) {
        if (year === 1985) t.clock.advance(61_000);
        await agent.post(api('/survivors/duplicates')).send({ legalName: 'Sweep Probe', birthYear: year }).expect(200);
      }
      const admin = await signIn(t, fixture.admin);
      const notes = (await admin.get(api('/notifications')).expect(200)).body as { kind: string }[];
      expect(notes.filter((n) => n.kind === 'search_sweep')).toHaveLength(1);
    });

    it('names only what the caller may read, counts the rest, and refuses roles that cannot register survivors', async () => {
      const colleague = await signIn(t, org.caseworker2);
      expect(await check(colleague, { alias: 'Blue Heron' })).toEqual({ possibleDuplicates: [], elsewhereInOrganization: 1 });
      const bad = await colleague.post(api('/survivors/duplicates')).send({ birthYear: 1800 }).expect(400);
      expect(bad.body.errors).toHaveProperty('birthYear');
      for (const role of ['coordinator', 'partner', 'analyst', 'admin'] as const) await check(await signIn(t, org[role]), { alias: 'Blue Heron' }, 403);
    });

    it('saves a duplicate all the same, and answers with the warning; audited', async () => {
      const created = await cw.post(api('/survivors')).send({ alias: 'blue heron', legalName: 'Someone Else' }).expect(201);
      expect(created.body.possibleDuplicates.map((d: { alias: string; reasons: string[] }) => [d.alias, d.reasons])).toEqual([['Blue Heron', ['alias']]]);
      expect(created.body.elsewhereInOrganization).toBe(0);
      const fresh = await cw.post(api('/survivors')).send({ alias: `Unique ${randomBytes(3).toString('hex')}` }).expect(201);
      expect(fresh.body.possibleDuplicates).toEqual([]);
      const checks = await t.dataSource.getRepository(AuditEvent).find({ where: { actorId: org.caseworker.id, action: 'search' } });
      expect(checks.some((r) => /^duplicates alias [0-9a-f]{4}$/.test(r.reason ?? ''))).toBe(true);
      expect(checks.some((r) => /^name [0-9a-f]{4}; duplicates [0-9a-f]{4}( alias [0-9a-f]{4})?$/.test(r.reason ?? ''))).toBe(true);
      expect(JSON.stringify(checks).toLowerCase()).not.toContain('heron');
      expect(JSON.stringify(checks).toLowerCase()).not.toContain('quintero');
    });
  });
});

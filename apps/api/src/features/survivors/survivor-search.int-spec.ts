import { createHmac } from 'node:crypto';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { withOrgWorld } from '../../testing/builders.js';
import { api, createOrgFixture, signIn } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { TEST_KEYS } from '../../testing/test-app.js';

/**
 * Issue 11, point 5: the name search could be swept (40 birth years for one surname found the
 * survivor). Now it is audited with its inputs as blind-index hashes only, limited to 10 a minute per
 * person, and a sweep tells the organization's admins.
 */
describe('name search: audit, throttle and sweep alert', () => {
  const { t, org } = withOrgWorld([]);

  const searchRows = (actorId: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { actorId, action: 'search' }, order: { seq: 'ASC' } });

  it('audits every search with blind-index hashes of its inputs, never the name or the year', async () => {
    const cw = await signIn(t, org.caseworker);
    await createSurvivorWithCase(cw, { legalName: 'Zephyrine Quillfeather', dateOfBirth: '1987-03-04' });
    const found = (await cw.post(api('/survivors/search')).send({ lastName: 'Quillfeather', birthYear: 1987 }).expect(200)).body;
    expect(found.matches).toHaveLength(1);
    await cw.post(api('/survivors/search')).send({ lastName: 'Nobodyhere', birthYear: 1990 }).expect(200);

    const rows = await searchRows(org.caseworker.id);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.outcome).toBe('success');
      expect(row.fields).toEqual(['birthYear', 'lastName']);
      expect(row.reason).toMatch(/^name [0-9a-f]{4}; index [0-9a-f]{4}( [0-9a-f]{4})*$/);
    }
    // Exactly the keyed hashes: the blind-index entry of name and year, and a 16-bit key of the name.
    const hmac = (value: string) => createHmac('sha256', TEST_KEYS.blindIndexKey).update(value).digest('hex').slice(0, 4);
    expect(rows[0]!.reason).toBe(`name ${hmac('search-name|quillfeather')}; index ${hmac('name|quillfeather|1987')}`);
    const everything = JSON.stringify(
      await t.dataSource.query(`SELECT * FROM audit_event WHERE actor_id = $1`, [org.caseworker.id]),
    ).toLowerCase();
    for (const plain of ['quillfeather', 'nobodyhere', 'zephyrine']) expect(everything).not.toContain(plain);
    // The same search gives the same hashes (so an investigator can tell repeats apart from new names).
    await cw.post(api('/survivors/search')).send({ lastName: 'quillfeather', birthYear: 1987 }).expect(200);
    const again = await searchRows(org.caseworker.id);
    expect(again[2]!.reason).toBe(again[0]!.reason);
  });

  it('allows 10 searches a minute per person, then 429 with Retry-After; others are not affected', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const cw = await signIn(t, fixture.caseworker);
    const colleague = await signIn(t, fixture.caseworker2);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await cw.post(api('/survivors/search')).send({ lastName: `Surname${'x'.repeat(i)}`, birthYear: 1980 + i })).status);
    }
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const refused = await cw.post(api('/survivors/search')).send({ lastName: 'Another', birthYear: 1990 }).expect(429);
    expect(refused.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Refused searches are audited as denied, with the same hashes only.
    const denied = (await searchRows(fixture.caseworker.id)).filter((r) => r.outcome === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(denied).toLowerCase()).not.toContain('another');
    await colleague.post(api('/survivors/search')).send({ lastName: 'Another', birthYear: 1990 }).expect(200);
    t.clock.advance(61_000);
    await cw.post(api('/survivors/search')).send({ lastName: 'Another', birthYear: 1990 }).expect(200);
  });

  it('tells the admins, once, when one name is tried with many birth years', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const cw = await signIn(t, fixture.caseworker);
    for (let year = 1990; year < 1998; year++) {
      await cw.post(api('/survivors/search')).send({ lastName: 'Sweepington', birthYear: year }).expect(200);
    }
    const admin = await signIn(t, fixture.admin);
    const notes = (await admin.get(api('/notifications')).expect(200)).body as { kind: string; title: string }[];
    const sweeps = notes.filter((n) => n.kind === 'search_sweep');
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]!.title).toContain(fixture.caseworker.displayName);
    expect(sweeps[0]!.title.toLowerCase()).not.toContain('sweepington');
  });

  it('does not alert on a few birth years, nor on ordinary searching', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const cw = await signIn(t, fixture.caseworker);
    for (const year of [1990, 1991, 1992]) await cw.post(api('/survivors/search')).send({ lastName: 'Fewyears', birthYear: year }).expect(200);
    for (const name of ['Alpha', 'Bravo', 'Charlie']) await cw.post(api('/survivors/search')).send({ lastName: name, birthYear: 1985 }).expect(200);
    const admin = await signIn(t, fixture.admin);
    const notes = (await admin.get(api('/notifications')).expect(200)).body as { kind: string }[];
    expect(notes.filter((n) => n.kind === 'search_sweep')).toHaveLength(0);
  });

  it('tells the admins when one person searches many names in an hour', async () => {
    const fixture = await createOrgFixture(t.dataSource);
    const cw = await signIn(t, fixture.caseworker);
    for (let i = 0; i < 31; i++) {
      if (i > 0 && i % 10 === 0) t.clock.advance(61_000);
      await cw.post(api('/survivors/search')).send({ lastName: `Name${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, birthYear: 1985 }).expect(200);
    }
    const admin = await signIn(t, fixture.admin);
    const notes = (await admin.get(api('/notifications')).expect(200)).body as { kind: string }[];
    expect(notes.filter((n) => n.kind === 'search_sweep')).toHaveLength(1);
  });
});

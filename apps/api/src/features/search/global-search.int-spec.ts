import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { openCase, withOrgWorld, sentReferral } from '../../testing/builders.js';
import { api, createOrgFixture, signIn } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
interface Result {
  cases: { id: string; caseNumber: string; status: string; alias?: string }[];
  survivors: { id: string; alias: string; birthYear: number | null }[];
  partnerOrgs: { id: string; name: string }[];
  referrals: { id: string; caseNumber: string; serviceType: string; status: string; alias?: string }[];
}

/**
 * Issue 13: "There is no search by alias or case number on Cases." The app bar's search finds cases by
 * number or alias, survivors by alias and partner organizations by name, each scoped to what the
 * caller may read, audited and throttled.
 */
describe('global search (POST /search)', () => {
  let mine: { survivorId: string; caseId: string; caseNumber: string };
  let theirs: { survivorId: string; caseId: string; caseNumber: string };
  let referralId: string;
  let searches = 0;

  const find = async (agent: Agent, q: string, status = 200) => {
    if (++searches % 9 === 0) t.clock.advance(61_000);
    return (await agent.post(api('/search')).send({ q }).expect(status)).body as Result;
  };

  const { t, org, as: people } = withOrgWorld(['caseworker', 'caseworker2', 'coordinator']);
  beforeAll(async () => {
    mine = await openCase(people.caseworker, { alias: 'Silver Fínch', legalName: 'Global Person', birthYear: 1992 });
    theirs = await openCase(people.caseworker2, { alias: 'Silver Fox' });
    // Her consent covers all her cases (no caseId), as a survivor-wide consent does.
    referralId = (await sentReferral(people, org, mine, { consent: { caseId: undefined } })).referral.id;
  });

  it('a caseworker finds her case and survivor by part of the alias, accents aside, and her case by number', async () => {
    const cw = await signIn(t, org.caseworker);
    const byAlias = await find(cw, 'silver finch');
    expect(byAlias.cases).toEqual([{ id: mine.caseId, caseNumber: mine.caseNumber, status: 'intake', alias: 'Silver Fínch' }]);
    expect(byAlias.survivors).toEqual([{ id: mine.survivorId, alias: 'Silver Fínch', birthYear: 1992 }]);
    expect((await find(cw, 'FINC')).cases.map((c) => c.id)).toEqual([mine.caseId]);
    const digits = mine.caseNumber.slice(-5);
    expect((await find(cw, digits)).cases.map((c) => c.id)).toEqual([mine.caseId]);
    expect((await find(cw, mine.caseNumber.toLowerCase())).cases.map((c) => c.id)).toEqual([mine.caseId]);
    // Her colleague's "Silver Fox" is not hers to find, by alias or by number.
    expect((await find(cw, 'Silver')).survivors.map((s) => s.id)).toEqual([mine.survivorId]);
    expect((await find(cw, theirs.caseNumber)).cases).toEqual([]);
    // LIKE wildcards are taken literally.
    expect((await find(cw, '%%')).cases).toEqual([]);
    expect((await find(cw, '__')).cases).toEqual([]);
  });

  it('finds partner organizations by name for staff', async () => {
    const cw = await signIn(t, org.caseworker);
    const name = org.partnerOrg.name;
    expect((await find(cw, name.slice(0, 9).toLowerCase())).partnerOrgs).toEqual([{ id: org.partnerOrg.id, name }]);
  });

  it('a coordinator finds the whole program; an admin case numbers only, never an alias', async () => {
    const coordinator = await signIn(t, org.coordinator);
    const all = await find(coordinator, 'silver');
    expect(all.cases.map((c) => c.id).sort()).toEqual([mine.caseId, theirs.caseId].sort());
    expect(all.survivors.map((s) => s.id).sort()).toEqual([mine.survivorId, theirs.survivorId].sort());
    const admin = await signIn(t, org.admin);
    const byAlias = await find(admin, 'silver');
    expect([byAlias.cases, byAlias.survivors]).toEqual([[], []]);
    const byNumber = await find(admin, mine.caseNumber);
    expect(byNumber.cases).toEqual([{ id: mine.caseId, caseNumber: mine.caseNumber, status: 'intake' }]);
  });

  it('a partner finds only the referrals sent to it, by case number; an analyst is refused', async () => {
    const partner = await signIn(t, org.partner);
    const found = await find(partner, mine.caseNumber);
    expect(found.referrals).toEqual([{ id: referralId, caseNumber: mine.caseNumber, serviceType: 'housing', status: 'sent', alias: 'Silver Fínch' }]);
    expect([found.cases, found.survivors]).toEqual([[], []]);
    expect((await find(partner, theirs.caseNumber)).referrals).toEqual([]);
    // Only their own partner organization.
    expect((await find(partner, org.partnerOrg2.name)).partnerOrgs).toEqual([]);
    await find(await signIn(t, org.analyst), 'silver', 403);
    // Another organization sees nothing of this one.
    const stranger = await createOrgFixture(t.dataSource);
    const other = await find(await signIn(t, stranger.coordinator), mine.caseNumber);
    expect([other.cases, other.survivors, other.referrals]).toEqual([[], [], []]);
  });

  it('a partner finds a referral by the alias only where its inbox shows the alias: shared, open and consented', async () => {
    const cw = await signIn(t, org.caseworker);
    const coordinator = await signIn(t, org.coordinator);
    // "Silver Wren" is referred with her alias among the shared fields, sent on a coordinator's override:
    // no consent covers it, and the inbox never shows an alias on an override alone.
    const wren = await createSurvivorWithCase(cw, { alias: 'Silver Wren' });
    const sent = await cw.post(api('/referrals')).send({ caseId: wren.kase.id, partnerOrgId: org.partnerOrg.id, serviceType: 'housing', sharedFields: ['alias'] }).expect(201);
    await coordinator
      .post(api(`/referrals/${sent.body.id}/transitions`))
      .send({ to: 'sent', overrideReason: 'Verbal consent by phone; paperwork follows today' })
      .expect(200);
    const partner = await signIn(t, org.partner);

    // The consented one is found by part of the alias, accents aside, with the alias shown.
    expect((await find(partner, 'silver finch')).referrals).toEqual([
      { id: referralId, caseNumber: mine.caseNumber, serviceType: 'housing', status: 'sent', alias: 'Silver Fínch' },
    ]);
    // Not consented: not found by alias, and by its number it is found without the alias.
    expect((await find(partner, 'silver wren')).referrals).toEqual([]);
    expect((await find(partner, wren.kase.caseNumber as string)).referrals).toEqual([
      { id: sent.body.id, caseNumber: wren.kase.caseNumber, serviceType: 'housing', status: 'sent' },
    ]);
    // The shown alias is an audited read of that survivor.
    const reads = await t.dataSource.getRepository(AuditEvent).find({ where: { actorId: org.partner.id, action: 'list', subjectType: 'Survivor' } });
    expect(reads.some((r) => r.subjectIds?.includes(mine.survivorId))).toBe(true);
    expect(reads.some((r) => r.subjectIds?.includes(wren.survivor.id))).toBe(false);

    // Once the consent is revoked, the alias finds nothing and the case number shows no alias.
    const consents = await t.dataSource.query(`SELECT id FROM consent WHERE survivor_id = $1 AND purpose = 'share_with_partner'`, [mine.survivorId]);
    for (const { id } of consents as { id: string }[]) {
      await cw.post(api(`/consents/${id}/revoke`)).send({ reason: 'survivor asked' }).expect(200);
    }
    expect((await find(partner, 'silver finch')).referrals).toEqual([]);
  });

  it('audits the search (a keyed hash of its text) and every record it disclosed; no text in audit or logs', async () => {
    const cw = await signIn(t, org.caseworker);
    await find(cw, 'Silver Fin');
    const rows = await t.dataSource.getRepository(AuditEvent).find({ where: { actorId: org.caseworker.id }, order: { seq: 'DESC' }, take: 4 });
    const search = rows.find((r) => r.action === 'search')!;
    expect(search.reason).toMatch(/^global [0-9a-f]{4}$/);
    const lists = rows.filter((r) => r.action === 'list');
    expect(lists.find((r) => r.subjectType === 'Case')?.subjectIds).toEqual([mine.caseId]);
    expect(lists.find((r) => r.subjectType === 'Survivor')?.subjectIds).toEqual([mine.survivorId]);
    const trail = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_event WHERE actor_id = $1', [org.caseworker.id])).toLowerCase();
    expect(trail).not.toContain('silver');
    expect(t.logs.join('\n').toLowerCase()).not.toContain('silver');
  });

  it('refuses bad input naming the field, and answers 429 past 10 searches a minute', async () => {
    t.clock.advance(61_000);
    const fixture = await createOrgFixture(t.dataSource);
    const cw = await signIn(t, fixture.caseworker);
    const short = await cw.post(api('/search')).send({ q: 'a' }).expect(400);
    expect(short.body.errors).toHaveProperty('q');
    await cw.post(api('/search')).send({}).expect(400);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await cw.post(api('/search')).send({ q: `LN-${i}0` })).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    // One limit for every search: the name search is refused too.
    const refused = await cw.post(api('/survivors/search')).send({ name: 'Anyone' }).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

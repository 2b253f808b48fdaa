import { randomBytes } from 'node:crypto';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { matchToken, reindexSurvivorMatches } from '../../case-file/survivor-match-index.js';
import { withOrgWorld } from '../../testing/builders.js';
import { api, createOrgFixture, signIn } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { testConfig } from '../../testing/test-app.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
interface Found {
  possibleDuplicates: { id: string; alias: string; caseNumbers: string[]; reasons: string[]; score: number; likely: boolean }[];
  elsewhereInOrganization: number;
}

/**
 * Issue 17, part 3: the duplicate check before every new survivor and every contact conversion, from
 * keyed match tokens (sound keys of name words, date of birth, birth year ± 1, phone, e-mail) and a
 * score (docs/duplicates.md); only what the caller may read is named.
 */
describe('duplicate check (issue 17)', () => {
  let cw: Agent;
  let survivorId: string;
  let caseNumber: string;
  let checks = 0;
  const alias = `Dup ${randomBytes(3).toString('hex')}`;
  const person = { legalName: 'Oksana Kovalenko', dateOfBirth: '1994-03-05', phone: '+1 (415) 555-0142', email: 'oksana.k@example.org' };

  /** The check counts as a search (10 a minute a person): the test clock moves on before the limit. */
  const check = async (agent: Agent, body: Record<string, unknown>, status = 200) => {
    if (++checks % 9 === 0) t.clock.advance(61_000);
    return (await agent.post(api('/survivors/duplicates')).send(body).expect(status)).body as Found;
  };

  // The worker's database, which holds what every other test file of the run wrote: the re-index below
  // covers this organization's survivors only, so its time does not depend on the other files.
  const { t, org } = withOrgWorld([]);
  beforeAll(async () => {
    cw = await signIn(t, org.caseworker);
    const { survivor, kase } = await createSurvivorWithCase(cw, { alias, ...person });
    survivorId = survivor.id;
    caseNumber = kase.caseNumber as string;
  });

  it('finds her under a transliterated, swapped name and a swapped date, or by phone and e-mail; not a namesake born years apart', async () => {
    const translit = await check(cw, { legalName: 'Kowalenko Oxana', dateOfBirth: '1994-05-03' });
    expect(translit.possibleDuplicates).toEqual([{ id: survivorId, alias, birthYear: 1994, caseNumbers: [caseNumber], reasons: ['name', 'dateOfBirth'], score: expect.any(Number), likely: true }]);
    const contact = await check(cw, { phone: '415.555.0142', email: ' OKSANA.K@example.org ' });
    expect(contact.possibleDuplicates.map((d) => [d.id, d.reasons, d.likely])).toEqual([[survivorId, ['phone', 'email'], true]]);
    // A typo in the name, with the birth year only.
    expect((await check(cw, { legalName: 'Oksana Kovalneko', birthYear: 1994 })).possibleDuplicates.map((d) => d.id)).toEqual([survivorId]);
    // The same phone alone is not enough (families share one), nor the same name born fourteen years apart.
    expect(await check(cw, { phone: '4155550142' })).toEqual({ possibleDuplicates: [], elsewhereInOrganization: 0 });
    expect(await check(cw, { legalName: 'Oksana Kovalenko', birthYear: 1980 })).toEqual({ possibleDuplicates: [], elsewhereInOrganization: 0 });
  });

  it('keeps the match tokens keyed, padded and in step with the fields; the start-up run fills missing ones', async () => {
    const rows = (await t.dataSource.query('SELECT token, key_id FROM survivor_match_token WHERE survivor_id = $1', [survivorId])) as { token: string }[];
    expect(rows.length % 8).toBe(0);
    expect(rows.length).toBeGreaterThanOrEqual(16);
    const dump = JSON.stringify(rows).toLowerCase();
    for (const plain of ['oksana', 'kovalenko', '1994', '0142', 'example']) expect(dump).not.toContain(plain);
    const index = new BlindIndex(testConfig());
    expect(rows.map((r) => r.token)).toContain(matchToken(index, org.organizationId, 't|4155550142'));

    // A new phone: the old one no longer finds her, the new one does (with her name).
    const version = Number((await cw.get(api(`/survivors/${survivorId}`)).expect(200)).body.version);
    await cw.put(api(`/survivors/${survivorId}`)).send({ phone: '+1 212 555 0199', version }).expect(200);
    expect((await check(cw, { legalName: 'Oksana', phone: '415 555 0142' })).possibleDuplicates).toEqual([]);
    expect((await check(cw, { legalName: 'Oksana', phone: '212-555-0199' })).possibleDuplicates.map((d) => d.id)).toEqual([survivorId]);

    await t.dataSource.query('DELETE FROM survivor_match_token WHERE survivor_id = $1', [survivorId]);
    expect((await check(cw, { legalName: 'Kowalenko Oxana', dateOfBirth: '1994-03-05' })).possibleDuplicates).toEqual([]);
    const report = await reindexSurvivorMatches(t.dataSource, new FieldCipher(testConfig()), index, { organizationId: org.organizationId });
    expect(report.survivors).toBe(1);
    expect((await check(cw, { legalName: 'Kowalenko Oxana', dateOfBirth: '1994-03-05' })).possibleDuplicates.map((d) => d.id)).toEqual([survivorId]);
  });

  it('tells a caseworker without access only "another caseload", nothing identifying; refuses partners and analysts', async () => {
    const colleague = await signIn(t, org.caseworker2);
    const found = await colleague.post(api('/survivors/duplicates')).send({ legalName: 'Oxana Kowalenko', dateOfBirth: '1994-03-05' }).expect(200);
    expect(found.body).toEqual({ possibleDuplicates: [], elsewhereInOrganization: 1 });
    const text = JSON.stringify(found.body);
    for (const secret of [survivorId, alias, caseNumber]) expect(text).not.toContain(secret);
    for (const role of ['partner', 'analyst'] as const) {
      const agent = await signIn(t, org[role]);
      await agent.post(api('/survivors/duplicates')).send({ legalName: 'Oxana Kowalenko' }).expect(403);
    }
    // Another organization: not even a count.
    const stranger = await createOrgFixture(t.dataSource);
    expect(await check(await signIn(t, stranger.caseworker), { legalName: 'Oxana Kowalenko', dateOfBirth: '1994-03-05' })).toEqual({
      possibleDuplicates: [],
      elsewhereInOrganization: 0,
    });
  });

  it('checks a contact before it is converted, and answers the conversion with the matches', async () => {
    t.clock.advance(61_000);
    const contact = (await cw.post(api('/contacts')).send({ channel: 'call', anonymous: false, name: 'Oxana Kowalenko', phone: '212 555 0199' }).expect(201)).body as {
      id: string;
      version: number;
    };
    const before = (await cw.post(api(`/contacts/${contact.id}/duplicates`)).send({}).expect(200)).body as Found;
    expect(before.possibleDuplicates.map((d) => [d.id, d.reasons, d.likely])).toEqual([[survivorId, ['name', 'phone'], true]]);

    // Whoever may not convert it, or may not register survivors, is refused.
    for (const role of ['partner', 'analyst'] as const) await (await signIn(t, org[role])).post(api(`/contacts/${contact.id}/duplicates`)).send({}).expect((r) => expect([403, 404]).toContain(r.status));
    await cw.post(api('/contacts/00000000-0000-4000-8000-000000000000/duplicates')).send({}).expect(404);

    const converted = (await cw.post(api(`/contacts/${contact.id}/convert`)).send({ version: contact.version }).expect(201)).body as Found & { survivorId: string };
    expect(converted.survivorId).not.toBe(survivorId);
    expect(converted.possibleDuplicates.map((d) => d.id)).toEqual([survivorId]);
    // Converted: it is linked, and checking it again is refused.
    expect((await cw.post(api(`/contacts/${contact.id}/duplicates`)).send({})).status).toBe(409);
  });
});

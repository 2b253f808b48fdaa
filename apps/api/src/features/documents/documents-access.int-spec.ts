import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { openCase, sentReferral, withTwoOrgWorld } from '../../testing/builders.js';
import { api, FIXTURE_PASSWORD, lastAudit, signIn } from '../../testing/fixtures.js';
import { DOCUMENT_LIST } from './document-reads.js';
import { as, collect, documentServices, minimalPdf, minimalPng, streamOf, type DocumentServices, type Person } from './documents.testing.js';

/**
 * Documents follow their case (docs/security-model.md): the caseworker of the case, break-glass; a
 * coordinator sees that they exist; partner staff see a kind only when a live consent of the survivor
 * shares `documents:<kind>` with their partner org and a referral of the case is open for them.
 */
describe('documents: who may see them', () => {
  let docs: DocumentServices;
  let world: { survivorId: string; caseId: string; referralId: string; housing: string; identity: string };
  const query = (filter: Record<string, unknown> = {}) => ({ filters: Object.entries(filter).map(([name, value]) => ({ name, value, spec: DOCUMENT_LIST.filters[name]! })), ids: null, sort: ['createdAt', 'DESC'] as [string, 'DESC'], skip: 0, take: 25 });
  const list = (person: Person, filter: Record<string, unknown>) => as(person, t.clock.now(), () => docs.reads.list(query(filter) as never));
  const get = (person: Person, id: string) => as(person, t.clock.now(), () => docs.reads.get(id));
  const open = (person: Person, id: string) => as(person, t.clock.now(), async () => collect((await docs.reads.openContent(id)).stream));
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: { code?: string }) => e.code);

  const { t, org, other, as: people } = withTwoOrgWorld(['caseworker', 'coordinator']);
  beforeAll(async () => {
    docs = documentServices(t.app);
    const kase = await openCase(people.caseworker);
    const { referral } = await sentReferral(people, org, kase);
    const upload = (kind: 'housing' | 'identity', title: string, bytes: Buffer, filename: string) =>
      as(org.caseworker, t.clock.now(), () => docs.service.upload({ caseId: kase.caseId, kind, title, filename, content: streamOf(bytes) }));
    const housing = await upload('housing', 'Lease', minimalPdf(), 'lease.pdf');
    const identity = await upload('identity', 'Passport', minimalPng(), 'passport.png');
    world = { survivorId: kase.survivorId, caseId: kase.caseId, referralId: referral.id, housing: housing.id as string, identity: identity.id as string };
  });

  /** Records, through the consents API, the survivor's consent to share these items with the fixture's partner org. */
  async function consentTo(items: string[], extra: { expiresAt?: Date } = {}): Promise<string> {
    const cw = await signIn(t, org.caseworker);
    const body = {
      survivorId: world.survivorId,
      caseId: world.caseId,
      purpose: 'share_with_partner',
      partnerOrgId: org.partnerOrg.id,
      sharedFields: items,
      method: 'written',
      grantedAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
      ...(extra.expiresAt ? { expiresAt: extra.expiresAt.toISOString() } : {}),
    };
    const res = await cw.post(api('/consents')).send(body).expect(201);
    expect(res.body.sharedFields).toEqual(items);
    return res.body.id as string;
  }

  it('the caseworker of the case reads and opens them; another caseworker, and a caseworker of another organization, do not', async () => {
    const mine = await list(org.caseworker, { caseId: world.caseId });
    expect(mine.rows.map((r) => r.id).sort()).toEqual([world.housing, world.identity].sort());
    expect(mine.rows.find((r) => r.id === world.identity)).toMatchObject({ title: 'Passport', filename: 'passport.png', kind: 'identity' });
    expect((await lastAudit(t, org.caseworker.id, 'list'))!.subjectIds!.sort()).toEqual([world.housing, world.identity].sort());
    expect((await open(org.caseworker, world.housing)).equals(minimalPdf())).toBe(true);

    expect((await list(org.caseworker2, { caseId: world.caseId })).rows).toEqual([]);
    expect(await failure(get(org.caseworker2, world.housing))).toBe('NOT_FOUND');
    expect(await failure(open(org.caseworker2, world.housing))).toBe('NOT_FOUND');
    expect(await lastAudit(t, org.caseworker2.id, 'denied')).toMatchObject({ subjectType: 'Document', subjectId: world.housing });

    expect(await failure(get(other.caseworker, world.housing))).toBe('NOT_FOUND');
    expect(await failure(open(other.caseworker, world.housing))).toBe('NOT_FOUND');
    // Nothing in the audit tells another organization that this id exists.
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ actorId: other.caseworker.id, subjectId: world.housing })).toBe(0);
  });

  it('a coordinator sees that they exist and their kind, not their titles, names or content; an admin only through break-glass', async () => {
    const seen = await get(org.coordinator, world.identity);
    expect(seen).toMatchObject({ id: world.identity, kind: 'identity' });
    expect(seen).not.toHaveProperty('title');
    expect(seen).not.toHaveProperty('filename');
    expect(await failure(open(org.coordinator, world.identity))).toBe('FORBIDDEN');
    expect(await lastAudit(t, org.coordinator.id, 'denied')).toMatchObject({ subjectType: 'Document', subjectId: world.identity, fields: ['content'] });

    expect(await failure(get(org.admin, world.identity))).toBe('NOT_FOUND');
    const admin = await signIn(t, org.admin);
    await admin.post(api('/break-glass-grants')).send({ survivorId: world.survivorId, reason: 'Caller reports imminent danger', password: FIXTURE_PASSWORD }).expect(201);
    expect(await get(org.admin, world.identity)).toMatchObject({ title: 'Passport' });
    expect((await open(org.admin, world.identity)).equals(minimalPng())).toBe(true);
  });

  it('partner staff see nothing without a consent that shares the kind, even with an open referral', async () => {
    expect((await list(org.partner, { referralCase: world.referralId })).rows).toEqual([]);
    expect(await failure(get(org.partner, world.housing))).toBe('NOT_FOUND');
    expect(await failure(open(org.partner, world.housing))).toBe('NOT_FOUND');
  });

  it('with a live consent to share housing documents, partner staff see and open those only, audited as a disclosure', async () => {
    const consentId = await consentTo(['alias', 'documents:housing']);
    const shown = await list(org.partner, { referralCase: world.referralId });
    expect(shown.rows.map((r) => r.id)).toEqual([world.housing]);
    expect(shown.rows[0]).toMatchObject({ kind: 'housing', title: 'Lease', filename: 'lease.pdf' });
    expect(shown.rows[0]).not.toHaveProperty('caseId');
    expect(shown.rows[0]).not.toHaveProperty('survivorId');
    expect(await get(org.partner, world.housing)).toMatchObject({ title: 'Lease' });
    expect(await lastAudit(t, org.partner.id, 'disclose')).toMatchObject({ subjectType: 'Document', subjectId: world.housing });
    expect((await open(org.partner, world.housing)).equals(minimalPdf())).toBe(true);
    expect(await lastAudit(t, org.partner.id, 'disclose')).toMatchObject({ subjectId: world.housing, fields: ['content'] });
    expect(await failure(get(org.partner, world.identity))).toBe('NOT_FOUND');

    // The survivor withdraws it: gone on the next read.
    await (await signIn(t, org.caseworker)).post(api(`/consents/${consentId}/revoke`)).send({ reason: 'Withdrawn by the survivor' }).expect(200);
    expect((await list(org.partner, { referralCase: world.referralId })).rows).toEqual([]);
    expect(await failure(open(org.partner, world.housing))).toBe('NOT_FOUND');

    // An expired consent shares nothing either; a live one again does, and a deleted document is not shown.
    await consentTo(['documents:housing'], { expiresAt: new Date(t.clock.now().getTime() - 1000) });
    expect(await failure(get(org.partner, world.housing))).toBe('NOT_FOUND');
    await consentTo(['documents:housing']);
    expect(await get(org.partner, world.housing)).toMatchObject({ id: world.housing });
    const current = await get(org.caseworker, world.housing);
    await as(org.caseworker, t.clock.now(), () => docs.service.remove(world.housing, { reason: 'Uploaded to the wrong case', version: current.version as number }));
    expect(await failure(get(org.partner, world.housing))).toBe('NOT_FOUND');
    expect(await failure(open(org.caseworker, world.housing))).toBe('CONFLICT');
    expect(await lastAudit(t, org.caseworker.id, 'delete')).toMatchObject({ subjectType: 'Document', subjectId: world.housing });
    expect((await list(org.caseworker, { caseId: world.caseId })).rows.map((r) => r.id)).toEqual([world.identity]);
    expect((await list(org.caseworker, { caseId: world.caseId, deleted: true })).rows.map((r) => r.id)).toEqual([world.housing]);
  });

  it('purging overwrites and removes the content of a deleted document and destroys its key', async () => {
    await docs.scans.purge(world.housing);
    const row = (await t.dataSource.query('SELECT wrapped_key, chunk_count, purged_at FROM document WHERE id = $1', [world.housing]))[0];
    expect(row).toMatchObject({ wrapped_key: null, chunk_count: 0 });
    expect(row.purged_at).not.toBeNull();
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM document_chunk WHERE document_id = $1', [world.housing]))[0].n).toBe(0);
    expect(await failure(open(org.caseworker, world.housing))).toBe('CONFLICT');
  });
});

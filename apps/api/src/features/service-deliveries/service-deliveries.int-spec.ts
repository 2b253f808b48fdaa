import { SERVICE_PARTNER_FIELDS } from '@lantern/permissions';
import { sentReferral, withTwoOrgWorld } from '../../testing/builders.js';
import { api, lastAudit, signIn } from '../../testing/fixtures.js';
import { closeCase, createSurvivorWithCase } from '../../testing/records.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
type Entry = Record<string, unknown> & { id: string; version: number };

const CANARY_NOTE = 'Drove her to the Zyxservicecanary clinic';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const DAY = 86_400_000;

/** Issue 16, part 1: the services actually given, on both databases. */
describe('services delivered', () => {
  const { t, org, other, as: { caseworker: cw, caseworker2: cw2, coordinator, partner } } = withTwoOrgWorld(['caseworker', 'caseworker2', 'coordinator', 'partner']);

  const day = (offsetDays = 0) => new Date(t.clock.now().getTime() + offsetDays * DAY).toISOString().slice(0, 10);
  const log = (agent: Agent, body: Record<string, unknown>) =>
    agent.post(api('/service-deliveries')).send({ deliveredOn: day(), category: 'crisis_intervention', durationMinutes: 45, ...body });
  const list = async (agent: Agent, filter: Record<string, unknown>) =>
    (await agent.get(api('/service-deliveries')).query({ filter: JSON.stringify(filter), range: '[0,99]' }).expect(200)).body as Entry[];
  /** A case of the caseworker's that opened a week ago, so services of earlier days belong to it. */
  const openedLastWeek = async () => {
    const { kase } = await createSurvivorWithCase(cw);
    await t.dataSource.query(`UPDATE survivor_case SET opened_at = opened_at - interval '7 days' WHERE id = $1`, [kase.id]);
    return kase;
  };
  const rowCount = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM service_delivery'))[0].n);

  /** A case of the caseworker with a referral to the fixture's partner org under a live consent: sent, and accepted unless told. */
  async function referredCase(accept = true) {
    const { survivor, kase } = await createSurvivorWithCase(cw);
    const { consent, referral } = await sentReferral({ caseworker: cw, coordinator }, org, { survivorId: survivor.id, caseId: kase.id });
    if (accept) await partner.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'accepted' }).expect(200);
    return { survivor, kase, consent, referral };
  }

  describe('staff', () => {
    it('a caseworker logs a service on her case: the note encrypted at rest, the write, the list and the read audited, all in the case history', async () => {
      const { survivor, kase } = await createSurvivorWithCase(cw);
      const created = (await log(cw, { caseId: kase.id, note: CANARY_NOTE, units: 1 }).expect(201)).body as Entry;
      expect(created).toMatchObject({
        caseId: kase.id,
        caseNumber: kase.caseNumber,
        survivorId: survivor.id,
        deliveredOn: day(),
        category: 'crisis_intervention',
        providerKind: 'staff',
        providerUserId: org.caseworker.id,
        partnerOrgId: null,
        referralId: null,
        units: 1,
        durationMinutes: 45,
        note: CANARY_NOTE,
        voidedAt: null,
        createdBy: org.caseworker.id,
        version: 1,
      });
      expect(await lastAudit(t, org.caseworker.id, 'create')).toMatchObject({ subjectType: 'ServiceDelivery', subjectId: created.id });

      const raw = (await t.dataSource.query('SELECT * FROM service_delivery WHERE id = $1', [created.id]))[0];
      expect(raw.note).toMatch(/^v1\.[^.]+\./);
      expect(JSON.stringify(raw)).not.toContain('Zyxservicecanary');

      const res = await cw.get(api('/service-deliveries')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200);
      expect(res.headers['content-range']).toBe('service-deliveries 0-0/1');
      expect(res.body.map((e: Entry) => [e.id, e.note])).toEqual([[created.id, CANARY_NOTE]]);
      const listed = await lastAudit(t, org.caseworker.id, 'list');
      expect(listed).toMatchObject({ subjectType: 'ServiceDelivery', subjectIds: [created.id], requestId: res.headers['x-request-id'] });
      expect(listed!.fields).toContain('note');

      const read = await cw.get(api(`/service-deliveries/${created.id}`)).expect(200);
      expect(read.body.note).toBe(CANARY_NOTE);
      expect(await lastAudit(t, org.caseworker.id, 'read')).toMatchObject({ subjectType: 'ServiceDelivery', subjectId: created.id, requestId: read.headers['x-request-id'] });

      const history = (await cw.get(api(`/cases/${kase.id}/history`)).expect(200)).body as { subjectType: string; subjectId: string; action: string }[];
      const about = history.filter((h) => h.subjectType === 'ServiceDelivery' && h.subjectId === created.id).map((h) => h.action);
      expect(about).toEqual(expect.arrayContaining(['create', 'read']));
    });

    it('a correction is an edit with the version read (stale: 409; the case never changes); an entry logged in error is voided, never deleted', async () => {
      const kase = await openedLastWeek();
      const { kase: another } = await createSurvivorWithCase(cw);
      const entry = (await log(cw, { caseId: kase.id, note: 'First' }).expect(201)).body as Entry;
      const fixed = (
        await cw
          .put(api(`/service-deliveries/${entry.id}`))
          .send({ version: entry.version, category: 'individual_counseling', durationMinutes: 60, units: 2, note: 'Corrected', deliveredOn: day(-1) })
          .expect(200)
      ).body as Entry;
      expect(fixed).toMatchObject({ category: 'individual_counseling', durationMinutes: 60, units: 2, note: 'Corrected', deliveredOn: day(-1), version: 2 });
      expect((await lastAudit(t, org.caseworker.id, 'update'))!.fields!.sort()).toEqual(['category', 'deliveredOn', 'durationMinutes', 'note', 'units']);
      expect((await cw.put(api(`/service-deliveries/${entry.id}`)).send({ version: entry.version, units: 3 }).expect(409)).body.code).toBe('STALE_VERSION');
      // A stock react-admin client sends the record back as it read it: its read-only fields must not change.
      const echoed = await cw.put(api(`/service-deliveries/${entry.id}`)).send({ ...fixed, caseId: another.id, units: 3 }).expect(400);
      expect(echoed.body.errors).toHaveProperty('caseId');
      const same = (await cw.put(api(`/service-deliveries/${entry.id}`)).send({ ...fixed, units: 3 }).expect(200)).body as Entry;
      expect(same).toMatchObject({ caseId: kase.id, units: 3 });

      await cw.post(api(`/service-deliveries/${entry.id}/void`)).send({ version: same.version, reason: '' }).expect(400);
      const voided = (await cw.post(api(`/service-deliveries/${entry.id}/void`)).send({ version: same.version, reason: 'Logged on the wrong case' }).expect(200)).body as Entry;
      expect(voided).toMatchObject({ voidReason: 'Logged on the wrong case', voidedAt: expect.any(String) });
      expect(await lastAudit(t, org.caseworker.id, 'transition')).toMatchObject({ subjectType: 'ServiceDelivery', subjectId: entry.id, reason: 'voided' });
      expect((await cw.put(api(`/service-deliveries/${entry.id}`)).send({ version: voided.version, units: 4 }).expect(409)).body.code).toBe('SERVICE_DELIVERY_VOIDED');
      expect((await cw.post(api(`/service-deliveries/${entry.id}/void`)).send({ version: voided.version, reason: 'Again' }).expect(409)).body.code).toBe('SERVICE_DELIVERY_VOIDED');
      // Reports leave voided entries out; the entry itself stays.
      expect((await list(cw, { caseId: kase.id, voided: false })).map((e) => e.id)).toEqual([]);
      expect((await list(cw, { caseId: kase.id, voided: true })).map((e) => e.id)).toEqual([entry.id]);
      expect((await cw.delete(api(`/service-deliveries/${entry.id}`))).status).toBe(404);
      expect((await t.dataSource.query('SELECT count(*)::int AS n FROM service_delivery WHERE id = $1', [entry.id]))[0].n).toBe(1);
    });

    it('another caseworker, another organization, admins and analysts can neither read nor write them; the coordinator reads and corrects the program\'s', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      const entry = (await log(cw, { caseId: kase.id, note: CANARY_NOTE }).expect(201)).body as Entry;

      await cw2.get(api(`/service-deliveries/${entry.id}`)).expect(404);
      expect(await lastAudit(t, org.caseworker2.id, 'denied')).toMatchObject({ subjectType: 'ServiceDelivery', subjectId: entry.id });
      expect(await list(cw2, { caseId: kase.id })).toEqual([]);
      expect((await log(cw2, { caseId: kase.id }).expect(400)).body.errors).toHaveProperty('caseId');
      await cw2.put(api(`/service-deliveries/${entry.id}`)).send({ version: entry.version, units: 2 }).expect(404);
      await cw2.post(api(`/service-deliveries/${entry.id}/void`)).send({ version: entry.version, reason: 'Not mine' }).expect(404);

      const otherCoordinator = await signIn(t, other.coordinator);
      await otherCoordinator.get(api(`/service-deliveries/${entry.id}`)).expect(404);
      expect((await list(otherCoordinator, {})).map((e) => e.id)).not.toContain(entry.id);
      expect((await log(otherCoordinator, { caseId: kase.id }).expect(400)).body.errors).toHaveProperty('caseId');
      // No audit row in the other organization's chain names this organization's entry.
      expect(await lastAudit(t, other.coordinator.id, 'denied')).toBeUndefined();

      for (const role of ['admin', 'analyst'] as const) {
        const agent = await signIn(t, org[role]);
        await agent.get(api('/service-deliveries')).expect(403);
        await agent.get(api(`/service-deliveries/${entry.id}`)).expect(403);
        await log(agent, { caseId: kase.id }).expect(403);
        await agent.put(api(`/service-deliveries/${entry.id}`)).send({ version: entry.version, units: 2 }).expect(403);
      }
      // Partner staff see nothing of a caseworker's own service (no referral of theirs).
      await partner.get(api(`/service-deliveries/${entry.id}`)).expect(404);
      expect(await list(partner, {})).toEqual([]);

      expect((await coordinator.get(api(`/service-deliveries/${entry.id}`)).expect(200)).body.note).toBe(CANARY_NOTE);
      const corrected = (await coordinator.put(api(`/service-deliveries/${entry.id}`)).send({ version: entry.version, providerUserId: org.caseworker2.id }).expect(200)).body;
      expect(corrected.providerUserId).toBe(org.caseworker2.id);
      // A reassigned case takes its services with it.
      const current = (await coordinator.get(api(`/cases/${kase.id}`)).expect(200)).body;
      await coordinator.post(api(`/cases/${kase.id}/assign`)).send({ caseworkerId: org.caseworker2.id, version: current.version }).expect(200);
      await cw2.get(api(`/service-deliveries/${entry.id}`)).expect(200);
      await cw.get(api(`/service-deliveries/${entry.id}`)).expect(404);
    });

    it('a caseworker records a partner organization\'s service on her case, on the referral it went out under', async () => {
      const { kase, referral } = await referredCase();
      const entry = (await log(cw, { caseId: kase.id, category: 'emergency_shelter', providerKind: 'partner_org', partnerOrgId: org.partnerOrg.id, referralId: referral.id, units: 3, durationMinutes: null }).expect(201)).body;
      expect(entry).toMatchObject({ providerKind: 'partner_org', partnerOrgId: org.partnerOrg.id, providerUserId: null, referralId: referral.id, units: 3 });
      const wrongPartner = await log(cw, { caseId: kase.id, providerKind: 'partner_org', partnerOrgId: org.partnerOrg2.id, referralId: referral.id }).expect(400);
      expect(wrongPartner.body.errors).toHaveProperty('referralId');
      // What the program wrote about the partner's service is not the partner's to read.
      await partner.get(api(`/service-deliveries/${entry.id}`)).expect(404);
      expect((await list(partner, { referralId: referral.id })).map((e) => e.id)).not.toContain(entry.id);
    });
  });

  describe('partner staff', () => {
    it('log, read and correct their organization\'s services on a referral they accepted, without the case or the survivor', async () => {
      const { kase, referral } = await referredCase();
      const created = await log(partner, { referralId: referral.id, category: 'emergency_shelter', units: 2, durationMinutes: null, note: 'Two nights' }).expect(201);
      expect(Object.keys(created.body).sort()).toEqual([...SERVICE_PARTNER_FIELDS].sort());
      expect(created.body).toMatchObject({ referralId: referral.id, providerKind: 'partner_org', partnerOrgId: org.partnerOrg.id, units: 2, note: 'Two nights', createdBy: org.partner.id });
      const entry = created.body as Entry;

      const mine = await list(partner, { referralId: referral.id });
      expect(mine.map((e) => e.id)).toEqual([entry.id]);
      for (const hidden of ['caseId', 'caseNumber', 'survivorId', 'providerUserId']) expect(mine[0]).not.toHaveProperty([hidden]);
      expect(await lastAudit(t, org.partner.id, 'list')).toMatchObject({ subjectType: 'ServiceDelivery', subjectIds: [entry.id] });
      await partner.get(api(`/service-deliveries/${entry.id}`)).expect(200);
      expect(await lastAudit(t, org.partner.id, 'read')).toMatchObject({ subjectType: 'ServiceDelivery', subjectId: entry.id });
      // A partner reads no case: filtering by one is refused, naming the filter.
      expect((await partner.get(api('/service-deliveries')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(400)).body.errors).toHaveProperty(['filter.caseId']);

      const fixed = (await partner.put(api(`/service-deliveries/${entry.id}`)).send({ version: entry.version, units: 3 }).expect(200)).body;
      expect(fixed).toMatchObject({ units: 3, version: 2 });
      // Where it belongs and who gave it are not theirs to change.
      expect((await partner.put(api(`/service-deliveries/${entry.id}`)).send({ version: fixed.version, referralId: null }).expect(403)).body.code).toBe('FORBIDDEN_FIELDS');
      // The case's caseworker sees the partner's entry in full.
      expect((await cw.get(api(`/service-deliveries/${entry.id}`)).expect(200)).body).toMatchObject({ caseId: kase.id, note: 'Two nights' });

      // In progress still counts as accepted.
      await partner.post(api(`/referrals/${referral.id}/transitions`)).send({ to: 'in_progress' }).expect(200);
      await log(partner, { referralId: referral.id }).expect(201);
    });

    it('cannot log before accepting, as staff, or on a case; and lose every entry once the consent is revoked or the referral cancelled', async () => {
      const sent = await referredCase(false);
      const before = await rowCount();
      expect((await log(partner, { referralId: sent.referral.id }).expect(400)).body.errors).toHaveProperty('referralId');
      expect((await log(partner, {}).expect(400)).body.errors).toHaveProperty('referralId');
      expect((await log(partner, { caseId: sent.kase.id, referralId: sent.referral.id }).expect(400)).body.errors).toHaveProperty('caseId');
      expect((await log(partner, { referralId: sent.referral.id, providerKind: 'staff' }).expect(400)).body.errors).toHaveProperty('providerKind');
      expect(await rowCount()).toBe(before);

      const revoked = await referredCase();
      const a = (await log(partner, { referralId: revoked.referral.id }).expect(201)).body as Entry;
      await cw.post(api(`/consents/${revoked.consent.id}/revoke`)).send({ reason: 'She withdrew consent' }).expect(200);
      const cancelled = await referredCase();
      const b = (await log(partner, { referralId: cancelled.referral.id }).expect(201)).body as Entry;
      await coordinator.post(api(`/referrals/${cancelled.referral.id}/transitions`)).send({ to: 'cancelled', reason: 'Survivor moved away' }).expect(200);

      for (const [entry, referral] of [
        [a, revoked.referral],
        [b, cancelled.referral],
      ] as const) {
        await partner.get(api(`/service-deliveries/${entry.id}`)).expect(404);
        expect(await list(partner, { referralId: referral.id })).toEqual([]);
        await partner.put(api(`/service-deliveries/${entry.id}`)).send({ version: entry.version, units: 5 }).expect(404);
        await partner.post(api(`/service-deliveries/${entry.id}/void`)).send({ version: entry.version, reason: 'Mistake' }).expect(404);
        expect((await log(partner, { referralId: referral.id }).expect(400)).body.errors).toHaveProperty('referralId');
        // The program keeps the record of what was given.
        await cw.get(api(`/service-deliveries/${entry.id}`)).expect(200);
      }
    });
  });

  it('a closed case is read-only: no new entry, no correction, no voiding (409 CASE_CLOSED), nothing written; reading still works', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    const entry = (await log(cw, { caseId: kase.id }).expect(201)).body as Entry;
    await closeCase(cw, kase.id, {}, t.clock.now());
    const before = await rowCount();
    const refused = await log(cw, { caseId: kase.id }).expect(409);
    expect(refused.body).toMatchObject({ code: 'CASE_CLOSED' });
    expect(refused.body.errors).toHaveProperty('caseId');
    expect((await cw.put(api(`/service-deliveries/${entry.id}`)).send({ version: entry.version, units: 2 }).expect(409)).body.code).toBe('CASE_CLOSED');
    expect((await coordinator.post(api(`/service-deliveries/${entry.id}/void`)).send({ version: entry.version, reason: 'Wrong case' }).expect(409)).body.code).toBe('CASE_CLOSED');
    expect(await rowCount()).toBe(before);
    expect((await cw.get(api(`/service-deliveries/${entry.id}`)).expect(200)).body).toMatchObject({ version: 1, voidedAt: null });
  });

  it('bad input answers 400 naming the field, and writes nothing', async () => {
    const { kase } = await createSurvivorWithCase(cw);
    const { referral } = await referredCase(false);
    const before = await rowCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ category: 'massage' }, 'category'],
      [{ category: undefined }, 'category'],
      [{ deliveredOn: '2026-02-30' }, 'deliveredOn'],
      [{ deliveredOn: 'yesterday' }, 'deliveredOn'],
      [{ deliveredOn: day(3) }, 'deliveredOn'],
      [{ deliveredOn: '2001-01-01' }, 'deliveredOn'],
      // The case opened today: two days ago is before it, wherever the caseworker is.
      [{ deliveredOn: day(-2) }, 'deliveredOn'],
      [{ units: 0 }, 'units'],
      [{ units: 1.5 }, 'units'],
      [{ units: 10_001 }, 'units'],
      [{ durationMinutes: 1441 }, 'durationMinutes'],
      [{ durationMinutes: null }, 'units'],
      [{ note: 'x'.repeat(501) }, 'note'],
      [{ note: 'bell\u0007' }, 'note'],
      [{ caseId: 'not-a-uuid' }, 'caseId'],
      [{ caseId: UNKNOWN_ID }, 'caseId'],
      [{ caseId: undefined }, 'caseId'],
      [{ providerKind: 'volunteer' }, 'providerKind'],
      [{ providerUserId: org.partner.id }, 'providerUserId'],
      [{ providerUserId: other.caseworker.id }, 'providerUserId'],
      [{ providerKind: 'partner_org' }, 'partnerOrgId'],
      [{ providerKind: 'partner_org', partnerOrgId: other.partnerOrg.id }, 'partnerOrgId'],
      [{ partnerOrgId: org.partnerOrg.id }, 'partnerOrgId'],
      [{ referralId: referral.id }, 'referralId'],
      [{ referralId: UNKNOWN_ID }, 'referralId'],
      [{ organizationId: other.organizationId }, 'organizationId'],
      [{ voidedAt: t.clock.now().toISOString() }, 'voidedAt'],
    ];
    for (const [patch, field] of cases) {
      const res = await log(cw, { caseId: kase.id, ...patch });
      expect([JSON.stringify(patch), res.status]).toEqual([JSON.stringify(patch), 400]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect([JSON.stringify(patch), Object.keys(res.body.errors ?? {})]).toEqual([JSON.stringify(patch), expect.arrayContaining([field])]);
    }
    expect(await rowCount()).toBe(before);

    const entry = (await log(cw, { caseId: kase.id }).expect(201)).body as Entry;
    const put = (body: Record<string, unknown>) => cw.put(api(`/service-deliveries/${entry.id}`)).send({ version: entry.version, ...body });
    for (const [patch, field] of [
      [{ category: null }, 'category'],
      [{ durationMinutes: null }, 'units'],
      [{ deliveredOn: day(5) }, 'deliveredOn'],
      [{ referralId: referral.id }, 'referralId'],
      [{ providerKind: 'partner_org' }, 'partnerOrgId'],
    ] as const) {
      expect([JSON.stringify(patch), Object.keys((await put(patch).expect(400)).body.errors ?? {})]).toEqual([JSON.stringify(patch), expect.arrayContaining([field])]);
    }
    expect((await cw.get(api(`/service-deliveries/${entry.id}`)).expect(200)).body.version).toBe(1);
    const bad = await cw.get(api('/service-deliveries')).query({ filter: JSON.stringify({ deliveredFrom: '2026-13-01' }) }).expect(400);
    expect(bad.body.errors).toHaveProperty(['filter.deliveredFrom']);
  });

  it('lists by category and by a range of days', async () => {
    const kase = await openedLastWeek();
    const today = (await log(cw, { caseId: kase.id, category: 'transportation_assistance', units: 1 }).expect(201)).body as Entry;
    const yesterday = (await log(cw, { caseId: kase.id, deliveredOn: day(-1), category: 'interpreter_services' }).expect(201)).body as Entry;
    expect((await list(cw, { caseId: kase.id })).map((e) => e.id)).toEqual([today.id, yesterday.id]);
    expect((await list(cw, { caseId: kase.id, category: 'interpreter_services' })).map((e) => e.id)).toEqual([yesterday.id]);
    expect((await list(cw, { caseId: kase.id, deliveredFrom: day(), deliveredTo: day() })).map((e) => e.id)).toEqual([today.id]);
    expect((await list(cw, { caseId: kase.id, deliveredTo: day(-1) })).map((e) => e.id)).toEqual([yesterday.id]);
  });
});

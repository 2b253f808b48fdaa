import { OPEN_REFERRAL_STATUSES } from '@lantern/contracts';
import { AuditEvent } from '../../access/audit/audit-event.entity.js';
import { Notification, NotificationOutbox } from '../notifications/notification.entity.js';
import { createOrgFixture, signIn, api, type OrgFixture } from '../../testing/fixtures.js';
import { closeCase, createSurvivorWithCase, FULL_SCREENING, PARTNER_REFERRAL_KEYS } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { Referral } from './referral.entity.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
const CANARY = 'Quibbleworth Zanzaroo';

describe('referrals', () => {
  let t: TestApp;
  let org: OrgFixture;
  let other: OrgFixture;
  let cw: Agent;
  let coordinator: Agent;
  let partner: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrgFixture(t.dataSource);
    other = await createOrgFixture(t.dataSource);
    cw = await signIn(t, org.caseworker);
    coordinator = await signIn(t, org.coordinator);
    partner = await signIn(t, org.partner);
  });
  afterAll(() => t.close());

  /** A survivor with a case and an intake, and a share_with_partner consent for the fixture's housing partner. */
  async function survivorFile(consentFields: string[] | null = ['alias', 'languages', 'safeContactInstructions', 'immediateNeeds']) {
    const { survivor, kase } = await createSurvivorWithCase(cw, {
      legalName: CANARY,
      languages: ['es'],
      safeContactInstructions: 'Call the shelter line, ask for Ana.',
      phone: '+1 555 0142',
    });
    await cw.post(api('/intakes')).send({ caseId: kase.id, immediateNeeds: ['shelter', 'legal'], riskScreening: FULL_SCREENING }).expect(201);
    const consent = consentFields
      ? (
          await cw
            .post(api('/consents'))
            .send({ survivorId: survivor.id, caseId: kase.id, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: consentFields, method: 'written' })
            .expect(201)
        ).body
      : null;
    return { survivor, kase, consent };
  }

  const request = (caseId: string, fields = ['alias', 'languages', 'safeContactInstructions', 'immediateNeeds']) =>
    cw.post(api('/referrals')).send({ caseId, partnerOrgId: org.partnerOrg.id, serviceType: 'housing', urgency: 'urgent', reason: `Needs housing; ${CANARY} fled last night`, sharedFields: fields });

  const move = (agent: Agent, id: string, body: Record<string, unknown>) => agent.post(api(`/referrals/${id}/transitions`)).send(body);

  it('goes draft → sent → accepted → in_progress → completed, recording who, when and why', async () => {
    const { kase } = await survivorFile();
    const draft = (await request(kase.id).expect(201)).body;
    expect(draft).toMatchObject({ status: 'draft', serviceType: 'housing', caseNumber: kase.caseNumber });
    // The partner never sees drafts.
    await partner.get(api(`/referrals/${draft.id}`)).expect(404);
    expect((await partner.get(api('/referrals')).expect(200)).body.map((r: { id: string }) => r.id)).not.toContain(draft.id);

    await move(cw, draft.id, { to: 'sent' }).expect(403);
    const sent = (await move(coordinator, draft.id, { to: 'sent' }).expect(200)).body;
    expect(sent.status).toBe('sent');
    expect(sent.consentId).toBeTruthy();
    await move(coordinator, draft.id, { to: 'accepted' }).expect(403);
    await move(partner, draft.id, { to: 'accepted' }).expect(200);
    await move(partner, draft.id, { to: 'in_progress' }).expect(200);
    const done = (await move(partner, draft.id, { to: 'completed', outcome: 'housed', outcomeNote: 'Placed in a two-bedroom unit.' }).expect(200)).body;
    expect(done).toMatchObject({ status: 'completed', outcome: 'housed', outcomeReason: null, outcomeNote: 'Placed in a two-bedroom unit.' });
    const timeline = (await cw.get(api(`/referrals/${draft.id}/timeline`)).expect(200)).body as { fromStatus: string | null; toStatus: string; actorRole: string; actorName: string }[];
    expect(timeline.map((s) => `${s.fromStatus ?? ''}>${s.toStatus}:${s.actorRole}`)).toEqual([
      '>draft:caseworker',
      'draft>sent:coordinator',
      'sent>accepted:partner',
      'accepted>in_progress:partner',
      'in_progress>completed:partner',
    ]);
    expect(timeline[1]!.actorName).toBe(org.coordinator.displayName);
    const raw = (await t.dataSource.query('SELECT reason, outcome_note FROM referral WHERE id = $1', [draft.id]))[0];
    expect(raw.reason).toMatch(/^v1\./);
    expect(raw.outcome_note).toMatch(/^v1\./);
  });

  it('answers an invalid move with 409 and the allowed moves, and changes nothing', async () => {
    const { kase } = await survivorFile();
    const draft = (await request(kase.id).expect(201)).body;
    const res = await move(coordinator, draft.id, { to: 'completed' }).expect(409);
    expect(res.body).toMatchObject({ code: 'REFERRAL_INVALID_TRANSITION', errors: { to: ['must be one of sent, cancelled'] } });
    await move(coordinator, draft.id, { to: 'sent' }).expect(200);
    await move(partner, draft.id, { to: 'declined' }).expect(400);
    const declined = (await move(partner, draft.id, { to: 'declined', reason: 'No family units', suggestedPartnerOrgId: org.partnerOrg2.id }).expect(200)).body;
    expect(declined).toMatchObject({ status: 'declined', declineReason: 'No family units' });
    const final = await move(coordinator, draft.id, { to: 'cancelled', reason: 'too late' }).expect(409);
    expect(final.body.message).toContain('final');
    const row = await t.dataSource.getRepository(Referral).findOneByOrFail({ id: draft.id });
    expect(row.status).toBe('declined');
    expect(row.suggestedPartnerOrgId).toBe(org.partnerOrg2.id);
  });

  it('the coordinator cancels from any open state, with a reason; a caseworker may withdraw only a draft', async () => {
    const { kase } = await survivorFile();
    const a = (await request(kase.id).expect(201)).body;
    await move(cw, a.id, { to: 'cancelled', reason: 'Asked by mistake' }).expect(200);
    // Never sent, so never the partner's business.
    await partner.get(api(`/referrals/${a.id}`)).expect(404);
    expect((await partner.get(api('/referrals')).expect(200)).body.map((r: { id: string }) => r.id)).not.toContain(a.id);
    const b = (await request(kase.id).expect(201)).body;
    await move(coordinator, b.id, { to: 'sent' }).expect(200);
    await move(cw, b.id, { to: 'cancelled', reason: 'x' }).expect(403);
    await move(partner, b.id, { to: 'accepted' }).expect(200);
    await move(coordinator, b.id, { to: 'cancelled' }).expect(400);
    await move(coordinator, b.id, { to: 'cancelled', reason: 'Survivor moved to another city' }).expect(200);
  });

  describe('consent gate', () => {
    it('refuses to send without a live consent covering every shared field (422 naming it), or with an override reason', async () => {
      const { kase } = await survivorFile(['alias']);
      const draft = (await request(kase.id, ['alias', 'phone']).expect(201)).body;
      const refused = await move(coordinator, draft.id, { to: 'sent' }).expect(422);
      expect(refused.body).toMatchObject({ code: 'REFERRAL_CONSENT_MISSING' });
      // A live consent covers alias: the answer names phone, exactly, and does not claim there is no consent.
      expect(refused.body.errors).toEqual({ sharedFields: ['not covered by a live consent: phone'] });
      expect(refused.body.message).toBe("The survivor's live consent for this partner does not cover: phone");
      expect((await t.dataSource.getRepository(Referral).findOneByOrFail({ id: draft.id })).status).toBe('draft');
      await move(coordinator, draft.id, { to: 'sent', overrideReason: 'short' }).expect(400);
      const sent = (await move(coordinator, draft.id, { to: 'sent', overrideReason: 'Verbal consent by phone; paperwork follows today' }).expect(200)).body;
      expect(sent.consentOverrideReason).toBe('Verbal consent by phone; paperwork follows today');
      const history = (await cw.get(api(`/cases/${kase.id}/history`)).expect(200)).body as { subjectType: string; reason: string | null }[];
      expect(history.some((h) => h.subjectType === 'Case' && h.reason?.includes('without covering consent'))).toBe(true);
      const seen = (await partner.get(api(`/referrals/${draft.id}`)).expect(200)).body;
      expect(Object.keys(seen.survivor).sort()).toEqual(['alias', 'phone']);
    });

    it('a referral with no consent at all is refused', async () => {
      const { kase } = await survivorFile(null);
      const draft = (await request(kase.id).expect(201)).body;
      const refused = await move(coordinator, draft.id, { to: 'sent' }).expect(422);
      expect(refused.body.message).toContain('no live consent');
      expect(refused.body.errors.consent).toEqual(['there is no live consent to share with this partner organization']);
      expect(refused.body.errors.sharedFields).toEqual([`not covered by a live consent: ${draft.sharedFields.join(', ')}`]);
    });

    it('an expired consent does not count', async () => {
      const { survivor, kase } = await survivorFile(null);
      await cw
        .post(api('/consents'))
        .send({ survivorId: survivor.id, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: ['alias'], method: 'verbal', grantedAt: new Date(t.clock.now().getTime() - 86_400_000).toISOString(), expiresAt: new Date(t.clock.now().getTime() + 60_000).toISOString() })
        .expect(201);
      const draft = (await request(kase.id, ['alias']).expect(201)).body;
      t.clock.advanceMinutes(2);
      await move(coordinator, draft.id, { to: 'sent' }).expect(422);
    });
  });

  describe('partner portal', () => {
    it('shows exactly the consented fields (keys, not just values), audits the disclosure, and loses them when consent is revoked', async () => {
      const { survivor, kase, consent } = await survivorFile();
      const draft = (await request(kase.id).expect(201)).body;
      await move(coordinator, draft.id, { to: 'sent' }).expect(200);
      const seen = (await partner.get(api(`/referrals/${draft.id}`)).expect(200)).body;
      expect(Object.keys(seen).sort()).toEqual([...PARTNER_REFERRAL_KEYS].sort());
      expect(seen.survivor).toEqual({
        alias: survivor.alias,
        languages: ['es'],
        safeContactInstructions: 'Call the shelter line, ask for Ana.',
        immediateNeeds: ['shelter', 'legal'],
      });
      expect(JSON.stringify(seen)).not.toContain('Quibbleworth');
      expect(JSON.stringify(seen)).not.toContain('fled last night');
      // One row for the read: a disclosure (not a plain read) of the referral, naming the survivor it is about.
      const disclosures = await t.dataSource.getRepository(AuditEvent).find({ where: { action: 'disclose', subjectId: survivor.id } });
      expect(disclosures).toHaveLength(1);
      expect(disclosures[0]).toMatchObject({ actorId: org.partner.id, subjectType: 'Survivor', subjectIds: [draft.id] });
      expect(disclosures[0]!.fields.sort()).toEqual(['alias', 'immediateNeeds', 'languages', 'safeContactInstructions']);
      expect(disclosures[0]!.reason).toContain(org.partnerOrg.id);
      expect(disclosures[0]!.reason).toContain(consent!.id);
      expect(await t.dataSource.getRepository(AuditEvent).count({ where: { action: 'read', subjectId: draft.id, actorId: org.partner.id } })).toBe(0);
      // The inbox list carries the case number and the consented alias only: nothing else of the survivor or the case.
      const inbox = (await partner.get(api('/referrals')).expect(200)).body.find((r: { id: string }) => r.id === draft.id);
      expect(inbox.survivor).toEqual({ alias: survivor.alias });
      expect(inbox.caseNumber).toBe(kase.caseNumber);
      expect(inbox).not.toHaveProperty(['caseId']);
      expect(inbox).not.toHaveProperty(['survivorAlias']);
      expect(inbox).not.toHaveProperty(['assignedCaseworkerId']);
      // The partner cannot reach the case or the survivor directly.
      await partner.get(api(`/cases/${kase.id}`)).expect(403);
      await partner.get(api(`/survivors/${survivor.id}`)).expect(403);

      await cw.post(api(`/consents/${consent!.id}/revoke`)).send({ reason: 'She withdrew consent' }).expect(200);
      // Partner access follows its grounds (issue 11): without a live consent the referral is out of reach.
      await partner.get(api(`/referrals/${draft.id}`)).expect(404);
    });

    it('a partner of another partner org, or of another organization, sees nothing', async () => {
      const { kase } = await survivorFile();
      const draft = (await request(kase.id).expect(201)).body;
      await move(coordinator, draft.id, { to: 'sent' }).expect(200);
      const outsider = await t.dataSource.query(
        `INSERT INTO app_user (organization_id, email, display_name, role, partner_org_id, password_hash)
         SELECT organization_id, $1, 'Other Partner', 'partner', $2, password_hash FROM app_user WHERE id = $3 RETURNING id`,
        [`p2-${Date.now()}@example.test`, org.partnerOrg2.id, org.partner.id],
      );
      const otherPartner = await signIn(t, { email: (await t.dataSource.query('SELECT email FROM app_user WHERE id = $1', [outsider[0].id]))[0].email });
      await otherPartner.get(api(`/referrals/${draft.id}`)).expect(404);
      expect((await otherPartner.get(api('/referrals')).expect(200)).body).toEqual([]);
      await move(otherPartner, draft.id, { to: 'accepted' }).expect(404);
      const foreign = await signIn(t, other.partner);
      await foreign.get(api(`/referrals/${draft.id}`)).expect(404);
      expect((await t.dataSource.getRepository(Referral).findOneByOrFail({ id: draft.id })).status).toBe('sent');
    });

    it('partners update their own capacity and accepting flag', async () => {
      const current = (await partner.get(api(`/partner-orgs/${org.partnerOrg.id}`)).expect(200)).body;
      const res = await partner.patch(api(`/partner-orgs/${org.partnerOrg.id}`)).send({ capacity: 7, version: current.version }).expect(200);
      expect(res.body.capacity).toBe(7);
    });
  });

  describe('notifications', () => {
    it('tells the partner of a new referral, the coordinator and caseworker of the answer, and nobody anything personal', async () => {
      const { kase } = await survivorFile();
      const draft = (await request(kase.id).expect(201)).body;
      const before = (await partner.get(api('/notifications/unread-count')).expect(200)).body.count;
      await move(coordinator, draft.id, { to: 'sent' }).expect(200);
      expect((await partner.get(api('/notifications/unread-count')).set('X-Lantern-Background', '1').expect(200)).body.count).toBe(before + 1);
      const [newest] = (await partner.get(api('/notifications')).query({ filter: '{"unread":true}' }).expect(200)).body;
      expect(newest).toMatchObject({ kind: 'referral_received', referralId: draft.id, title: 'New housing referral (urgent)' });
      await move(partner, draft.id, { to: 'accepted' }).expect(200);
      for (const user of [org.coordinator, org.caseworker]) {
        const rows = await t.dataSource.getRepository(Notification).find({ where: { userId: user.id, referralId: draft.id } });
        expect(rows.map((r) => r.kind)).toContain('referral_response');
        expect(rows[0]!.title).toContain(kase.caseNumber as string);
      }
      const all = await t.dataSource.getRepository(Notification).find({ where: { referralId: draft.id } });
      expect(JSON.stringify(all)).not.toContain('Quibbleworth');
      const outbox = await t.dataSource.getRepository(NotificationOutbox).find({ where: { notificationId: all[0]!.id } });
      expect(outbox[0]).toMatchObject({ status: 'pending', subject: 'Lantern: you have a new notification' });
      await partner.post(api(`/notifications/${newest.id}/read`)).expect(200);
      await cw.post(api(`/notifications/${newest.id}/read`)).expect(404);
      await partner.post(api('/notifications/read-all')).expect(200);
      expect((await partner.get(api('/notifications/unread-count')).expect(200)).body.count).toBe(0);
    });

    it("each reader gets the title in the language on her account: Spanish for the partner, English for the program", async () => {
      await partner.patch(api('/auth/me')).send({ locale: 'es' }).expect(200);
      try {
        const { kase } = await survivorFile();
        const draft = (await request(kase.id).expect(201)).body;
        await move(coordinator, draft.id, { to: 'sent' }).expect(200);
        const [received] = (await partner.get(api('/notifications')).query({ filter: '{"unread":true}' }).expect(200)).body;
        expect(received).toMatchObject({ kind: 'referral_received', referralId: draft.id, title: 'Nueva derivación: vivienda (urgente)' });
        await move(partner, draft.id, { to: 'accepted' }).expect(200);
        const [answer] = await t.dataSource.getRepository(Notification).find({ where: { userId: org.coordinator.id, referralId: draft.id, kind: 'referral_response' } });
        expect(answer!.title).toBe(`${org.partnerOrg.name} accepted the housing referral for ${kase.caseNumber}`);
        await move(partner, draft.id, { to: 'in_progress' }).expect(200);
        // The caseworker switches to Spanish: the next title she gets is in Spanish.
        await cw.patch(api('/auth/me')).send({ locale: 'es' }).expect(200);
        await move(partner, draft.id, { to: 'completed', outcome: 'housed', outcomeNote: 'Moved in.' }).expect(200);
        const [done] = await t.dataSource.getRepository(Notification).find({ where: { userId: org.caseworker.id, referralId: draft.id }, order: { createdAt: 'DESC' }, take: 1 });
        expect(done!.title).toBe(`${org.partnerOrg.name} completó la derivación de vivienda del caso ${kase.caseNumber}`);
      } finally {
        await partner.patch(api('/auth/me')).send({ locale: 'en' }).expect(200);
        await cw.patch(api('/auth/me')).send({ locale: 'en' }).expect(200);
      }
    });

    it('flags and announces a referral with no partner answer after 48 hours, once', async () => {
      const { kase } = await survivorFile();
      const draft = (await request(kase.id).expect(201)).body;
      await move(coordinator, draft.id, { to: 'sent' }).expect(200);
      const overdue = t.app.get((await import('./overdue-referrals.js')).OverdueReferralsJob);
      expect((await coordinator.get(api('/referrals')).query({ filter: JSON.stringify({ overdue: true, id: [draft.id] }) }).expect(200)).body).toEqual([]);
      t.clock.advance(49 * 3_600_000);
      const fresh = await signIn(t, org.coordinator);
      const board = (await fresh.get(api('/referrals')).query({ filter: JSON.stringify({ overdue: true, open: true }) }).expect(200)).body;
      expect(board.find((r: { id: string }) => r.id === draft.id)).toMatchObject({ overdue: true });
      expect(await overdue.notifyOverdue()).toBeGreaterThan(0);
      await overdue.notifyOverdue();
      const notices = await t.dataSource.getRepository(Notification).find({ where: { referralId: draft.id, kind: 'referral_overdue' } });
      expect(notices.map((n) => n.userId).sort()).toEqual(expect.arrayContaining([org.coordinator.id, org.caseworker.id]));
      expect(notices.filter((n) => n.userId === org.coordinator.id)).toHaveLength(1);
      cw = await signIn(t, org.caseworker);
      coordinator = fresh;
      partner = await signIn(t, org.partner);
    });
  });

  describe('board, directory and matching', () => {
    it('filters the board by partner, service type and caseworker', async () => {
      const { kase } = await survivorFile();
      const draft = (await request(kase.id).expect(201)).body;
      const byCaseworker = (await coordinator.get(api('/referrals')).query({ filter: JSON.stringify({ assignedCaseworkerId: org.caseworker.id, serviceType: 'housing', partnerOrgId: org.partnerOrg.id }), range: '[0,99]' }).expect(200)).body;
      expect(byCaseworker.map((r: { id: string }) => r.id)).toContain(draft.id);
      const none = (await coordinator.get(api('/referrals')).query({ filter: JSON.stringify({ assignedCaseworkerId: org.caseworker2.id, id: [draft.id] }) }).expect(200)).body;
      expect(none).toEqual([]);
      await coordinator.get(api('/referrals')).query({ filter: '{"overdue":"yes"}' }).expect(400);
    });

    it('the board\'s open filter: open referrals oldest first, or only the finished ones; anything but a boolean is a 400 naming it', async () => {
      const { kase } = await survivorFile();
      const older = (await request(kase.id).expect(201)).body;
      const newer = (await request(kase.id).expect(201)).body;
      const finished = (await request(kase.id).expect(201)).body;
      await move(cw, finished.id, { to: 'cancelled', reason: 'Asked by mistake' }).expect(200);
      const ids = [older.id, newer.id, finished.id];
      const board = async (open: boolean) =>
        ((await coordinator.get(api('/referrals')).query({ filter: JSON.stringify({ open, id: ids }), sort: JSON.stringify(['createdAt', 'ASC']) }).expect(200)).body as { id: string; status: string }[]).map((r) => r.id);
      // Twice each: the first builds the list's SQL, the second runs it as kept (access/records/kept-lists.ts).
      for (let round = 0; round < 2; round++) {
        expect(await board(true)).toEqual([older.id, newer.id]);
        expect(await board(false)).toEqual([finished.id]);
      }
      const bad = await coordinator.get(api('/referrals')).query({ filter: JSON.stringify({ open: 'yes' }) }).expect(400);
      expect(Object.keys(bad.body.errors)).toEqual(['filter.open']);
      // The board's partial index holds exactly the statuses its filter names (migrations/1797270000000-OpenReferralIndex.ts).
      const [index] = (await t.dataSource.query(`SELECT pg_get_expr(i.indpred, i.indrelid) AS predicate FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'ix_referral_open_created'`)) as { predicate: string }[];
      expect([...index!.predicate.matchAll(/'([a-z_]+)'/g)].map((m) => m[1])).toEqual([...OPEN_REFERRAL_STATUSES]);
    });

    it('suggests partners that offer the service, accept, have room and speak the survivor\'s language, best first', async () => {
      const admin = await signIn(t, org.admin);
      const spanish = (await admin.post(api('/partner-orgs')).send({ name: `Casa Segura ${Date.now()}`, serviceTypes: ['housing'], capacity: 3, languages: ['es'] }).expect(201)).body;
      const full = (await admin.post(api('/partner-orgs')).send({ name: `Full House ${Date.now()}`, serviceTypes: ['housing'], capacity: 0, languages: ['es'] }).expect(201)).body;
      const { kase } = await survivorFile();
      const list = (await cw.get(api('/referrals/suggestions')).query({ caseId: kase.id, serviceType: 'housing' }).expect(200)).body as { partnerOrgId: string; matchedLanguages: string[] }[];
      expect(list[0]).toMatchObject({ partnerOrgId: spanish.id, matchedLanguages: ['es'] });
      expect(list.map((s) => s.partnerOrgId)).not.toContain(full.id);
      expect(list.map((s) => s.partnerOrgId)).not.toContain(org.partnerOrg2.id);
      const directory = (await coordinator.get(api('/partner-orgs/directory')).expect(200)).body as { id: string; openReferrals: number; acceptanceRate: number | null }[];
      expect(directory.find((d) => d.id === org.partnerOrg.id)!.acceptanceRate).not.toBeNull();
      await partner.get(api('/partner-orgs/directory')).expect(200);
      await (await signIn(t, org.analyst)).get(api('/partner-orgs/directory')).expect(403);
    });
  });

  describe('reads go through the record-access layer', () => {
    const lastAudit = async (actorId: string, action: string) =>
      (await t.dataSource.getRepository(AuditEvent).find({ where: { actorId, action: action as AuditEvent['action'] }, order: { seq: 'DESC' }, take: 1 }))[0];

    it('the board, a caseworker\'s list and the partner inbox are each audited as one row naming every referral returned', async () => {
      const { kase } = await survivorFile();
      const a = (await request(kase.id).expect(201)).body;
      const b = (await request(kase.id).expect(201)).body;
      await move(coordinator, b.id, { to: 'sent' }).expect(200);

      const board = (await coordinator.get(api('/referrals')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200)).body as { id: string; reason?: string }[];
      expect(board.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(board.every((r) => !('reason' in r))).toBe(true);
      const listed = await lastAudit(org.coordinator.id, 'list');
      expect(listed).toMatchObject({ subjectType: 'Referral' });
      expect(listed!.subjectIds!.sort()).toEqual([a.id, b.id].sort());

      const mine = (await cw.get(api('/referrals')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(200)).body as { id: string; caseNumber: string }[];
      expect(mine.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
      expect(mine[0]!.caseNumber).toBe(kase.caseNumber);
      expect((await lastAudit(org.caseworker.id, 'list'))!.subjectIds!.sort()).toEqual([a.id, b.id].sort());

      const inbox = (await partner.get(api('/referrals')).query({ filter: JSON.stringify({ id: [a.id, b.id] }) }).expect(200)).body as { id: string }[];
      expect(inbox.map((r) => r.id)).toEqual([b.id]);
      const partnerRow = await lastAudit(org.partner.id, 'list');
      expect(partnerRow).toMatchObject({ subjectType: 'Referral', subjectIds: [b.id] });
      expect(partnerRow!.fields).not.toContain('caseId');
      // A partner may not filter on what it may not read (which referrals share a case, whose caseload).
      await partner.get(api('/referrals')).query({ filter: JSON.stringify({ caseId: kase.id }) }).expect(400);
      await partner.get(api('/referrals')).query({ filter: JSON.stringify({ assignedCaseworkerId: org.caseworker.id }) }).expect(400);
    });

    it('opening a referral and its timeline are audited reads; staff see the reason, a caseworker edits her own drafts only', async () => {
      const { kase } = await survivorFile();
      const draft = (await request(kase.id).expect(201)).body;
      const opened = (await cw.get(api(`/referrals/${draft.id}`)).expect(200)).body;
      expect(opened).toMatchObject({ id: draft.id, reason: `Needs housing; ${CANARY} fled last night`, caseNumber: kase.caseNumber, assignedCaseworkerId: org.caseworker.id });
      expect(await lastAudit(org.caseworker.id, 'read')).toMatchObject({ subjectType: 'Referral', subjectId: draft.id });
      await cw.get(api(`/referrals/${draft.id}/timeline`)).expect(200);
      expect(await lastAudit(org.caseworker.id, 'list')).toMatchObject({ subjectType: 'Referral', subjectIds: [draft.id], fields: ['timeline'] });

      const edited = (await cw.patch(api(`/referrals/${draft.id}`)).send({ urgency: 'emergency', version: opened.version }).expect(200)).body;
      expect(edited.urgency).toBe('emergency');
      await cw.patch(api(`/referrals/${draft.id}`)).send({ urgency: 'routine', version: opened.version }).expect(409);
      const cw2 = await signIn(t, org.caseworker2);
      await cw2.get(api(`/referrals/${draft.id}`)).expect(404);
      await cw2.patch(api(`/referrals/${draft.id}`)).send({ urgency: 'routine', version: edited.version }).expect(404);
      expect(await lastAudit(org.caseworker2.id, 'denied')).toMatchObject({ subjectType: 'Referral', subjectId: draft.id });
      await move(coordinator, draft.id, { to: 'sent' }).expect(200);
      const sent = (await cw.get(api(`/referrals/${draft.id}`)).expect(200)).body;
      await cw.patch(api(`/referrals/${draft.id}`)).send({ urgency: 'routine', version: sent.version }).expect(403);
      await coordinator.patch(api(`/referrals/${draft.id}`)).send({ urgency: 'routine', version: sent.version }).expect(409);
    });
  });

  describe('re-routing: one move, one transaction, two linked referrals', () => {
    const reroute = (agent: Agent, id: string, body: Record<string, unknown>) => agent.post(api(`/referrals/${id}/reroute`)).send(body);
    const audits = (subjectId: string) => t.dataSource.getRepository(AuditEvent).find({ where: { subjectId }, order: { seq: 'ASC' } });
    let seq = 0;
    /** Another housing and training partner of the program, accepting referrals. */
    const anotherPartner = async () => {
      const admin = await signIn(t, org.admin);
      return (await admin.post(api('/partner-orgs')).send({ name: `Bridge ${Date.now()}-${seq++}`, serviceTypes: ['housing', 'vocational'], capacity: 4 }).expect(201)).body as { id: string };
    };

    it('an open referral is cancelled and a linked draft goes to another partner; both audited; the first partner is told', async () => {
      const { kase } = await survivorFile();
      const bridge = await anotherPartner();
      const first = (await request(kase.id).expect(201)).body;
      await move(coordinator, first.id, { to: 'sent' }).expect(200);
      await move(partner, first.id, { to: 'accepted' }).expect(200);

      // A caseworker may not re-route what the partner has accepted (audited); the reason is required.
      await reroute(cw, first.id, { partnerOrgId: bridge.id, rerouteReason: 'They are full' }).expect(403);
      expect((await audits(first.id)).some((a) => a.action === 'denied' && a.actorId === org.caseworker.id)).toBe(true);
      await reroute(coordinator, first.id, { partnerOrgId: bridge.id }).expect(400);
      await reroute(partner, first.id, { partnerOrgId: bridge.id, rerouteReason: 'x' }).expect(403);

      const created = await reroute(coordinator, first.id, { partnerOrgId: bridge.id, serviceType: 'vocational', rerouteReason: 'No room until next month' }).expect(201);
      const fresh = created.body;
      expect(fresh).toMatchObject({
        status: 'draft',
        partnerOrgId: bridge.id,
        serviceType: 'vocational',
        urgency: 'urgent',
        sharedFields: first.sharedFields,
        reason: `Needs housing; ${CANARY} fled last night`,
        reroutedFromId: first.id,
        reroutedToId: null,
        caseNumber: kase.caseNumber,
      });
      const old = (await coordinator.get(api(`/referrals/${first.id}`)).expect(200)).body;
      expect(old).toMatchObject({ status: 'cancelled', reroutedToId: fresh.id, reroutedFromId: null });
      expect(old.cancelledAt).toBeTruthy();
      // The reason is encrypted again under the new referral's own id.
      const raw = (await t.dataSource.query('SELECT reason FROM referral WHERE id = $1', [fresh.id]))[0];
      expect(raw.reason).toMatch(/^v1\./);

      const oldTimeline = (await coordinator.get(api(`/referrals/${first.id}/timeline`)).expect(200)).body as { fromStatus: string; toStatus: string; reason: string }[];
      expect(oldTimeline.at(-1)).toMatchObject({ fromStatus: 'accepted', toStatus: 'cancelled', reason: 'No room until next month' });
      const newTimeline = (await coordinator.get(api(`/referrals/${fresh.id}/timeline`)).expect(200)).body as { fromStatus: string | null; toStatus: string }[];
      expect(newTimeline.map((e) => `${e.fromStatus ?? ''}>${e.toStatus}`)).toEqual(['>draft']);

      const oldAudit = await audits(first.id);
      expect(oldAudit.filter((a) => a.action === 'transition').at(-1)).toMatchObject({
        actorId: org.coordinator.id,
        fields: ['cancelledAt', 'reroutedToId', 'status'],
        reason: `accepted → cancelled, re-routed to referral ${fresh.id}`,
      });
      expect((await audits(fresh.id)).find((a) => a.action === 'create')).toMatchObject({ actorId: org.coordinator.id, reason: `re-routed from referral ${first.id}` });

      const notices = await t.dataSource.getRepository(Notification).find({ where: { referralId: first.id, userId: org.partner.id, kind: 'referral_update' } });
      expect(notices.map((n) => n.title)).toEqual(['A housing referral was withdrawn']);
      // The partner is told of the withdrawal, and the cancelled referral is out of its reach (issue 11).
      await partner.get(api(`/referrals/${first.id}`)).expect(404);

      // Cancelled is final: no second re-route.
      expect((await reroute(coordinator, first.id, { partnerOrgId: bridge.id, rerouteReason: 'again' }).expect(409)).body.code).toBe('REFERRAL_INVALID_TRANSITION');
    });

    it('a declined referral stays declined and is linked; a caseworker asks for another partner once', async () => {
      const { kase } = await survivorFile();
      const bridge = await anotherPartner();
      const first = (await request(kase.id).expect(201)).body;
      await move(coordinator, first.id, { to: 'sent' }).expect(200);
      await move(partner, first.id, { to: 'declined', reason: 'No family rooms' }).expect(200);
      // A draft is edited, not re-routed.
      const draft = (await request(kase.id).expect(201)).body;
      expect((await reroute(cw, draft.id, { partnerOrgId: bridge.id }).expect(409)).body.code).toBe('REFERRAL_INVALID_TRANSITION');
      // The caseworker may not send it herself.
      await reroute(cw, first.id, { partnerOrgId: bridge.id, send: true }).expect(403);

      const fresh = (await reroute(cw, first.id, { partnerOrgId: bridge.id, urgency: 'emergency', reason: null }).expect(201)).body;
      expect(fresh).toMatchObject({ status: 'draft', urgency: 'emergency', reason: null, reroutedFromId: first.id });
      const old = (await cw.get(api(`/referrals/${first.id}`)).expect(200)).body;
      expect(old).toMatchObject({ status: 'declined', declineReason: 'No family rooms', reroutedToId: fresh.id });
      expect((await audits(first.id)).filter((a) => a.action === 'update')).toEqual([
        expect.objectContaining({ actorId: org.caseworker.id, fields: ['reroutedToId'], reason: `re-routed to referral ${fresh.id}` }),
      ]);
      const timeline = (await cw.get(api(`/referrals/${fresh.id}/timeline`)).expect(200)).body as { reason: string | null; actorRole: string }[];
      expect(timeline).toEqual([expect.objectContaining({ reason: 'requested by the caseworker', actorRole: 'caseworker' })]);

      const again = await reroute(coordinator, first.id, { partnerOrgId: bridge.id }).expect(409);
      expect(again.body.code).toBe('REFERRAL_ALREADY_REROUTED');
      // The caseworker of another caseload does not reach it at all.
      await reroute(await signIn(t, org.caseworker2), first.id, { partnerOrgId: bridge.id }).expect(404);
    });

    it('sent at once when the coordinator asks and a consent covers it; refused without one, changing nothing', async () => {
      const { survivor, kase } = await survivorFile();
      const bridge = await anotherPartner();
      const first = (await request(kase.id).expect(201)).body;
      await move(coordinator, first.id, { to: 'sent' }).expect(200);
      const before = await t.dataSource.getRepository(Referral).count();

      const refused = await reroute(coordinator, first.id, { partnerOrgId: bridge.id, rerouteReason: 'Closer to her school', send: true }).expect(422);
      expect(refused.body).toMatchObject({ code: 'REFERRAL_CONSENT_MISSING' });
      expect(await t.dataSource.getRepository(Referral).count()).toBe(before);
      expect(await t.dataSource.getRepository(Referral).findOneByOrFail({ id: first.id })).toMatchObject({ status: 'sent', reroutedToId: null });

      await cw
        .post(api('/consents'))
        .send({ survivorId: survivor.id, caseId: kase.id, purpose: 'share_with_partner', partnerOrgId: bridge.id, sharedFields: first.sharedFields, method: 'written' })
        .expect(201);
      const { version } = (await coordinator.get(api(`/referrals/${first.id}`)).expect(200)).body;
      const fresh = (await reroute(coordinator, first.id, { partnerOrgId: bridge.id, rerouteReason: 'Closer to her school', send: true, version }).expect(201)).body;
      expect(fresh).toMatchObject({ status: 'sent', reroutedFromId: first.id });
      expect(fresh.sentAt).toBeTruthy();
      expect(fresh.consentId).toBeTruthy();
      const timeline = (await coordinator.get(api(`/referrals/${fresh.id}/timeline`)).expect(200)).body as { fromStatus: string | null; toStatus: string }[];
      expect(timeline.map((e) => `${e.fromStatus ?? ''}>${e.toStatus}`)).toEqual(['>draft', 'draft>sent']);
      expect((await t.dataSource.getRepository(Referral).findOneByOrFail({ id: first.id })).status).toBe('cancelled');
    });

    it('a refused re-route changes nothing (a partner that cannot take it, a stale version)', async () => {
      const { kase } = await survivorFile();
      const first = (await request(kase.id).expect(201)).body;
      const sent = (await move(coordinator, first.id, { to: 'sent' }).expect(200)).body;
      const before = await t.dataSource.getRepository(Referral).count();
      const full = await reroute(coordinator, first.id, { partnerOrgId: org.partnerOrg2.id, serviceType: 'vocational', rerouteReason: 'Try training' }).expect(400);
      expect(full.body.errors).toHaveProperty(['partnerOrgId']);
      const bridge = await anotherPartner();
      await reroute(coordinator, first.id, { partnerOrgId: bridge.id, rerouteReason: 'Try training', version: sent.version - 1 }).expect(409);
      await reroute(coordinator, first.id, { partnerOrgId: other.partnerOrg.id, rerouteReason: 'Try training' }).expect(400);
      expect(await t.dataSource.getRepository(Referral).count()).toBe(before);
      expect(await t.dataSource.getRepository(Referral).findOneByOrFail({ id: first.id })).toMatchObject({ status: 'sent', version: sent.version, reroutedToId: null });
    });
  });

  describe('closing a case cancels its open referrals through the workflow', () => {
    it('a caseworker closing with cancelOpenReferrals may not cancel an accepted referral: 409 naming it (id and status only), nothing written', async () => {
      const { kase } = await survivorFile();
      const accepted = (await request(kase.id).expect(201)).body;
      await move(coordinator, accepted.id, { to: 'sent' }).expect(200);
      await move(partner, accepted.id, { to: 'accepted' }).expect(200);
      const sent = (await request(kase.id).expect(201)).body;
      await move(coordinator, sent.id, { to: 'sent' }).expect(200);
      const draft = (await request(kase.id).expect(201)).body;
      await cw
        .post(api('/outcomes'))
        .send({ caseId: kase.id, stage: 'exit', assessedOn: t.clock.now().toISOString().slice(0, 10), housingSituation: 410, safetyRating: 4 })
        .expect(201);
      // The close dialog's check names them beforehand, to the caseworker only.
      const check = (await cw.get(api(`/cases/${kase.id}/closure-check`)).expect(200)).body;
      expect(check.referralsNotYours).toEqual([
        { id: accepted.id, status: 'accepted' },
        { id: sent.id, status: 'sent' },
      ]);
      expect((await coordinator.get(api(`/cases/${kase.id}/closure-check`)).expect(200)).body.referralsNotYours).toEqual([]);
      const auditBefore = await t.dataSource.getRepository(AuditEvent).count();
      const res = await cw.post(api(`/cases/${kase.id}/close`)).send({ closureReason: 'completed_plan', exitDestination: 410, cancelOpenReferrals: true }).expect(409);
      expect(res.body.code).toBe('CASE_CLOSURE_REFERRALS_NOT_YOURS');
      expect(res.body.errors).toEqual({ referrals: [`${accepted.id} is accepted`, `${sent.id} is sent`] });
      expect(res.body.errors.referrals.join()).not.toContain(draft.id);
      expect(JSON.stringify(res.body)).not.toContain(CANARY);
      expect(JSON.stringify(res.body)).not.toContain(kase.caseNumber);
      // Nothing half-written: every referral as it was, the case open, one denial audited and nothing else.
      for (const [id, status] of [[accepted.id, 'accepted'], [sent.id, 'sent'], [draft.id, 'draft']]) {
        expect((await t.dataSource.getRepository(Referral).findOneByOrFail({ id })).status).toBe(status);
      }
      expect((await cw.get(api(`/cases/${kase.id}`)).expect(200)).body.status).not.toBe('closed');
      const written = await t.dataSource.getRepository(AuditEvent).find({ order: { seq: 'ASC' }, skip: auditBefore });
      expect(written.filter((a) => a.actorId === org.caseworker.id && a.action !== 'read' && a.action !== 'list')).toEqual([
        expect.objectContaining({ action: 'denied', subjectType: 'Case', subjectId: kase.id }),
      ]);
      // The coordinator may cancel them all, and closes the case.
      await coordinator.post(api(`/cases/${kase.id}/close`)).send({ closureReason: 'completed_plan', exitDestination: 410, cancelOpenReferrals: true }).expect(200);
      for (const id of [accepted.id, sent.id, draft.id]) expect((await t.dataSource.getRepository(Referral).findOneByOrFail({ id })).status).toBe('cancelled');
    });

    it('the partner is told with the one text of a withdrawal; the rows and the audit name the closure', async () => {
      const { kase } = await survivorFile();
      const sent = (await request(kase.id).expect(201)).body;
      await move(coordinator, sent.id, { to: 'sent' }).expect(200);
      const draft = (await request(kase.id).expect(201)).body;
      await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: 'exit', assessedOn: t.clock.now().toISOString().slice(0, 10), housingSituation: 410, safetyRating: 4 }).expect(201);
      await coordinator.post(api(`/cases/${kase.id}/close`)).send({ closureReason: 'completed_plan', exitDestination: 410, cancelOpenReferrals: true }).expect(200);
      for (const id of [sent.id, draft.id]) {
        expect((await t.dataSource.getRepository(Referral).findOneByOrFail({ id })).status).toBe('cancelled');
        const timeline = (await cw.get(api(`/referrals/${id}/timeline`)).expect(200)).body as { toStatus: string; reason: string; actorRole: string }[];
        expect(timeline.at(-1)).toMatchObject({ toStatus: 'cancelled', reason: 'the case was closed', actorRole: 'coordinator' });
        expect((await t.dataSource.getRepository(AuditEvent).find({ where: { subjectId: id, action: 'transition' }, order: { seq: 'DESC' }, take: 1 }))[0]!.reason).toMatch(/→ cancelled: the case was closed$/);
      }
      const withdrawn = await t.dataSource.getRepository(Notification).find({ where: { referralId: sent.id, kind: 'referral_update' } });
      expect(withdrawn.map((n) => [n.userId, n.title])).toEqual([[org.partner.id, 'A housing referral was withdrawn']]);
      expect(await t.dataSource.getRepository(Notification).count({ where: { referralId: draft.id } })).toBe(0);
    });
  });

  describe('partner portal (issue 13)', () => {
    const inboxRow = async (id: string) => (await partner.get(api('/referrals')).expect(200)).body.find((r: { id: string }) => r.id === id);

    it('inbox rows carry the case number, and the alias only while a live consent for this partner covers it', async () => {
      // Shared and consented: the alias shows.
      const covered = await survivorFile(['alias', 'languages']);
      const a = (await request(covered.kase.id, ['alias', 'languages']).expect(201)).body;
      await move(coordinator, a.id, { to: 'sent' }).expect(200);
      expect(await inboxRow(a.id)).toMatchObject({ caseNumber: covered.kase.caseNumber, survivor: { alias: covered.survivor.alias } });

      // Consented but not shared by this referral, or shared under a coordinator's override only: no alias.
      const notShared = await survivorFile(['alias', 'languages']);
      const b = (await request(notShared.kase.id, ['languages']).expect(201)).body;
      await move(coordinator, b.id, { to: 'sent' }).expect(200);
      const override = await survivorFile(null);
      const c = (await request(override.kase.id, ['alias']).expect(201)).body;
      await move(coordinator, c.id, { to: 'sent', overrideReason: 'Imminent danger, survivor agreed by phone' }).expect(200);
      for (const [id, kase] of [
        [b.id, notShared.kase],
        [c.id, override.kase],
      ] as const) {
        const row = await inboxRow(id);
        expect(row.caseNumber).toBe(kase.caseNumber);
        expect(row.survivor).toEqual({});
        expect(JSON.stringify(row)).not.toContain(kase.survivorId);
      }
      expect(JSON.stringify(await inboxRow(b.id))).not.toContain(notShared.survivor.alias);
      expect(JSON.stringify(await inboxRow(c.id))).not.toContain(override.survivor.alias);

      // Staff still see the alias as before; the partner never gets the staff field.
      expect((await coordinator.get(api(`/referrals/${b.id}`)).expect(200)).body).toMatchObject({ survivorAlias: notShared.survivor.alias, caseNumber: notShared.kase.caseNumber });
      expect(await inboxRow(a.id)).not.toHaveProperty(['survivorAlias']);

      // The consent revoked: the referral, and so its row, leaves the inbox.
      await cw.post(api(`/consents/${covered.consent!.id}/revoke`)).send({ reason: 'She withdrew consent' }).expect(200);
      expect(await inboxRow(a.id)).toBeUndefined();
    });

    it("shows the referring caseworker's work contact on the referral, on the referral's grounds only", async () => {
      const { kase } = await survivorFile();
      const draft = (await request(kase.id).expect(201)).body;
      await move(coordinator, draft.id, { to: 'sent' }).expect(200);
      const seen = (await partner.get(api(`/referrals/${draft.id}`)).expect(200)).body;
      expect(seen.caseworkerContact).toEqual({ displayName: org.caseworker.displayName, email: org.caseworker.email });
      expect(seen).not.toHaveProperty(['assignedCaseworkerId']);
      // Not in the inbox list, not to another partner org.
      expect(await inboxRow(draft.id)).not.toHaveProperty(['caseworkerContact']);
      // Done: the receipt names neither the case nor its caseworker, and the referral is out of reach.
      await move(partner, draft.id, { to: 'accepted' }).expect(200);
      await move(partner, draft.id, { to: 'in_progress' }).expect(200);
      const receipt = (await move(partner, draft.id, { to: 'completed', outcome: 'services_given' }).expect(200)).body;
      expect(receipt).toMatchObject({ status: 'completed', outcome: 'services_given' });
      for (const key of ['caseworkerContact', 'caseNumber', 'survivor']) expect(receipt).not.toHaveProperty([key]);
      expect(JSON.stringify(receipt)).not.toContain(org.caseworker.email);
      await partner.get(api(`/referrals/${draft.id}`)).expect(404);
    });

    it('completing records a structured outcome (and why, when not served): 400 naming the field otherwise; staff see it', async () => {
      const { kase } = await survivorFile();
      const draft = (await request(kase.id).expect(201)).body;
      await move(coordinator, draft.id, { to: 'sent' }).expect(200);
      const bad = async (body: Record<string, unknown>, field: string) => {
        const res = await move(partner, draft.id, body).expect(400);
        expect(res.body.errors).toHaveProperty([field]);
      };
      await bad({ to: 'accepted', outcome: 'housed' }, 'outcome');
      await move(partner, draft.id, { to: 'accepted' }).expect(200);
      await move(partner, draft.id, { to: 'in_progress' }).expect(200);
      await bad({ to: 'completed', outcomeNote: 'Done' }, 'outcome');
      await bad({ to: 'completed', outcome: 'moved_away' }, 'outcome');
      await bad({ to: 'completed', outcome: 'not_served' }, 'outcomeReason');
      await bad({ to: 'completed', outcome: 'not_served', outcomeReason: 'bored' }, 'outcomeReason');
      await bad({ to: 'completed', outcome: 'housed', outcomeReason: 'no_capacity' }, 'outcomeReason');
      expect((await t.dataSource.getRepository(Referral).findOneByOrFail({ id: draft.id })).status).toBe('in_progress');
      await move(partner, draft.id, { to: 'completed', outcome: 'not_served', outcomeReason: 'no_capacity', outcomeNote: 'Full until March.' }).expect(200);
      const row = await t.dataSource.getRepository(Referral).findOneByOrFail({ id: draft.id });
      expect(row).toMatchObject({ status: 'completed', outcome: 'not_served', outcomeReason: 'no_capacity' });
      for (const agent of [coordinator, cw]) {
        const seen = (await agent.get(api(`/referrals/${draft.id}`)).expect(200)).body;
        expect(seen).toMatchObject({ outcome: 'not_served', outcomeReason: 'no_capacity', outcomeNote: 'Full until March.' });
      }
      // Staff record no outcome: the field is the partner's (an audited 403).
      const other = (await request(kase.id).expect(201)).body;
      await move(cw, other.id, { to: 'completed', outcome: 'housed' }).expect(403);
      expect((await t.dataSource.getRepository(Referral).findOneByOrFail({ id: other.id })).outcome).toBeNull();
    });

    it('a handled referral clears the calls to act on it (the partner\'s "new referral", the overdue notice); the bell drops', async () => {
      const unread = async (userId: string, referralId: string) =>
        (await t.dataSource.getRepository(Notification).find({ where: { userId, referralId } })).filter((n) => n.readAt === null).map((n) => n.kind).sort();
      const bell = async (agent: Agent) => (await agent.get(api('/notifications/unread-count')).expect(200)).body.count as number;

      // Accepted: the partner's call to act is cleared; the coordinator's news of the answer is not.
      const one = await survivorFile();
      const a = (await request(one.kase.id).expect(201)).body;
      const before = await bell(partner);
      await move(coordinator, a.id, { to: 'sent' }).expect(200);
      expect(await bell(partner)).toBe(before + 1);
      expect(await unread(org.partner.id, a.id)).toEqual(['referral_received']);
      await move(partner, a.id, { to: 'accepted' }).expect(200);
      expect(await unread(org.partner.id, a.id)).toEqual([]);
      expect(await bell(partner)).toBe(before);
      expect(await unread(org.coordinator.id, a.id)).toEqual(['referral_response']);

      // Declined and cancelled: the same.
      const b = (await request((await survivorFile()).kase.id).expect(201)).body;
      await move(coordinator, b.id, { to: 'sent' }).expect(200);
      await move(partner, b.id, { to: 'declined', reason: 'No family units' }).expect(200);
      expect(await unread(org.partner.id, b.id)).toEqual([]);
      const c = (await request((await survivorFile()).kase.id).expect(201)).body;
      await move(coordinator, c.id, { to: 'sent' }).expect(200);
      await move(coordinator, c.id, { to: 'cancelled', reason: 'Survivor moved away' }).expect(200);
      // The withdrawal is news to the partner; the call to answer is gone.
      expect(await unread(org.partner.id, c.id)).toEqual(['referral_update']);

      // Overdue, then answered: the coordinator's and caseworker's overdue notices clear too.
      const d = (await request((await survivorFile()).kase.id).expect(201)).body;
      await move(coordinator, d.id, { to: 'sent' }).expect(200);
      t.clock.advance(49 * 3_600_000);
      const overdue = t.app.get((await import('./overdue-referrals.js')).OverdueReferralsJob);
      await overdue.notifyOverdue();
      coordinator = await signIn(t, org.coordinator);
      cw = await signIn(t, org.caseworker);
      partner = await signIn(t, org.partner);
      expect(await unread(org.coordinator.id, d.id)).toEqual(['referral_overdue']);
      const coordinatorBell = await bell(coordinator);
      await move(partner, d.id, { to: 'accepted' }).expect(200);
      expect(await unread(org.coordinator.id, d.id)).toEqual(['referral_response']);
      expect(await unread(org.caseworker.id, d.id)).toEqual(['referral_response']);
      expect(await bell(coordinator)).toBe(coordinatorBell);
      // Other referrals' notifications are untouched.
      expect(await unread(org.coordinator.id, a.id)).toEqual(['referral_response']);
    });
  });

  describe('bad input: a 4xx naming the problem, nothing created', () => {
    it.each([
      ['an inactive partner', 'inactive', 'partnerOrgId', 400],
      ['a partner not accepting referrals', 'notAccepting', 'partnerOrgId', 400],
      ['a partner of another organization', 'foreign', 'partnerOrgId', 400],
      ['a service the partner does not offer', 'wrongService', 'serviceType', 400],
      ['a field that is not a survivor field', 'badField', 'sharedFields', 400],
      // CASE_CLOSED, the 409 of every change to a closed case.
      ['a closed case', 'closed', 'caseId', 409],
    ])('%s', async (_label, kind, field, status) => {
      const { kase } = await survivorFile();
      const body: Record<string, unknown> = { caseId: kase.id, partnerOrgId: org.partnerOrg.id, serviceType: 'housing', sharedFields: ['alias'] };
      const admin = await signIn(t, org.admin);
      if (kind === 'inactive' || kind === 'notAccepting') {
        const created = (await admin.post(api('/partner-orgs')).send({ name: `P ${kind} ${Date.now()}`, serviceTypes: ['housing'], capacity: 2, active: kind !== 'inactive', acceptingReferrals: kind !== 'notAccepting' }).expect(201)).body;
        body.partnerOrgId = created.id;
      }
      if (kind === 'foreign') body.partnerOrgId = other.partnerOrg.id;
      if (kind === 'wrongService') body.serviceType = 'legal';
      if (kind === 'badField') body.sharedFields = ['narrative'];
      if (kind === 'closed') await closeCase(cw, kase.id, {}, t.clock.now());
      const before = await t.dataSource.getRepository(Referral).count();
      const res = await cw.post(api('/referrals')).send(body);
      expect(res.status).toBe(status);
      expect(res.body.errors).toHaveProperty([field]);
      expect(await t.dataSource.getRepository(Referral).count()).toBe(before);
    });

    it('a caseworker cannot refer a case that is not theirs', async () => {
      const cw2 = await signIn(t, org.caseworker2);
      const { kase } = await survivorFile();
      await cw2.post(api('/referrals')).send({ caseId: kase.id, partnerOrgId: org.partnerOrg.id, serviceType: 'housing' }).expect(400);
    });
  });
});

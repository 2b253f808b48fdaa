import {
  AGREEMENT_METHODS,
  ASSESSMENT_DUE_DAYS,
  ASSESSMENT_STAGES,
  CLOSURE_REASONS,
  EDUCATION_STATUSES,
  EMPLOYMENT_STATUSES,
  GOAL_DOMAINS,
  GOAL_FINAL_STATUSES,
  GOAL_STATUSES,
  HMIS_LIVING_ONLY,
  HMIS_LIVING_SITUATIONS,
  HOUSING_CATEGORIES,
  housingCategoryOf,
  INCOME_CHANGES,
  PLAN_TYPES,
  TASK_OWNERS,
  CONSENT_METHODS,
  CONTACT_METHODS,
  CONTROL_METHODS,
  EXPLOITATION_TYPES,
  GENDERS,
  IDENTIFIED_BY,
  COUNTRY_CODES,
  TRAFFICKER_RELATIONSHIPS,
  TRAFFICKING_STATUSES,
  IMMEDIATE_NEEDS,
  NOTE_TYPES,
  RECRUITMENT_METHODS,
  OPEN_REFERRAL_STATUSES,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  REFERRAL_URGENCIES,
  riskLevelOf,
  SHAREABLE_SURVIVOR_FIELDS,
} from '@lantern/contracts';
import {
  caseworkerOfCase,
  createSyntheticFaker,
  generateCaseBundle,
  generateCases,
  planStream,
  SPAN_DAYS,
  yearsBetween,
} from './cases.js';
import { addFeaturedReferrals, consentLiveAt, referralNotifications } from './referrals.js';
import type { SyntheticPartner, SyntheticOrg } from './types.js';

const DAY = 86_400_000;
const org: SyntheticOrg = {
  organizationId: '00000000-0000-4000-8000-000000000001',
  caseworkerIds: ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-0000000000a3'],
  partnerOrgIds: ['00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000b2'],
};
const now = new Date('2026-06-15T12:00:00Z');
const bundles = generateCases(createSyntheticFaker(7), org, 600, now);
const share = (predicate: (b: (typeof bundles)[number]) => boolean) => bundles.filter(predicate).length / bundles.length;

describe('synthetic case generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateCases(createSyntheticFaker(7), org, 50, now);
    const first = generateCases(createSyntheticFaker(7), org, 50, now);
    const strip = (bs: typeof first) => bs.map((b) => ({ ...b.survivor, id: '', kase: { ...b.kase, id: '' }, narrative: b.intake.narrative, notes: b.notes.map((n) => n.body) }));
    expect(strip(again)).toEqual(strip(first));
    expect(generateCases(createSyntheticFaker(8), org, 50, now).map((b) => b.survivor.alias)).not.toEqual(first.map((b) => b.survivor.alias));
  });

  it('gives every row its own uuid', () => {
    const ids = bundles.flatMap((b) => [b.survivor.id, b.kase.id, b.intake.id, b.assignmentId, ...b.consents.map((c) => c.id), ...b.notes.map((n) => n.id), ...b.statusChanges.map((s) => s.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes obviously invented survivors with coarse demographics from the published vocabularies', () => {
    for (const { survivor: s, kase } of bundles) {
      expect(s.alias).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(s.legalName.split(' ').length).toBeGreaterThanOrEqual(2);
      expect(GENDERS).toContain(s.gender);
      expect(s.birthYear).toBe(Number(s.dateOfBirth.slice(0, 4)));
      const age = yearsBetween(s.dateOfBirth, kase.openedAt.getTime());
      expect(age).toBeGreaterThanOrEqual(14);
      expect(age).toBeLessThanOrEqual(60);
      for (const c of s.citizenship) expect(c).toMatch(/^[A-Z]{2}$/);
      for (const l of s.languages) expect(l).toMatch(/^[a-z]{2}$/);
      // Fictional contact details: the 555-01xx range and reserved example domains.
      if (s.phone) expect(s.phone).toMatch(/^\+1 \d{3} 555 01\d{2}$/);
      if (s.email) expect(s.email).toMatch(/@example\.(com|net|org)$/);
    }
    expect(share((b) => yearsBetween(b.survivor.dateOfBirth, b.kase.openedAt.getTime()) < 18)).toBeGreaterThan(0.06);
    expect(share((b) => b.survivor.gender === 'Feminine')).toBeGreaterThan(0.7);
    const domestic = share((b) => b.survivor.citizenship.includes('US'));
    expect(domestic).toBeGreaterThan(0.45);
    expect(domestic).toBeLessThan(0.7);
    for (const code of ['en', 'es', 'zh', 'tl', 'vi', 'ru', 'ro', 'th']) expect(bundles.some((b) => b.survivor.languages.includes(code))).toBe(true);
  });

  it('spreads cases over more than two years, oldest first, over every caseworker and status', () => {
    const opened = bundles.map((b) => b.kase.openedAt.getTime());
    expect(opened).toEqual([...opened].sort((a, b) => a - b));
    expect(now.getTime() - opened[0]!).toBeGreaterThan(2 * 365 * DAY);
    expect(now.getTime() - opened[0]!).toBeLessThanOrEqual(SPAN_DAYS * DAY + DAY);
    expect(opened.at(-1)!).toBeLessThanOrEqual(now.getTime());
    expect(new Set(bundles.map((b) => b.kase.assignedCaseworkerId))).toEqual(new Set(org.caseworkerIds));
    for (const status of ['intake', 'active', 'on_hold', 'closed'] as const) expect(share((b) => b.kase.status === status)).toBeGreaterThan(0.03);
    expect(share((b) => b.kase.exploitationTypes.includes('SexualExploitation'))).toBeGreaterThan(0.85);
    expect(share((b) => b.kase.exploitationTypes.includes('ForcedLabour'))).toBeGreaterThan(0.03);
    for (const { kase } of bundles) {
      expect(REFERRAL_SOURCES).toContain(kase.referralSource);
      for (const t of kase.exploitationTypes) expect(EXPLOITATION_TYPES).toContain(t);
      expect(kase.status === 'closed').toBe(kase.closedAt !== null);
      expect(kase.closureReason !== null).toBe(kase.closedAt !== null);
      expect(kase.exitDestination !== null).toBe(kase.closedAt !== null);
      if (kase.closedAt) {
        expect(kase.closedAt.getTime()).toBeGreaterThan(kase.openedAt.getTime());
        expect(kase.closedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      }
    }
  });

  it('walks each case along the allowed status path, within its life', () => {
    for (const { kase, statusChanges } of bundles) {
      let status = 'intake';
      let at = kase.openedAt.getTime();
      for (const change of statusChanges) {
        expect(change.fromStatus).toBe(status);
        expect(change.changedAt.getTime()).toBeGreaterThanOrEqual(at);
        status = change.toStatus;
        at = change.changedAt.getTime();
      }
      expect(status).toBe(kase.status);
      expect(at).toBeLessThanOrEqual((kase.closedAt ?? now).getTime());
    }
  });

  it('fills intakes from the vocabularies, with the risk level the screening gives', () => {
    for (const { intake, kase, survivor } of bundles) {
      expect(intake.riskLevel).toBe(intake.riskScreening ? riskLevelOf(intake.riskScreening) : null);
      expect(kase.riskLevel).toBe(intake.status === 'submitted' ? intake.riskLevel : null);
      if (intake.status === 'submitted') {
        expect(intake.riskScreening).not.toBeNull();
        expect(intake.identifiedBy).not.toBeNull();
        expect(intake.submittedAt!.getTime()).toBeGreaterThanOrEqual(kase.openedAt.getTime());
        expect(intake.submittedAt!.getTime()).toBeLessThanOrEqual((kase.closedAt ?? now).getTime());
      }
      const intakeDate = Date.parse(intake.intakeDate!);
      expect(intakeDate).toBeGreaterThanOrEqual(Date.parse(survivor.dateOfBirth));
      expect(intakeDate).toBeLessThanOrEqual(kase.openedAt.getTime() + 7 * DAY);
      if (intake.riskScreening) expect(intake.riskScreening.minor).toBe(yearsBetween(survivor.dateOfBirth, intakeDate) < 18);
      if (intake.identifiedBy) expect(IDENTIFIED_BY).toContain(intake.identifiedBy);
      for (const m of intake.controlMethods) expect(CONTROL_METHODS).toContain(m);
      for (const m of intake.recruitmentMethods) expect(RECRUITMENT_METHODS).toContain(m);
      for (const n of intake.immediateNeeds) expect(IMMEDIATE_NEEDS).toContain(n);
      if (intake.narrative) expect(intake.narrative).toMatch(/fictional|invented|synthetic|made up/i);
      expect(intake.narrative ?? '').not.toContain(survivor.legalName);
      // The HTCDS core (issue 17, part 2): from its vocabularies, and an age she has reached.
      if (intake.traffickingStatus) expect(TRAFFICKING_STATUSES).toContain(intake.traffickingStatus);
      if (intake.relationshipToTrafficker) expect(TRAFFICKER_RELATIONSHIPS).toContain(intake.relationshipToTrafficker);
      if (intake.forcedLabourIndustry) expect(intake.exploitationTypes).toContain('ForcedLabour');
      for (const code of [intake.recruitmentCountry, intake.exploitationCountry]) if (code) expect(COUNTRY_CODES).toContain(code);
      if (intake.ageWhenTrafficked !== null) expect(intake.ageWhenTrafficked).toBeLessThanOrEqual(yearsBetween(survivor.dateOfBirth, intakeDate));
    }
    expect(share((b) => b.intake.traffickingStatus !== null)).toBeGreaterThan(0.5);
    expect(share((b) => b.intake.ageWhenTrafficked !== null)).toBeGreaterThan(0.5);
    expect(share((b) => b.intake.status === 'submitted')).toBeGreaterThan(0.8);
    expect(share((b) => b.intake.status === 'draft')).toBeGreaterThan(0.01);
    for (const level of ['low', 'medium', 'high'] as const) expect(share((b) => b.intake.riskLevel === level)).toBeGreaterThan(0.05);
  });

  it('records 1–4 consents per survivor, anonymized reporting for about 80%, some expired or revoked', () => {
    for (const { consents, kase } of bundles) {
      expect(consents.length).toBeGreaterThanOrEqual(1);
      expect(consents.length).toBeLessThanOrEqual(4);
      expect(consents[0]!.purpose).toBe('services');
      for (const c of consents) {
        expect(CONSENT_METHODS).toContain(c.method);
        expect(c.partnerOrgId !== null).toBe(c.purpose === 'share_with_partner');
        if (c.partnerOrgId) expect(org.partnerOrgIds).toContain(c.partnerOrgId);
        for (const f of c.sharedFields) expect(SHAREABLE_SURVIVOR_FIELDS).toContain(f);
        expect(c.sharedFields.length > 0).toBe(c.purpose === 'share_with_partner');
        expect(c.grantedAt.getTime()).toBeGreaterThanOrEqual(kase.openedAt.getTime());
        expect(c.grantedAt.getTime()).toBeLessThanOrEqual(now.getTime());
        if (c.revokedAt) {
          expect(c.revokedAt.getTime()).toBeGreaterThan(c.grantedAt.getTime());
          expect(c.revokedAt.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(c.revocationReason).not.toBeNull();
        }
      }
    }
    const reporting = share((b) => b.consents.some((c) => c.purpose === 'anonymized_reporting'));
    expect(reporting).toBeGreaterThan(0.75);
    expect(reporting).toBeLessThan(0.85);
    const all = bundles.flatMap((b) => b.consents);
    expect(all.some((c) => c.expiresAt && c.expiresAt < now)).toBe(true);
    expect(all.some((c) => c.revokedAt)).toBe(true);
  });

  it('writes 1–8 fictional notes within the life of the case and tracks the last contact', () => {
    for (const { notes, kase, survivor } of bundles) {
      expect(notes.length).toBeGreaterThanOrEqual(1);
      expect(notes.length).toBeLessThanOrEqual(8);
      for (const n of notes) {
        expect(NOTE_TYPES).toContain(n.noteType);
        expect(CONTACT_METHODS).toContain(n.contactMethod);
        expect(n.occurredAt.getTime()).toBeGreaterThanOrEqual(kase.openedAt.getTime());
        expect(n.occurredAt.getTime()).toBeLessThanOrEqual((kase.closedAt ?? now).getTime());
        expect(n.body).toMatch(/^\[Synthetic\] /);
        expect(n.body).not.toContain(survivor.legalName);
      }
      const contacts = notes.filter((n) => n.contactMethod !== 'none').map((n) => n.occurredAt.getTime());
      expect(kase.lastContactAt?.getTime() ?? null).toBe(contacts.length ? Math.max(...contacts) : null);
    }
    expect(share((b) => b.notes.some((n) => n.restricted))).toBeGreaterThan(0.05);
  });

  it('refuses an organization without caseworkers', () => {
    expect(() => generateCases(createSyntheticFaker(1), { ...org, caseworkerIds: [] }, 1, now)).toThrow(/caseworker/);
  });
});

describe('synthetic referrals', () => {
  const HOUR = 3_600_000;
  const partners: SyntheticPartner[] = [
    { id: '00000000-0000-4000-8000-0000000000b1', name: 'Shelter', serviceTypes: ['housing', 'shelter'], acceptingReferrals: true, userIds: ['00000000-0000-4000-8000-0000000000c1'] },
    { id: '00000000-0000-4000-8000-0000000000b2', name: 'Legal', serviceTypes: ['legal', 'immigration'], acceptingReferrals: true, userIds: [] },
    { id: '00000000-0000-4000-8000-0000000000b3', name: 'Clinic', serviceTypes: ['medical', 'mental_health'], acceptingReferrals: true, userIds: [] },
    { id: '00000000-0000-4000-8000-0000000000b4', name: 'Night shelter', serviceTypes: ['shelter'], acceptingReferrals: false, userIds: [] },
  ];
  const coordinatorIds = ['00000000-0000-4000-8000-0000000000d1'];
  const rorg: SyntheticOrg = { ...org, partnerOrgIds: partners.map((p) => p.id), partners, coordinatorIds };
  const withReferrals = generateCases(createSyntheticFaker(7), rorg, 600, now);
  const all = withReferrals.flatMap((b) => b.referrals.map((r) => ({ b, r })));
  const part = (predicate: (x: (typeof all)[number]) => boolean, among = all) => among.filter(predicate).length / among.length;
  /** Checks every referral and lists what is wrong (one expect for thousands of rows). */
  const problems = (check: (x: (typeof all)[number], fail: (what: string) => void) => void, among = all) => {
    const out: string[] = [];
    for (const x of among) check(x, (what) => out.push(`${x.r.status} ${x.r.transitions.map((t) => t.toStatus).join('>')}: ${what}`));
    return out.slice(0, 10);
  };

  it('makes about three referrals per case, none without partners or a coordinator', () => {
    expect(all.length / withReferrals.length).toBeGreaterThan(2.7);
    expect(all.length / withReferrals.length).toBeLessThan(3.3);
    expect(Math.max(...withReferrals.map((b) => b.referrals.length))).toBe(6);
    expect(withReferrals.some((b) => b.referrals.length === 0)).toBe(true);
    expect(bundles.every((b) => b.referrals.length === 0)).toBe(true);
    expect(generateCases(createSyntheticFaker(7), { ...rorg, coordinatorIds: [] }, 50, now).every((b) => b.referrals.length === 0)).toBe(true);
  });

  it('leaves the people and cases of a seed unchanged (referrals draw from their own stream)', () => {
    const strip = (bs: typeof bundles) => bs.map((b) => ({ alias: b.survivor.alias, name: b.survivor.legalName, status: b.kase.status, opened: b.kase.openedAt, notes: b.notes.map((n) => n.body) }));
    expect(strip(withReferrals)).toEqual(strip(bundles));
  });

  it('refers to partners that offer the service, housing and shelter most', () => {
    const byId = new Map(partners.map((p) => [p.id, p]));
    expect(
      problems(({ r }, fail) => {
        const partner = byId.get(r.partnerOrgId)!;
        if (!partner.serviceTypes.includes(r.serviceType)) fail(`${partner.name} does not offer ${r.serviceType}`);
        if (!REFERRAL_URGENCIES.includes(r.urgency)) fail(`urgency ${r.urgency}`);
        if (r.suggestedPartnerOrgId) {
          const suggested = byId.get(r.suggestedPartnerOrgId);
          if (r.status !== 'declined' || r.suggestedPartnerOrgId === r.partnerOrgId || !suggested?.serviceTypes.includes(r.serviceType)) fail('suggested partner');
        }
        // Nothing waits on a partner that takes no referrals now.
        if ((r.status === 'draft' || r.status === 'sent') && !partner.acceptingReferrals) fail('waiting on a partner that takes no referrals');
      }),
    ).toEqual([]);
    expect(part(({ r }) => r.serviceType === 'housing' || r.serviceType === 'shelter')).toBeGreaterThan(0.4);
    expect(part(({ r }) => r.serviceType === 'legal')).toBeGreaterThan(0.08);
    for (const urgency of REFERRAL_URGENCIES) expect(part(({ r }) => r.urgency === urgency)).toBeGreaterThan(0.05);
    expect(part(({ r }) => r.urgency === 'routine')).toBeGreaterThan(0.5);
  });

  it('walks every referral from draft along the state machine, one transition per step, by the right people', () => {
    expect(
      problems(({ b, r }, fail) => {
        const [first, ...moves] = r.transitions;
        if (first!.fromStatus !== null || first!.toStatus !== 'draft' || first!.actorId !== b.kase.assignedCaseworkerId || first!.actorRole !== 'caseworker') fail('first step');
        let status: (typeof REFERRAL_STATUSES)[number] = 'draft';
        let at = first!.occurredAt.getTime();
        const partnerUsers = partners.find((p) => p.id === r.partnerOrgId)!.userIds;
        for (const t of moves) {
          if (t.fromStatus !== status || !REFERRAL_TRANSITIONS[status].includes(t.toStatus)) fail(`${t.fromStatus} → ${t.toStatus} after ${status}`);
          if (t.occurredAt.getTime() < at) fail(`${t.toStatus} before the step before`);
          if (t.toStatus === 'sent') {
            if (t.actorRole !== 'coordinator' || t.actorId !== coordinatorIds[0]) fail('sent by a non-coordinator');
          } else if (t.toStatus === 'cancelled') {
            if (!(t.actorRole === 'coordinator' || (status === 'draft' && t.actorRole === 'caseworker' && t.actorId === b.kase.assignedCaseworkerId))) fail('cancelled by');
          } else if (partnerUsers.length > 0 ? t.actorRole !== 'partner' || t.actorId !== partnerUsers[0] : t.actorRole !== 'coordinator') fail(`${t.toStatus} by ${t.actorRole}`);
          if ((t.toStatus === 'declined' || t.toStatus === 'cancelled') && !t.reason) fail('no reason');
          status = t.toStatus;
          at = t.occurredAt.getTime();
        }
        if (status !== r.status) fail(`ends at ${status}`);
        if (r.version !== r.transitions.length + (r.overdueNotifiedAt ? 1 : 0)) fail('version');
      }),
    ).toEqual([]);
    for (const status of REFERRAL_STATUSES) expect(part(({ r }) => r.status === status)).toBeGreaterThan(0.005);
    expect(part(({ r }) => r.status === 'completed')).toBeGreaterThan(0.3);
  });

  it('dates each step within the life of the case, before now, answers mostly within 48 hours', () => {
    expect(
      problems(({ b, r }, fail) => {
        const end = (b.kase.closedAt ?? now).getTime();
        const step = (to: string) => r.transitions.find((t) => t.toStatus === to)?.occurredAt.getTime() ?? null;
        const same = (value: Date | null, expected: number | null, what: string) => (value?.getTime() ?? null) !== expected && fail(what);
        same(r.createdAt, step('draft'), 'createdAt');
        same(r.sentAt, step('sent'), 'sentAt');
        same(r.respondedAt, step('accepted') ?? step('declined'), 'respondedAt');
        same(r.startedAt, step('in_progress'), 'startedAt');
        same(r.completedAt, step('completed'), 'completedAt');
        same(r.cancelledAt, step('cancelled'), 'cancelledAt');
        if (r.createdAt < b.kase.openedAt) fail('before the case opened');
        if (r.transitions.some((t) => t.occurredAt.getTime() > end)) fail('after the closure or now');
        if (r.updatedAt.getTime() > now.getTime() || r.updatedAt.getTime() < r.transitions.at(-1)!.occurredAt.getTime()) fail('updatedAt');
        if ((r.declineReason !== null) !== (r.status === 'declined')) fail('decline reason');
        if ((r.outcomeNote !== null) !== (r.status === 'completed')) fail('outcome note');
        if (r.outcomeNote && !r.outcomeNote.startsWith('[Synthetic] ')) fail('outcome note text');
        if ((r.outcome !== null) !== (r.status === 'completed')) fail('structured outcome');
        if (r.reason && !r.reason.startsWith('[Synthetic] ')) fail('reason text');
        // Drafts only on open cases; a closed case leaves nothing open.
        if (b.kase.status === 'closed' && OPEN_REFERRAL_STATUSES.includes(r.status)) fail('open on a closed case');
        if (r.overdueNotifiedAt) {
          const notified = r.overdueNotifiedAt.getTime();
          const next = r.transitions.find((t) => t.fromStatus === 'sent')?.occurredAt.getTime() ?? now.getTime();
          if (notified < r.sentAt!.getTime() + 48 * HOUR || notified >= next) fail('overdue notice');
        }
        // One still waiting past its deadline (and the job's ten minutes) has had its notice, as it would have
        // in a running Lantern: a load leaves the overdue job nothing to catch up on.
        if (r.status === 'sent' && now.getTime() - r.sentAt!.getTime() > 48 * HOUR + 10 * 60_000 && !r.overdueNotifiedAt) fail('overdue notice not sent');
      }),
    ).toEqual([]);
    const answered = all.filter(({ r }) => r.respondedAt);
    const within48 = part(({ r }) => r.respondedAt!.getTime() - r.sentAt!.getTime() < 48 * HOUR, answered);
    expect(within48).toBeGreaterThan(0.8);
    expect(within48).toBeLessThan(0.98);
    const overdue = all.filter(({ r }) => r.status === 'sent' && now.getTime() - r.sentAt!.getTime() > 48 * HOUR);
    expect(overdue.length).toBeGreaterThan(3);
    // Those answered late are a mix: about half had the notice before the answer came.
    const late = answered.filter(({ r }) => r.respondedAt!.getTime() - r.sentAt!.getTime() > 48 * HOUR + 10 * 60_000);
    expect(late.some(({ r }) => r.overdueNotifiedAt) && late.some(({ r }) => !r.overdueNotifiedAt)).toBe(true);
  });

  it('sends about 85% under a live covering consent recorded for the partner, the rest on a written override', () => {
    const sent = all.filter(({ r }) => r.sentAt);
    expect(
      problems(({ b, r }, fail) => {
        const sentStep = r.transitions.find((t) => t.toStatus === 'sent')!;
        if (!r.sharedFields.includes('alias') || r.sharedFields.some((f) => !SHAREABLE_SURVIVOR_FIELDS.includes(f))) fail('shared fields');
        if (r.consentOverrideReason) {
          if (sentStep.reason !== `consent override: ${r.consentOverrideReason}`) fail('override not on the transition');
          return;
        }
        if (sentStep.reason !== null) fail('sent reason');
        const consent = b.consents.find((c) => c.id === r.consentId);
        if (!consent || consent.purpose !== 'share_with_partner' || consent.partnerOrgId !== r.partnerOrgId) return fail('no consent for the partner');
        if (!consentLiveAt(consent, r.sentAt!.getTime())) fail('consent not live when sent');
        if (OPEN_REFERRAL_STATUSES.includes(r.status) && !consentLiveAt(consent, now.getTime())) fail('consent not live now');
        if (consent.grantedAt < b.kase.openedAt) fail('consent before the case');
        if (r.sharedFields.some((f) => !consent.sharedFields.includes(f))) fail('fields not covered');
      }, sent),
    ).toEqual([]);
    const overridden = part(({ r }) => r.consentOverrideReason !== null, sent);
    expect(overridden).toBeGreaterThan(0.1);
    expect(overridden).toBeLessThan(0.2);
    expect(all.filter(({ r }) => !r.sentAt && (r.consentId !== null || r.consentOverrideReason !== null))).toEqual([]);
  });

  it('fills a demo partner inbox on the newest open cases, under a live consent on the named fields', () => {
    const faker = createSyntheticFaker(11);
    const cases = generateCases(faker, rorg, 40, now);
    const fields = ['alias', 'languages', 'safeContactInstructions', 'immediateNeeds'] as const;
    const added = addFeaturedReferrals(faker, rorg, cases, partners[0]!.id, [...fields], [
      { status: 'sent', serviceType: 'housing', urgency: 'routine', sentHoursAgo: 5 },
      { status: 'sent', serviceType: 'housing', urgency: 'routine', sentHoursAgo: 60, overdueNotified: true },
      { status: 'accepted', serviceType: 'shelter', urgency: 'emergency', sentHoursAgo: 30, respondedHoursAgo: 29 },
      { status: 'in_progress', serviceType: 'housing', urgency: 'urgent', sentHoursAgo: 200, respondedHoursAgo: 190, startedHoursAgo: 150 },
    ], now);
    expect(added.map((a) => a.referral.status)).toEqual(['sent', 'sent', 'accepted', 'in_progress']);
    expect(new Set(added.map((a) => a.bundleIndex)).size).toBe(4);
    for (const { bundleIndex, referral } of added) {
      const b = cases[bundleIndex]!;
      expect(b.kase.status).not.toBe('closed');
      expect(b.referrals).toContain(referral);
      expect(referral.sharedFields).toEqual([...fields]);
      const consent = b.consents.find((c) => c.id === referral.consentId)!;
      expect(consentLiveAt(consent, now.getTime())).toBe(true);
      expect(consent.sharedFields).toEqual(expect.arrayContaining([...fields]));
      expect(referral.createdAt.getTime()).toBeGreaterThanOrEqual(b.kase.openedAt.getTime());
    }
    expect(added[1]!.referral.overdueNotifiedAt).not.toBeNull();
    expect(added[0]!.referral.overdueNotifiedAt).toBeNull();

    // The bell: the service's titles, never a person.
    const { bundleIndex, referral } = added[2]!;
    const notes = referralNotifications(referral, {
      caseId: cases[bundleIndex]!.kase.id,
      caseNumber: 'LN-2026-00012',
      caseworkerId: cases[bundleIndex]!.kase.assignedCaseworkerId,
      coordinatorIds,
      partnerName: 'Shelter',
      partnerUserIds: partners[0]!.userIds,
      since: now.getTime() - 14 * 24 * HOUR,
      now: now.getTime(),
    });
    expect(notes.map((n) => [n.kind, n.title])).toEqual([
      ['referral_received', 'New emergency shelter referral (emergency)'],
      ['referral_response', 'Shelter accepted the emergency shelter referral for LN-2026-00012'],
      ['referral_response', 'Shelter accepted the emergency shelter referral for LN-2026-00012'],
    ]);
    expect(notes.every((n) => n.readAt !== null)).toBe(true);
  });
});

describe('synthetic service plans and outcome assessments', () => {
  const partners: SyntheticPartner[] = [
    { id: '00000000-0000-4000-8000-0000000000b1', name: 'Shelter', serviceTypes: ['housing', 'shelter'], acceptingReferrals: true, userIds: ['00000000-0000-4000-8000-0000000000c1'] },
    { id: '00000000-0000-4000-8000-0000000000b2', name: 'Legal', serviceTypes: ['legal', 'immigration'], acceptingReferrals: true, userIds: [] },
    { id: '00000000-0000-4000-8000-0000000000b3', name: 'Clinic', serviceTypes: ['medical', 'mental_health'], acceptingReferrals: true, userIds: [] },
    { id: '00000000-0000-4000-8000-0000000000b5', name: 'Works', serviceTypes: ['vocational', 'education'], acceptingReferrals: true, userIds: [] },
  ];
  const porg: SyntheticOrg = { ...org, partnerOrgIds: partners.map((p) => p.id), partners, coordinatorIds: ['00000000-0000-4000-8000-0000000000d1'] };
  const cases = generateCases(createSyntheticFaker(7), porg, 1500, now);
  const today = now.toISOString().slice(0, 10);
  const isoOf = (d: Date) => d.toISOString().slice(0, 10);
  const plans = cases.flatMap((b) => b.plans.map((p) => ({ b, p })));
  const goals = plans.flatMap(({ b, p }) => p.goals.map((g) => ({ b, p, g })));
  const tasks = goals.flatMap(({ b, p, g }) => g.tasks.map((t) => ({ b, p, g, t })));
  const assessments = cases.flatMap((b) => b.assessments.map((a) => ({ b, a })));
  const ratio = <T>(among: readonly T[], predicate: (x: T) => boolean) => among.filter(predicate).length / among.length;
  function problems<T>(rows: readonly T[], check: (row: T, fail: (what: string) => void) => void): string[] {
    const out: string[] = [];
    rows.forEach((row, i) => check(row, (what) => out.push(`#${i}: ${what}`)));
    return out.slice(0, 10);
  }

  it('is deterministic for a seed and leaves cases and referrals of the seed as they were', () => {
    const strip = (bs: typeof cases) =>
      bs.map((b) => ({
        plans: b.plans.map((p) => ({ ...p, id: '', versions: p.versions.map((v) => v.revision), goals: p.goals.map((g) => [g.domain, g.status, g.description, g.tasks.map((t) => [t.owner, t.dueDate])]) })),
        assessments: b.assessments.map((a) => ({ ...a, id: '' })),
      }));
    const a = generateCases(createSyntheticFaker(7), porg, 80, now);
    const b = generateCases(createSyntheticFaker(7), porg, 80, now);
    expect(strip(a)).toEqual(strip(b));
    expect(strip(generateCases(createSyntheticFaker(9), porg, 80, now))).not.toEqual(strip(a));
    // Plans draw from their own stream: disturbing it changes the plans, not the people, cases or referrals.
    const disturbed = createSyntheticFaker(7);
    planStream(disturbed).number.float();
    const c = generateCases(disturbed, porg, 80, now);
    const people = (bs: typeof cases) => bs.map((x) => [x.survivor.alias, x.kase.status, x.kase.closedAt, x.notes.length, x.referrals.map((r) => [r.status, r.createdAt])]);
    expect(people(c)).toEqual(people(a));
    expect(strip(c)).not.toEqual(strip(a));
  });

  it('gives open cases one active plan, superseded plans before it, and closes the plan of a closed case', () => {
    expect(
      problems(cases, (b, fail) => {
        const active = b.plans.filter((p) => p.status === 'active');
        if (b.kase.status === 'closed' ? active.length > 0 : active.length > 1) fail(`${active.length} active plans on a ${b.kase.status} case`);
        if (b.kase.status === 'closed' && b.plans.length > 0 && b.plans.at(-1)!.status !== 'closed') fail('last plan of a closed case not closed');
        b.plans.forEach((p, i) => {
          if (p.planNumber !== i + 1) fail('plan number');
          if (i < b.plans.length - 1 && p.status !== 'superseded') fail('earlier plan not superseded');
          if (!PLAN_TYPES.includes(p.planType)) fail(`plan type ${p.planType}`);
          if (p.startsOn < isoOf(b.kase.openedAt) || p.startsOn > today) fail('starts outside the case');
          if (i > 0 && p.startsOn < b.plans[i - 1]!.startsOn) fail('plans out of order');
          if (p.reviewDate < p.startsOn) fail('review before start');
          if (p.agreedRevision !== null && p.agreedRevision !== p.revision && p.agreedRevision !== p.revision - 1) fail('agreed revision');
          if (p.agreedRevision === null && p.revision !== 1) fail('revised without an agreement');
          if (p.versions.map((v) => v.revision).join() !== Array.from({ length: p.agreedRevision ?? 0 }, (_, k) => k + 1).join()) fail('versions');
          if ((p.agreedAt?.getTime() ?? null) !== (p.versions.at(-1)?.createdAt.getTime() ?? null)) fail('agreedAt');
          for (const v of p.versions) {
            if (v.agreedOn < p.startsOn || v.agreedOn > today || !AGREEMENT_METHODS.includes(v.method) || v.witnessedBy !== b.kase.assignedCaseworkerId) fail('version');
            const agreed = JSON.parse(v.content) as { id: string }[];
            if (agreed.some((g) => !p.goals.some((x) => x.id === g.id))) fail('version names a goal of another plan');
          }
          if (p.updatedAt.getTime() > now.getTime() || p.updatedAt < p.createdAt) fail('updatedAt');
        });
      }),
    ).toEqual([]);
    const open = cases.filter((b) => b.kase.status === 'active' || b.kase.status === 'on_hold');
    expect(ratio(open, (b) => b.plans.some((p) => p.status === 'active'))).toBeGreaterThan(0.85);
    expect(cases.some((b) => b.kase.status === 'intake' && b.plans.length > 0)).toBe(true);
    const live = plans.filter(({ p }) => p.status === 'active');
    const overdue = ratio(live, ({ p }) => p.reviewDate < today);
    expect(overdue).toBeGreaterThan(0.05);
    expect(overdue).toBeLessThan(0.3);
    expect(ratio(live, ({ p }) => p.agreedRevision !== p.revision)).toBeGreaterThan(0.05);
    expect(ratio(plans, ({ p }) => p.status === 'superseded')).toBeGreaterThan(0.05);
    expect(ratio(plans, ({ p }) => p.revision > 1)).toBeGreaterThan(0.15);
    expect(new Set(plans.map(({ p }) => p.planType)).size).toBeGreaterThanOrEqual(8);
    expect(ratio(plans, ({ p }) => p.planType === 'SexualExploitationRehabilitation')).toBeGreaterThan(0.2);
  });

  it('sets goals across the domains with varied statuses, a date when reached, linked to referrals of their service', () => {
    expect(
      problems(goals, ({ b, p, g }, fail) => {
        if (!GOAL_DOMAINS.includes(g.domain) || !GOAL_STATUSES.includes(g.status)) fail('vocabulary');
        if (!g.description.startsWith('[Synthetic] ')) fail('description');
        if ((g.reachedOn !== null) !== GOAL_FINAL_STATUSES.includes(g.status)) fail(`reachedOn on ${g.status}`);
        if (g.reachedOn && (g.reachedOn < p.startsOn || g.reachedOn > today)) fail('reached outside the plan');
        if (g.targetDate && g.targetDate < p.startsOn) fail('target before the plan');
        if (g.createdAt.getTime() > now.getTime()) fail('created in the future');
        for (const id of g.referralIds) {
          const r = b.referrals.find((x) => x.id === id);
          if (!r) fail('links a referral of another case');
          else if (!['housing:housing', 'housing:shelter', 'legal:legal', 'legal:immigration', 'health:medical', 'mental_health:mental_health', 'employment:vocational', 'education:education', 'financial:financial', 'other:other'].includes(`${g.domain}:${r.serviceType}`)) fail(`${g.domain} goal linked to a ${r.serviceType} referral`);
        }
      }),
    ).toEqual([]);
    for (const domain of GOAL_DOMAINS) expect(goals.some(({ g }) => g.domain === domain)).toBe(true);
    for (const status of GOAL_STATUSES) expect(ratio(goals, ({ g }) => g.status === status)).toBeGreaterThan(0.03);
    expect(ratio(goals, ({ g }) => g.referralIds.length > 0)).toBeGreaterThan(0.15);
    // Plans of cases closed with their plan completed reach more goals than those of cases closed after losing contact.
    const achieved = (reason: string) => ratio(goals.filter(({ b, p }) => p.status === 'closed' && b.kase.closureReason === reason), ({ g }) => g.status === 'achieved');
    expect(achieved('completed_plan')).toBeGreaterThan(achieved('lost_contact') + 0.2);
  });

  it("gives tasks to survivor, caseworker and partner, a partner's only through a referral it took on", () => {
    expect(
      problems(tasks, ({ b, g, t }, fail) => {
        if (!TASK_OWNERS.includes(t.owner)) fail('owner');
        if ((t.owner === 'partner') !== (t.referralId !== null)) fail('partner without referral');
        if (t.referralId) {
          const r = b.referrals.find((x) => x.id === t.referralId);
          if (!r || !g.referralIds.includes(r.id)) fail('referral not linked to the goal');
          else {
            if (t.partnerOrgId !== r.partnerOrgId) fail('partner org');
            if (!r.transitions.some((s) => s.toStatus === 'accepted')) fail('partner never accepted');
          }
        } else if (t.partnerOrgId !== null) fail('partner org without referral');
        if (t.doneAt && (t.doneAt.getTime() > now.getTime() || t.doneAt < t.createdAt)) fail('doneAt');
        if (!t.description.startsWith('[Synthetic] ')) fail('description');
      }),
    ).toEqual([]);
    for (const owner of TASK_OWNERS) expect(ratio(tasks, ({ t }) => t.owner === owner)).toBeGreaterThan(0.05);
    expect(ratio(tasks, ({ t }) => t.doneAt !== null)).toBeGreaterThan(0.3);
    const openTasks = tasks.filter(({ p }) => p.status === 'active');
    const overdue = ratio(openTasks, ({ t }) => !t.doneAt && !!t.dueDate && t.dueDate < today);
    expect(overdue).toBeGreaterThan(0.03);
    expect(overdue).toBeLessThan(0.3);
  });

  it('assesses at the stages the age of the case allows, and every closed case at exit with its HMIS destination', () => {
    expect(
      problems(cases, (b, fail) => {
        const stages = b.assessments.map((a) => a.stage);
        if (new Set(stages).size !== stages.length) fail('a stage twice');
        if (stages.includes('exit') !== (b.kase.status === 'closed')) fail('exit assessment iff closed');
        const opened = isoOf(b.kase.openedAt);
        const closed = b.kase.closedAt ? isoOf(b.kase.closedAt) : null;
        for (const a of b.assessments) {
          if (a.assessedOn > today) fail('in the future');
          if (a.stage !== 'intake' && a.assessedOn < opened) fail('before the opening');
          if (closed && (a.stage === 'intake' || a.stage === 'exit') && a.assessedOn > closed) fail(`${a.stage} after the closure`);
          if (a.stage !== 'intake' && a.stage !== 'exit') {
            const due = new Date(b.kase.openedAt.getTime() + ASSESSMENT_DUE_DAYS[a.stage] * DAY - 15 * DAY);
            if (a.assessedOn < isoOf(due)) fail(`${a.stage} before it was due`);
          }
          if (a.housingSituation !== null && !(a.housingSituation in HMIS_LIVING_SITUATIONS)) fail(`housing ${a.housingSituation}`);
          if (a.employment && !EMPLOYMENT_STATUSES.includes(a.employment)) fail('employment');
          if (a.education && !EDUCATION_STATUSES.includes(a.education)) fail('education');
          if (a.incomeChange && !INCOME_CHANGES.includes(a.incomeChange)) fail('income change');
          if (a.safetyRating !== null && (a.safetyRating < 1 || a.safetyRating > 5 || !Number.isInteger(a.safetyRating))) fail('safety');
          if (a.stage === 'intake' && (a.returnedToTrafficker !== null || a.incomeChange !== null)) fail('intake');
        }
        // Income change against the latest earlier stage (in stage order) with a known income, as the API computes it.
        const ordered = [...b.assessments].sort((x, y) => ASSESSMENT_STAGES.indexOf(x.stage) - ASSESSMENT_STAGES.indexOf(y.stage));
        ordered.forEach((a, i) => {
          const before = ordered.slice(0, i).reverse().find((x) => x.monthlyIncome !== null);
          if (a.monthlyIncome === null || !before) return;
          const want = a.monthlyIncome > before.monthlyIncome! ? 'increased' : a.monthlyIncome < before.monthlyIncome! ? 'decreased' : 'same';
          if (a.incomeChange !== want) fail(`income change ${a.incomeChange}, want ${want}`);
        });
        if (b.kase.status === 'closed') {
          const exit = b.assessments.find((a) => a.stage === 'exit')!;
          if (!CLOSURE_REASONS.includes(b.kase.closureReason!)) fail(`closure reason ${b.kase.closureReason}`);
          if (!(b.kase.exitDestination! in HMIS_LIVING_SITUATIONS) || HMIS_LIVING_ONLY.includes(b.kase.exitDestination!)) fail('exit destination');
          if (exit.housingSituation !== b.kase.exitDestination) fail('exit housing is not the destination');
          if (b.referrals.some((r) => OPEN_REFERRAL_STATUSES.includes(r.status))) fail('open referral on a closed case');
        }
      }),
    ).toEqual([]);
    const old = cases.filter((b) => b.kase.status !== 'intake' && now.getTime() - b.kase.openedAt.getTime() > 400 * DAY && !b.kase.closedAt);
    for (const stage of ['intake', '90_days', '180_days', '365_days'] as const) expect(ratio(old, (b) => b.assessments.some((a) => a.stage === stage))).toBeGreaterThan(0.7);
    // Some stages are missed: the caseload shows them due.
    expect(ratio(old, (b) => b.assessments.length < 4)).toBeGreaterThan(0.1);
    const closedBy = (reason: string) => cases.filter((b) => b.kase.closureReason === reason).length;
    // Every reason of the API's vocabulary but the rarest (a death: about one closure in a hundred).
    for (const reason of CLOSURE_REASONS.filter((r) => r !== 'deceased')) expect(closedBy(reason)).toBeGreaterThan(0);
    expect(closedBy('completed_plan')).toBeGreaterThan(closedBy('lost_contact'));
  });

  it('shows most survivors better off over time, some worse, and a rare return to the trafficker', () => {
    const pairs = cases
      .map((b) => {
        const first = b.assessments.find((a) => a.stage === 'intake');
        const last = [...b.assessments].reverse().find((a) => a.stage !== 'intake' && a.safetyRating !== null);
        return first && first.safetyRating !== null && last ? { first, last } : null;
      })
      .filter((x) => x !== null);
    expect(pairs.length).toBeGreaterThan(300);
    const safer = ratio(pairs, ({ first, last }) => last.safetyRating! > first.safetyRating!);
    const lessSafe = ratio(pairs, ({ first, last }) => last.safetyRating! < first.safetyRating!);
    expect(safer).toBeGreaterThan(0.45);
    expect(lessSafe).toBeGreaterThan(0.04);
    expect(lessSafe).toBeLessThan(safer / 2);
    const permanent = (stage: string) => ratio(assessments.filter(({ a }) => a.stage === stage && a.housingSituation !== null), ({ a }) => housingCategoryOf(a.housingSituation!) === 'permanent');
    expect(permanent('365_days')).toBeGreaterThan(permanent('intake') + 0.15);
    const changes = assessments.filter(({ a }) => a.incomeChange && a.incomeChange !== 'unknown');
    for (const change of ['increased', 'same', 'decreased'] as const) expect(ratio(changes, ({ a }) => a.incomeChange === change)).toBeGreaterThan(0.05);
    expect(ratio(changes, ({ a }) => a.incomeChange === 'increased')).toBeGreaterThan(ratio(changes, ({ a }) => a.incomeChange === 'decreased'));
    for (const category of HOUSING_CATEGORIES) expect(assessments.some(({ a }) => a.housingSituation !== null && housingCategoryOf(a.housingSituation) === category)).toBe(true);
    const followUps = assessments.filter(({ a }) => a.stage !== 'intake' && a.returnedToTrafficker !== null);
    const returned = ratio(followUps, ({ a }) => a.returnedToTrafficker === true);
    expect(returned).toBeGreaterThan(0.005);
    expect(returned).toBeLessThan(0.06);
    for (const s of [1, 2, 3, 4, 5]) expect(assessments.some(({ a }) => a.safetyRating === s)).toBe(true);
    expect(new Set(assessments.map(({ a }) => a.employment)).size).toBe(EMPLOYMENT_STATUSES.length);
  });

  it('fills every quarter of the last two years with closures and assessments: large cells and small ones', () => {
    // The last eight whole calendar quarters before `now` (the anonymized metrics publish only whole quarters).
    const quarterOf = (iso: string) => `${iso.slice(0, 4)}Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
    const current = quarterOf(today);
    const quarters: string[] = [];
    for (let m = 0; quarters.length < 8; m += 3) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3 - m, 15));
      const q = quarterOf(isoOf(d));
      if (q !== current && !quarters.includes(q)) quarters.push(q);
    }
    const reporting = cases.filter((b) => b.consents.some((c) => c.purpose === 'anonymized_reporting' && !c.revokedAt));
    expect(reporting.length / cases.length).toBeGreaterThan(0.7);
    for (const q of quarters) {
      const exits = reporting.flatMap((b) => b.assessments.filter((a) => a.stage === 'exit' && quarterOf(a.assessedOn) === q));
      const followUps = reporting.flatMap((b) => b.assessments.filter((a) => a.stage !== 'intake' && a.stage !== 'exit' && quarterOf(a.assessedOn) === q));
      // Enough survivors that a quarterly table publishes numbers (≥ 11 after thresholding), with room for a breakdown.
      expect({ q, exits: exits.length >= 25, followUps: followUps.length >= 25 }).toEqual({ q, exits: true, followUps: true });
      // ...and cells small enough to be suppressed: some exit-destination category is rare in the quarter.
      const byCategory = new Map<string, number>();
      for (const a of exits) byCategory.set(housingCategoryOf(a.housingSituation!), (byCategory.get(housingCategoryOf(a.housingSituation!)) ?? 0) + 1);
      expect({ q, small: HOUSING_CATEGORIES.some((c) => (byCategory.get(c) ?? 0) <= 10) }).toEqual({ q, small: true });
    }
  });
});

describe('caseworkers named by the load (seed --caseworkers)', () => {
  const ids = Array.from({ length: 200 }, (_, i) => `cw-${i + 1}`);
  const countsOf = (total: number, list: readonly string[], heavy: number) => {
    const counts = new Map<string, number>();
    const heavyIndexes: number[] = [];
    for (let i = 0; i < total; i++) {
      const id = caseworkerOfCase(i, total, list, heavy);
      counts.set(id, (counts.get(id) ?? 0) + 1);
      if (id === list[0]) heavyIndexes.push(i);
    }
    return { counts, heavyIndexes };
  };

  it('gives the first caseworker exactly its heavy share, spread over the whole span, and the others even shares', () => {
    const { counts, heavyIndexes } = countsOf(100_000, ids, 5_000);
    expect(counts.get('cw-1')).toBe(5_000);
    expect(counts.size).toBe(200);
    const others = ids.slice(1).map((id) => counts.get(id) ?? 0);
    expect(others.reduce((a, b) => a + b, 0)).toBe(95_000);
    expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(1);
    // Evenly over time (cases are generated oldest first): one in twenty, from the first thousand to the last.
    expect(heavyIndexes[0]).toBeLessThan(20);
    expect(heavyIndexes.at(-1)).toBeGreaterThanOrEqual(100_000 - 20);
    expect(heavyIndexes.filter((i) => i < 50_000).length).toBe(2_500);
  });

  it('takes turns when there is no heavy caseworker, and keeps to the one caseworker there is', () => {
    const { counts } = countsOf(1_000, ids.slice(0, 8), 0);
    expect([...counts.values()]).toEqual(Array(8).fill(125));
    expect(countsOf(10, ['only'], 0).counts.get('only')).toBe(10);
    expect(countsOf(10, ['only', 'b'], 10).counts.get('only')).toBe(10);
  });

  it('refuses a heavy share outside 0..total and an organization without caseworkers', () => {
    expect(() => caseworkerOfCase(0, 10, ids, 11)).toThrow();
    expect(() => caseworkerOfCase(0, 10, ids, -1)).toThrow();
    expect(() => caseworkerOfCase(0, 10, [], 0)).toThrow();
  });

  it('names the caseworker of a case without changing anything else the seed makes', () => {
    const slot = { index: 3, total: 10, now };
    const random = generateCaseBundle(createSyntheticFaker(11), org, slot);
    const named = generateCaseBundle(createSyntheticFaker(11), org, { ...slot, caseworkerId: org.caseworkerIds[2]! });
    expect(named.kase.assignedCaseworkerId).toBe(org.caseworkerIds[2]);
    const strip = (b: typeof random) => ({ alias: b.survivor.alias, status: b.kase.status, openedAt: b.kase.openedAt, notes: b.notes.map((n) => n.body), consents: b.consents.length });
    expect(strip(named)).toEqual(strip(random));
  });
});

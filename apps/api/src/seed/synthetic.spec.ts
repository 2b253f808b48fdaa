import {
  CONSENT_METHODS,
  CONTACT_METHODS,
  CONTROL_METHODS,
  EXPLOITATION_TYPES,
  GENDERS,
  IDENTIFIED_BY,
  IMMEDIATE_NEEDS,
  NOTE_TYPES,
  RECRUITMENT_METHODS,
  REFERRAL_SOURCES,
  riskLevelOf,
  SHAREABLE_SURVIVOR_FIELDS,
} from '@lantern/contracts';
import { formatDuration, formatProgress, ProgressBar } from './progress-bar.js';
import { createSyntheticFaker, generateCases, SPAN_DAYS, yearsBetween, type SyntheticOrg } from './synthetic.js';

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
    }
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

describe('progress bar', () => {
  it('shows done/total, rate and time left', () => {
    expect(formatProgress(45_000, 100_000, 36.5, 'cases', 10)).toBe('[#####.....] 45,000/100,000 cases  1,233/s  ETA 0:45');
    expect(formatProgress(0, 10, 0, 'cases', 4)).toBe('[....] 0/10 cases  0/s  ETA ?');
    expect(formatDuration(3723)).toBe('1:02:03');
  });

  it('redraws in place on a terminal and prints every tenth otherwise', () => {
    const tty: string[] = [];
    const bar = new ProgressBar(100, 'cases', { isTTY: true, write: (s: string) => tty.push(s) });
    bar.update(100);
    bar.finish();
    expect(tty[0]).toMatch(/^\r\[#+\] 100\/100 cases/);
    expect(tty.at(-1)).toBe('\n');

    const log: string[] = [];
    const plain = new ProgressBar(100, 'cases', { write: (s: string) => log.push(s) });
    for (let i = 1; i <= 100; i++) plain.update(i);
    expect(log).toHaveLength(10);
    expect(log.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });
});

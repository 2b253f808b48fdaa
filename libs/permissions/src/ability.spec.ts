import { ROLES, type Role } from '@lantern/contracts';
import fc from 'fast-check';
import { asSubject, defineAbilityFor, packAbilityRules, createAbilityFromRules, unpackAbilityRules, permittedFields, defineRulesFor } from './ability.js';

const ORG = 'org-1';
const OTHER = 'org-2';
const userOf = (role: Role, extra: Partial<{ id: string; partnerOrgId: string | null }> = {}) => ({
  id: `${role}-1`,
  role,
  organizationId: ORG,
  partnerOrgId: role === 'partner' ? 'partner-org-1' : null,
  ...extra,
});
const partnerOrg = (id: string, organizationId = ORG, active = true) => asSubject('PartnerOrg', { id, organizationId, active });

describe('defineAbilityFor', () => {
  it('binds every rule with conditions to the user\'s organization', () => {
    for (const role of ROLES) {
      for (const rule of defineRulesFor(userOf(role))) {
        if (rule.subject === 'Metrics' || rule.subject === 'Jobs' || rule.subject === 'FunderReports' || rule.subject === 'Retention' || rule.subject === 'Imports' || rule.subject === 'CustomFields' || rule.subject === 'FormSettings') continue;
        expect(rule.conditions).toMatchObject({ organizationId: ORG });
      }
    }
  });

  it('partner orgs: admins manage their own organization\'s, never another\'s', () => {
    const admin = defineAbilityFor(userOf('admin'));
    expect(admin.can('create', partnerOrg('p1'))).toBe(true);
    expect(admin.can('update', partnerOrg('p1'))).toBe(true);
    expect(admin.can('read', partnerOrg('p1', OTHER))).toBe(false);
    expect(admin.can('update', partnerOrg('p1', OTHER))).toBe(false);
    expect(admin.can('delete', partnerOrg('p1'))).toBe(false);
  });

  it.each(['coordinator', 'caseworker'] as const)('partner orgs: a %s reads but does not write', (role) => {
    const ability = defineAbilityFor(userOf(role));
    expect(ability.can('read', partnerOrg('p1'))).toBe(true);
    expect(ability.can('update', partnerOrg('p1'))).toBe(false);
    expect(ability.can('create', 'PartnerOrg')).toBe(false);
    expect(ability.can('read', partnerOrg('p1', OTHER))).toBe(false);
  });

  it('consents: a coordinator records and revokes any consent of the program, and changes nothing else of one', () => {
    const coordinator = defineAbilityFor(userOf('coordinator'));
    const consent = asSubject('Consent', { organizationId: ORG, survivorId: 's1', purpose: 'share_with_partner' });
    expect(coordinator.can('create', consent)).toBe(true);
    expect(permittedFields(coordinator, 'create', 'Consent', consent).sort()).toEqual(
      ['caseId', 'expiresAt', 'grantedAt', 'method', 'partnerOrgId', 'purpose', 'sharedFields', 'survivorId'],
    );
    expect(permittedFields(coordinator, 'update', 'Consent', consent).sort()).toEqual(['revocationReason', 'revokedAt']);
    expect(coordinator.can('update', consent, 'sharedFields')).toBe(false);
    expect(coordinator.can('delete', consent)).toBe(false);
    // Never another organization's survivor.
    const elsewhere = asSubject('Consent', { organizationId: OTHER, survivorId: 's2', purpose: 'services' });
    expect(coordinator.can('create', elsewhere)).toBe(false);
    expect(coordinator.can('update', elsewhere, 'revokedAt')).toBe(false);
    expect(coordinator.can('read', elsewhere)).toBe(false);
  });

  it.each(['admin', 'partner', 'analyst'] as const)('consents: a %s neither records nor revokes one', (role) => {
    const ability = defineAbilityFor(userOf(role));
    const consent = asSubject('Consent', { organizationId: ORG, survivorId: 's1', purpose: 'services', partnerOrgId: 'partner-org-1' });
    expect(ability.can('create', consent)).toBe(false);
    expect(ability.can('update', consent, 'revokedAt')).toBe(false);
  });

  it('consents: a caseworker records one only for a survivor of her caseload', () => {
    const caseworker = defineAbilityFor(userOf('caseworker'));
    const mine = asSubject('Consent', { organizationId: ORG, survivor: { cases: [{ assignedCaseworkerId: 'caseworker-1' }], createdBy: 'x' } });
    const theirs = asSubject('Consent', { organizationId: ORG, survivor: { cases: [{ assignedCaseworkerId: 'caseworker-2' }], createdBy: 'x' } });
    expect(caseworker.can('create', mine)).toBe(true);
    expect(caseworker.can('create', theirs)).toBe(false);
    expect(caseworker.can('update', theirs, 'revokedAt')).toBe(false);
  });

  it('partner orgs: partner staff read and update only their own org, and only capacity and contact', () => {
    const ability = defineAbilityFor(userOf('partner'));
    expect(ability.can('read', partnerOrg('partner-org-1'))).toBe(true);
    expect(ability.can('read', partnerOrg('partner-org-2'))).toBe(false);
    expect(permittedFields(ability, 'update', 'PartnerOrg', { id: 'partner-org-1', organizationId: ORG, active: true }).sort()).toEqual(
      ['acceptingReferrals', 'capacity', 'contactEmail', 'contactName', 'phone'],
    );
    expect(permittedFields(ability, 'update', 'PartnerOrg', { id: 'partner-org-2', organizationId: ORG })).toEqual([]);
  });

  it('partner staff without a partner org get nothing on partner orgs', () => {
    const ability = defineAbilityFor(userOf('partner', { partnerOrgId: null }));
    expect(ability.can('read', 'PartnerOrg')).toBe(false);
  });

  it('funder reports (exact counts): admins and coordinators run and download them; no one else (issue 16)', () => {
    for (const role of ROLES) {
      const ability = defineAbilityFor(userOf(role));
      const allowed = role === 'admin' || role === 'coordinator';
      expect([role, ability.can('read', 'FunderReports'), ability.can('export', 'FunderReports')]).toEqual([role, allowed, allowed]);
    }
  });

  it('analysts see only metrics', () => {
    const ability = defineAbilityFor(userOf('analyst'));
    expect(ability.can('read', 'Metrics')).toBe(true);
    expect(ability.can('export', 'Metrics')).toBe(true);
    expect(ability.can('read', 'PartnerOrg')).toBe(false);
    expect(ability.can('read', 'AuditEvent')).toBe(false);
    expect(ability.can('read', asSubject('User', { id: 'someone-else', organizationId: ORG }))).toBe(false);
    expect(ability.can('read', asSubject('User', { id: 'analyst-1', organizationId: ORG }))).toBe(true);
  });

  it('users: coordinators read the directory fields of colleagues and their own full profile', () => {
    const ability = defineAbilityFor(userOf('coordinator'));
    const colleague = { id: 'x', organizationId: ORG };
    expect(permittedFields(ability, 'read', 'User', colleague).sort()).toEqual(['active', 'displayName', 'email', 'id', 'partnerOrgId', 'role']);
    expect(permittedFields(ability, 'read', 'User', { id: 'coordinator-1', organizationId: ORG })).toContain('lastLoginAt');
    expect(ability.can('update', asSubject('User', colleague))).toBe(false);
  });

  it('users: no role may set a password hash, MFA state or organization through an edit', () => {
    for (const role of ROLES) {
      const fields = permittedFields(defineAbilityFor(userOf(role)), 'update', 'User', { id: `${role}-1`, organizationId: ORG });
      expect(fields).not.toEqual(expect.arrayContaining(['organizationId']));
      expect(fields).not.toContain('mfaEnabled');
      expect(fields).not.toContain('passwordHash');
    }
  });

  it('the audit trail is for admins of the same organization', () => {
    expect(defineAbilityFor(userOf('admin')).can('read', asSubject('AuditEvent', { organizationId: ORG }))).toBe(true);
    expect(defineAbilityFor(userOf('admin')).can('read', asSubject('AuditEvent', { organizationId: OTHER }))).toBe(false);
    for (const role of ['coordinator', 'caseworker', 'partner', 'analyst'] as const) {
      expect(defineAbilityFor(userOf(role)).can('read', 'AuditEvent')).toBe(false);
    }
  });

  it('packed rules round-trip to the same decisions (what the web app receives)', () => {
    for (const role of ROLES) {
      const rules = defineRulesFor(userOf(role));
      const client = createAbilityFromRules(unpackAbilityRules(JSON.parse(JSON.stringify(packAbilityRules(rules)))));
      const server = defineAbilityFor(userOf(role));
      for (const action of ['create', 'read', 'update'] as const) {
        for (const target of [partnerOrg('partner-org-1'), partnerOrg('p9', OTHER)]) {
          expect(client.can(action, target)).toBe(server.can(action, target));
        }
      }
    }
  });
});

/**
 * Issue 11: partner access follows its grounds. A referral, its tasks and (through the referral) the
 * survivor's consented fields are the partner's only while all three hold: the referral is open
 * (sent, accepted, in progress), a consent to share with that partner org is live (granted, not
 * revoked, not expired), and the partner org is active.
 */
describe('partner access follows its grounds', () => {
  const NOW = new Date('2026-06-01T12:00:00Z');
  const HOUR = 3_600_000;
  const P = 'partner-org-1';
  const partner = defineAbilityFor(userOf('partner'), { now: NOW });
  const STATUSES = ['draft', 'sent', 'accepted', 'in_progress', 'declined', 'completed', 'cancelled'] as const;
  const OPEN = new Set(['sent', 'accepted', 'in_progress']);
  type ConsentState = 'live' | 'revoked' | 'expired';
  const consent = (state: ConsentState, partnerOrgId = P) => ({
    organizationId: ORG,
    partnerOrgId,
    purpose: 'share_with_partner',
    grantedAt: new Date(NOW.getTime() - 48 * HOUR),
    revokedAt: state === 'revoked' ? new Date(NOW.getTime() - HOUR) : null,
    expiresAt: state === 'expired' ? new Date(NOW.getTime() - HOUR) : state === 'live' ? new Date(NOW.getTime() + HOUR) : null,
  });
  const referral = (status: (typeof STATUSES)[number], consents: object[], active: boolean, override: string | null = null) => ({
    id: 'ref-1',
    organizationId: ORG,
    partnerOrgId: P,
    status,
    sentAt: status === 'draft' ? null : new Date(NOW.getTime() - 24 * HOUR),
    consentOverrideReason: override,
    partnerOrg: { id: P, active },
    consents,
  });
  const task = (ref: object) => ({ id: 'task-1', organizationId: ORG, owner: 'partner', partnerOrgId: P, referralId: 'ref-1', referral: [ref] });
  const may = (record: ReturnType<typeof referral>) => ({
    referral: partner.can('read', asSubject('Referral', record)),
    changeReferral: partner.can('update', asSubject('Referral', record), 'status'),
    task: partner.can('read', asSubject('Task', task(record))),
    tickTask: partner.can('update', asSubject('Task', task(record)), 'doneAt'),
  });

  // Every combination of {referral open/closed} × {consent live/revoked/expired} × {partner org active/inactive}.
  const combinations = STATUSES.flatMap((status) =>
    (['live', 'revoked', 'expired'] as const).flatMap((state) => [true, false].map((active) => [status, state, active] as const)),
  );
  it.each(combinations)('referral %s, consent %s, partner org active %s: access only when all three hold', (status, state, active) => {
    const expected = OPEN.has(status) && state === 'live' && active;
    expect(may(referral(status, [consent(state)], active))).toEqual({ referral: expected, changeReferral: expected, task: expected, tickTask: expected });
  });

  it('for random consent histories: access exactly when the referral is open, the org active and some consent for this partner org live (or an override no refusal followed)', () => {
    const consentArb = fc.record({
      state: fc.constantFrom<ConsentState>('live', 'revoked', 'expired'),
      partnerOrgId: fc.constantFrom(P, 'partner-org-2'),
      purpose: fc.constantFrom('share_with_partner', 'services'),
      future: fc.boolean(),
      openEnded: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.boolean(), fc.boolean(), fc.array(consentArb, { maxLength: 4 }), (status, active, override, specs) => {
        const consents = specs.map((c) => ({
          ...consent(c.state, c.partnerOrgId),
          purpose: c.purpose,
          // Not yet granted: does not count.
          ...(c.future ? { grantedAt: new Date(NOW.getTime() + HOUR) } : {}),
          ...(c.state === 'live' && c.openEnded ? { expiresAt: null } : {}),
        }));
        const mine = (c: (typeof consents)[number]) => c.partnerOrgId === P && c.purpose === 'share_with_partner';
        const live = consents.some((c) => mine(c) && !c.revokedAt && c.grantedAt <= NOW && (!c.expiresAt || c.expiresAt > NOW));
        const refused = consents.some((c) => mine(c) && c.revokedAt);
        const overrideStands = override && !refused;
        const expected = OPEN.has(status) && active && (overrideStands || (live && !(override && refused)));
        const got = may(referral(status, consents, active, override ? 'Verbal consent by phone' : null));
        expect(got).toEqual({ referral: expected, changeReferral: expected, task: expected, tickTask: expected });
      }),
      { numRuns: 500 },
    );
  });

  it('of a referral on its grounds, partner staff read the case number and the caseworker contact, never the case, the alias field or the caseworker id (issue 13)', () => {
    const mine = asSubject('Referral', referral('sent', [consent('live')], true));
    for (const field of ['caseNumber', 'caseworkerContact', 'survivor', 'outcome', 'outcomeReason', 'outcomeNote']) expect(partner.can('read', mine, field)).toBe(true);
    for (const field of ['caseId', 'survivorId', 'survivorAlias', 'assignedCaseworkerId', 'reason', 'consentOverrideReason', 'createdBy']) {
      expect(partner.can('read', mine, field)).toBe(false);
    }
    for (const field of ['outcome', 'outcomeReason', 'outcomeNote']) expect(partner.can('update', mine, field)).toBe(true);
    // Off its grounds (completed, or consent revoked), nothing at all.
    for (const record of [referral('completed', [consent('live')], true), referral('sent', [consent('revoked')], true)]) {
      expect(partner.can('read', asSubject('Referral', record), 'caseNumber')).toBe(false);
      expect(partner.can('read', asSubject('Referral', record), 'caseworkerContact')).toBe(false);
    }
    // Staff never record the partner's outcome.
    const caseworker = defineAbilityFor(userOf('caseworker'), { now: NOW });
    expect(caseworker.can('update', asSubject('Referral', { organizationId: ORG, status: 'draft', case: { assignedCaseworkerId: userOf('caseworker').id } }), 'outcome')).toBe(false);
  });

  it('another partner org\'s referral, or a task not given to the partner, is never theirs', () => {
    const mine = referral('sent', [consent('live')], true);
    expect(partner.can('read', asSubject('Referral', { ...mine, partnerOrgId: 'partner-org-2' }))).toBe(false);
    expect(partner.can('read', asSubject('Referral', { ...mine, organizationId: OTHER }))).toBe(false);
    expect(partner.can('read', asSubject('Task', { ...task(mine), owner: 'caseworker' }))).toBe(false);
    expect(partner.can('read', asSubject('Task', { ...task(mine), referral: [] }))).toBe(false);
  });

  it('a deactivated partner org is out of its own staff\'s reach', () => {
    expect(partner.can('read', partnerOrg(P, ORG, false))).toBe(false);
    expect(partner.can('update', partnerOrg(P, ORG, false))).toBe(false);
  });
});

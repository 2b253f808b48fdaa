import { PARTNER_SERVICE_REFERRAL_STATUSES, REFERRAL_STATUSES } from '@lantern/contracts';
import { asSubject, defineAbilityFor, permittedFields, SERVICE_PARTNER_FIELDS, type AbilityUser } from './ability.js';

/** Issue 16: who may log, read and correct the services given to a survivor. */
describe('service delivery rules', () => {
  const org = 'org-1';
  const now = new Date('2026-06-01T12:00:00Z');
  const user = (role: AbilityUser['role'], id = `${role}-1`): AbilityUser => ({ id, role, organizationId: org, partnerOrgId: role === 'partner' ? 'p-1' : null });

  const consent = (extra: Record<string, unknown> = {}) => ({
    partnerOrgId: 'p-1',
    purpose: 'share_with_partner',
    revokedAt: null,
    grantedAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: null,
    ...extra,
  });
  const referral = (extra: Record<string, unknown> = {}) => ({
    id: 'r-1',
    partnerOrgId: 'p-1',
    sentAt: new Date('2026-05-01T00:00:00Z'),
    status: 'accepted',
    consentOverrideReason: null,
    partnerOrg: { id: 'p-1', active: true },
    consents: [consent()],
    ...extra,
  });
  /** A service entry of the case of caseworker-1, given by partner org p-1 on referral r-1 and logged by one of its staff. */
  const service = (extra: Record<string, unknown> = {}) =>
    asSubject('ServiceDelivery', {
      id: 's-1',
      organizationId: org,
      caseId: 'c-1',
      category: 'emergency_shelter',
      providerKind: 'partner_org',
      partnerOrgId: 'p-1',
      referralId: 'r-1',
      note: 'x',
      createdBy: 'partner-1',
      case: { id: 'c-1', organizationId: org, assignedCaseworkerId: 'caseworker-1' },
      referral: [referral()],
      recorder: { id: 'partner-1', partnerOrgId: 'p-1' },
      ...extra,
    });

  it('a caseworker logs, reads and corrects the services of her own cases (note included), never another caseworker\'s', () => {
    const ability = defineAbilityFor(user('caseworker'));
    for (const action of ['create', 'read', 'update'] as const) expect([action, ability.can(action, service())]).toEqual([action, true]);
    expect(permittedFields(ability, 'read', 'ServiceDelivery', service())).toEqual(expect.arrayContaining(['note', 'caseId', 'survivorId', 'providerUserId']));
    expect(ability.can('update', service(), 'caseId')).toBe(false);
    expect(ability.can('update', service(), 'voidReason')).toBe(true);
    expect(ability.can('delete', service())).toBe(false);
    const theirs = service({ case: { id: 'c-2', organizationId: org, assignedCaseworkerId: 'caseworker-2' } });
    for (const action of ['create', 'read', 'update'] as const) expect([action, ability.can(action, theirs)]).toEqual([action, false]);
  });

  it('a coordinator reads and corrects the whole program\'s log, never another organization\'s', () => {
    const ability = defineAbilityFor(user('coordinator'));
    expect(ability.can('read', service({ case: { assignedCaseworkerId: 'caseworker-2' } }))).toBe(true);
    expect(ability.can('update', service(), 'units')).toBe(true);
    expect(ability.can('create', service())).toBe(true);
    expect(ability.can('read', service({ organizationId: 'org-2' }))).toBe(false);
  });

  it('admins and analysts have no rule for services: no survivor-file content, not even through break-glass', () => {
    for (const role of ['admin', 'analyst'] as const) {
      const ability = defineAbilityFor(user(role), { now });
      expect([role, ability.rulesFor('read', 'ServiceDelivery').length, ability.can('create', 'ServiceDelivery')]).toEqual([role, 0, false]);
    }
  });

  describe('partner staff', () => {
    const partner = () => defineAbilityFor(user('partner'), { now });

    it('log, read and correct their organization\'s services on a referral they accepted, without the case, survivor or staff', () => {
      for (const status of PARTNER_SERVICE_REFERRAL_STATUSES) {
        const record = service({ referral: [referral({ status })] });
        for (const action of ['create', 'read', 'update'] as const) expect([status, action, partner().can(action, record)]).toEqual([status, action, true]);
      }
      const fields = permittedFields(partner(), 'read', 'ServiceDelivery', service());
      expect(fields.sort()).toEqual([...SERVICE_PARTNER_FIELDS].sort());
      for (const hidden of ['caseId', 'caseNumber', 'survivorId', 'providerUserId']) expect(fields).not.toContain(hidden);
      expect(partner().can('update', service(), 'referralId')).toBe(false);
      expect(partner().can('update', service(), 'partnerOrgId')).toBe(false);
      expect(partner().can('update', service(), 'note')).toBe(true);
    });

    it('nothing before they accept, nor once the referral is declined, completed or cancelled', () => {
      for (const status of REFERRAL_STATUSES.filter((s) => !(PARTNER_SERVICE_REFERRAL_STATUSES as readonly string[]).includes(s))) {
        const record = service({ referral: [referral({ status })] });
        for (const action of ['create', 'read', 'update'] as const) expect([status, action, partner().can(action, record)]).toEqual([status, action, false]);
      }
    });

    it('nothing once the consent is revoked or expired, or the partner org deactivated', () => {
      const gone = [
        referral({ consents: [consent({ revokedAt: new Date('2026-05-20T00:00:00Z') })] }),
        referral({ consents: [consent({ expiresAt: new Date('2026-05-20T00:00:00Z') })] }),
        referral({ partnerOrg: { id: 'p-1', active: false } }),
      ];
      for (const r of gone) expect(partner().can('read', service({ referral: [r] }))).toBe(false);
      // A coordinator's override stands in for the consent until the survivor refuses.
      const override = referral({ consents: [], consentOverrideReason: 'urgent shelter' });
      expect(partner().can('create', service({ referral: [override] }))).toBe(true);
      const refused = referral({ consents: [consent({ revokedAt: new Date('2026-05-20T00:00:00Z') })], consentOverrideReason: 'urgent shelter' });
      for (const action of ['create', 'read', 'update'] as const) expect([action, partner().can(action, service({ referral: [refused] }))]).toEqual([action, false]);
    });

    it('nothing without a referral, on another partner org\'s referral, as staff, or logged by the program', () => {
      expect(partner().can('read', service({ referralId: null, referral: [] }))).toBe(false);
      expect(partner().can('read', service({ referral: [referral({ partnerOrgId: 'p-2' })] }))).toBe(false);
      expect(partner().can('read', service({ partnerOrgId: 'p-2' }))).toBe(false);
      expect(partner().can('create', service({ providerKind: 'staff', partnerOrgId: null }))).toBe(false);
      // The caseworker recorded the partner's service herself: her note is not the partner's to read.
      expect(partner().can('read', service({ createdBy: 'caseworker-1', recorder: { id: 'caseworker-1', partnerOrgId: null } }))).toBe(false);
    });
  });
});

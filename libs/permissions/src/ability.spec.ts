import { ROLES, type Role } from '@lantern/contracts';
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
const partnerOrg = (id: string, organizationId = ORG) => asSubject('PartnerOrg', { id, organizationId });

describe('defineAbilityFor', () => {
  it('binds every rule with conditions to the user\'s organization', () => {
    for (const role of ROLES) {
      for (const rule of defineRulesFor(userOf(role))) {
        if (rule.subject === 'Metrics') continue;
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

  it('partner orgs: partner staff read and update only their own org, and only capacity and contact', () => {
    const ability = defineAbilityFor(userOf('partner'));
    expect(ability.can('read', partnerOrg('partner-org-1'))).toBe(true);
    expect(ability.can('read', partnerOrg('partner-org-2'))).toBe(false);
    expect(permittedFields(ability, 'update', 'PartnerOrg', { id: 'partner-org-1', organizationId: ORG }).sort()).toEqual(
      ['acceptingReferrals', 'capacity', 'contactEmail', 'contactName', 'phone'],
    );
    expect(permittedFields(ability, 'update', 'PartnerOrg', { id: 'partner-org-2', organizationId: ORG })).toEqual([]);
  });

  it('partner staff without a partner org get nothing on partner orgs', () => {
    const ability = defineAbilityFor(userOf('partner', { partnerOrgId: null }));
    expect(ability.can('read', 'PartnerOrg')).toBe(false);
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

import { asSubject, defineAbilityFor, type AbilityUser } from './ability.js';

/** Issue 16: who records and reads a case's immigration relief. */
describe('immigration relief rules', () => {
  const org = 'org-1';
  const user = (role: AbilityUser['role']): AbilityUser => ({ id: `${role}-1`, role, organizationId: org, partnerOrgId: role === 'partner' ? 'p-1' : null });
  const relief = (caseworker: string, organizationId = org) =>
    asSubject('ImmigrationRelief', { id: 'i-1', organizationId, caseId: 'c-1', tVisaStatus: 'applied', note: 'x', case: { id: 'c-1', organizationId, assignedCaseworkerId: caseworker } });

  it('the case\'s caseworker records and changes it (never its case), nobody deletes it', () => {
    const ability = defineAbilityFor(user('caseworker'));
    for (const action of ['create', 'read', 'update'] as const) expect([action, ability.can(action, relief('caseworker-1'))]).toEqual([action, true]);
    expect(ability.can('update', relief('caseworker-1'), 'caseId')).toBe(false);
    expect(ability.can('delete', relief('caseworker-1'))).toBe(false);
    expect(ability.can('read', relief('caseworker-2'))).toBe(false);
  });

  it('a coordinator reads the program\'s, and changes none; partners, admins and analysts have no rule', () => {
    const coordinator = defineAbilityFor(user('coordinator'));
    expect(coordinator.can('read', relief('caseworker-2'))).toBe(true);
    expect(coordinator.can('update', relief('caseworker-2'))).toBe(false);
    expect(coordinator.can('read', relief('caseworker-2', 'org-2'))).toBe(false);
    for (const role of ['partner', 'admin', 'analyst'] as const) {
      expect([role, defineAbilityFor(user(role)).rulesFor('read', 'ImmigrationRelief').length]).toEqual([role, 0]);
    }
  });
});

import { asSubject, defineAbilityFor, type AbilityUser } from './ability.js';

/** Issue 16: who records and reads a case's funder data (HMIS). */
describe('funder data rules', () => {
  const org = 'org-1';
  const user = (role: AbilityUser['role']): AbilityUser => ({ id: `${role}-1`, role, organizationId: org, partnerOrgId: role === 'partner' ? 'p-1' : null });
  const record = (caseworker: string, organizationId = org) =>
    asSubject('FunderData', { id: 'f-1', organizationId, caseId: 'c-1', veteranStatus: 0, case: { id: 'c-1', organizationId, assignedCaseworkerId: caseworker } });

  it("the case's caseworker records and changes it (never its case), nobody deletes it; another caseworker does not reach it", () => {
    const ability = defineAbilityFor(user('caseworker'));
    for (const action of ['create', 'read', 'update'] as const) expect([action, ability.can(action, record('caseworker-1'))]).toEqual([action, true]);
    expect(ability.can('update', record('caseworker-1'), 'incomeSources')).toBe(true);
    expect(ability.can('update', record('caseworker-1'), 'caseId')).toBe(false);
    expect(ability.can('delete', record('caseworker-1'))).toBe(false);
    for (const action of ['read', 'update'] as const) expect([action, ability.can(action, record('caseworker-2'))]).toEqual([action, false]);
  });

  it("a coordinator reads the program's and changes none; partners, admins and analysts have no rule", () => {
    const coordinator = defineAbilityFor(user('coordinator'));
    expect(coordinator.can('read', record('caseworker-2'))).toBe(true);
    expect(coordinator.can('update', record('caseworker-2'))).toBe(false);
    expect(coordinator.can('create', record('caseworker-2'))).toBe(false);
    expect(coordinator.can('read', record('caseworker-2', 'org-2'))).toBe(false);
    for (const role of ['partner', 'admin', 'analyst'] as const) {
      for (const action of ['read', 'create', 'update'] as const) {
        expect([role, action, defineAbilityFor(user(role)).rulesFor(action, 'FunderData').length]).toEqual([role, action, 0]);
      }
    }
  });
});

import { defineAbilityFor, asSubject, permittedFields, type AbilityUser } from './ability.js';

/** Issue 14: who may read and manage appointments, by role and by the case's caseworker. */
describe('appointment rules', () => {
  const org = 'org-1';
  const user = (role: AbilityUser['role'], id = `${role}-1`): AbilityUser => ({ id, role, organizationId: org, partnerOrgId: role === 'partner' ? 'p-1' : null });
  const appointment = (caseworker: string, organizationId = org) =>
    asSubject('Appointment', { id: 'a-1', organizationId, caseId: 'c-1', kind: 'court', note: 'x', partnerOrgId: 'p-1', case: { id: 'c-1', organizationId, assignedCaseworkerId: caseworker } });

  it('a caseworker reads, creates and changes the appointments of her own cases, note included', () => {
    const ability = defineAbilityFor(user('caseworker'));
    const mine = appointment('caseworker-1');
    for (const action of ['read', 'create', 'update'] as const) expect([action, ability.can(action, mine)]).toEqual([action, true]);
    expect(permittedFields(ability, 'read', 'Appointment', mine)).toContain('note');
    expect(ability.can('update', mine, 'caseId')).toBe(false);
    expect(ability.can('delete', mine)).toBe(false);
  });

  it('a caseworker cannot reach another caseworker\'s or another organization\'s appointments', () => {
    const ability = defineAbilityFor(user('caseworker'));
    for (const record of [appointment('caseworker-2'), appointment('caseworker-1', 'org-2')]) {
      for (const action of ['read', 'create', 'update'] as const) expect([action, ability.can(action, record)]).toEqual([action, false]);
    }
  });

  it('a coordinator reads and manages the whole program\'s, never another organization\'s', () => {
    const ability = defineAbilityFor(user('coordinator'));
    expect(ability.can('read', appointment('caseworker-2'))).toBe(true);
    expect(ability.can('update', appointment('caseworker-2'), 'status')).toBe(true);
    expect(ability.can('read', appointment('caseworker-2', 'org-2'))).toBe(false);
  });

  it('partners, admins and analysts have no appointment rule at all', () => {
    for (const role of ['partner', 'admin', 'analyst'] as const) {
      const ability = defineAbilityFor(user(role));
      expect([role, ability.rulesFor('read', 'Appointment').length, ability.can('read', appointment('caseworker-1'))]).toEqual([role, 0, false]);
      expect(ability.can('create', 'Appointment')).toBe(false);
    }
  });
});

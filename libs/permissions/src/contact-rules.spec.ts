import { asSubject, defineAbilityFor, permittedFields, type AbilityUser } from './ability.js';
import { CONTACT_PRIVATE_FIELDS } from './contact-rules.js';

/** Issue 17, part 1: who may log, read and correct contacts before a case. */
describe('contact rules', () => {
  const org = 'org-1';
  const user = (role: AbilityUser['role'], id = `${role}-1`): AbilityUser => ({ id, role, organizationId: org, partnerOrgId: role === 'partner' ? 'p-1' : null });
  /** A contact logged by caseworker-2, not linked to anyone. */
  const contact = (extra: Record<string, unknown> = {}) =>
    asSubject('Contact', {
      id: 'k-1',
      organizationId: org,
      channel: 'call',
      staffUserId: 'caseworker-2',
      createdBy: 'caseworker-2',
      name: 'x',
      survivorId: null,
      survivor: null,
      ...extra,
    });
  const survivorOf = (caseworker: string) => ({ id: 's-1', organizationId: org, createdBy: 'someone', cases: [{ id: 'c-1', assignedCaseworkerId: caseworker }] });

  it('a caseworker logs contacts and reads and corrects those she logged or handled, with the named details', () => {
    const ability = defineAbilityFor(user('caseworker'));
    expect(ability.can('create', contact({ createdBy: 'caseworker-1' }))).toBe(true);
    for (const mine of [contact({ createdBy: 'caseworker-1' }), contact({ staffUserId: 'caseworker-1' })]) {
      expect(ability.can('read', mine)).toBe(true);
      expect(ability.can('update', mine, 'name')).toBe(true);
      expect(ability.can('delete', mine)).toBe(false);
      expect(permittedFields(ability, 'read', 'Contact', mine)).toEqual(expect.arrayContaining(CONTACT_PRIVATE_FIELDS));
    }
  });

  it('a caseworker reads a contact linked to a survivor on her caseload, never another caseworker\'s unlinked or linked one', () => {
    const ability = defineAbilityFor(user('caseworker'));
    expect(ability.can('read', contact({ survivorId: 's-1', survivor: survivorOf('caseworker-1') }))).toBe(true);
    expect(ability.can('read', contact())).toBe(false);
    expect(ability.can('update', contact())).toBe(false);
    expect(ability.can('read', contact({ survivorId: 's-1', survivor: survivorOf('caseworker-2') }))).toBe(false);
    // A survivor she registered who has no case yet.
    expect(ability.can('read', contact({ survivorId: 's-1', survivor: { id: 's-1', organizationId: org, createdBy: 'caseworker-1', cases: [] } }))).toBe(true);
  });

  it('a coordinator reads and corrects the whole program\'s contacts, the named details only of her own', () => {
    const ability = defineAbilityFor(user('coordinator'));
    const theirs = contact();
    expect(ability.can('read', theirs)).toBe(true);
    expect(ability.can('update', theirs, 'followUpNeeded')).toBe(true);
    const readable = permittedFields(ability, 'read', 'Contact', theirs);
    for (const field of CONTACT_PRIVATE_FIELDS) expect([field, readable.includes(field)]).toEqual([field, false]);
    expect(ability.can('update', theirs, 'name')).toBe(false);
    const own = contact({ createdBy: 'coordinator-1' });
    expect(permittedFields(ability, 'read', 'Contact', own)).toEqual(expect.arrayContaining(CONTACT_PRIVATE_FIELDS));
    expect(ability.can('update', own, 'phone')).toBe(true);
    expect(ability.can('create', contact({ createdBy: 'coordinator-1' }))).toBe(true);
  });

  it('admins, analysts and partner staff never log or read contacts; nobody reads another organization\'s', () => {
    for (const role of ['admin', 'analyst', 'partner'] as const) {
      const ability = defineAbilityFor(user(role));
      for (const action of ['create', 'read', 'update', 'delete'] as const) expect([role, action, ability.can(action, 'Contact')]).toEqual([role, action, false]);
    }
    for (const role of ['caseworker', 'coordinator'] as const) {
      const ability = defineAbilityFor(user(role));
      const elsewhere = contact({ organizationId: 'org-2', createdBy: `${role}-1` });
      for (const action of ['create', 'read', 'update'] as const) expect([role, action, ability.can(action, elsewhere)]).toEqual([role, action, false]);
    }
  });
});

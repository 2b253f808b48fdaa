import { ROLES } from '@lantern/contracts';
import { asSubject, createAbilityFromRules, defineAbilityFor, defineImportRulesFor } from './ability.js';

const ORG = 'org-1';
const admin = { id: 'admin-1', role: 'admin' as const, organizationId: ORG, partnerOrgId: null };

/** Spreadsheet import (issue 17): what the import's background job may do in the admin's name, and nothing more. */
describe('import rules', () => {
  const importing = createAbilityFromRules(defineImportRulesFor(admin));
  const own = defineAbilityFor(admin);

  it('only admins hold the import capability', () => {
    for (const role of ROLES) {
      const ability = defineAbilityFor({ ...admin, role, partnerOrgId: role === 'partner' ? 'p-1' : null });
      expect([role, ability.can('create', 'Imports'), ability.can('read', 'Imports')]).toEqual([role, role === 'admin', role === 'admin']);
    }
  });

  it('the import registers survivors and opens cases in her organization, which the admin herself cannot', () => {
    const survivor = asSubject('Survivor', { organizationId: ORG, alias: 'Heron' });
    expect(own.can('create', survivor)).toBe(false);
    expect(importing.can('create', survivor, 'legalName')).toBe(true);
    expect(importing.can('create', asSubject('Case', { organizationId: ORG, survivorId: 's-1' }), 'referralSource')).toBe(true);
    // Never in another organization, never a field an intake would carry, and never a read.
    expect(importing.can('create', asSubject('Survivor', { organizationId: 'org-2' }))).toBe(false);
    expect(importing.can('create', asSubject('Case', { organizationId: ORG }), 'riskLevel')).toBe(false);
    expect(importing.can('read', asSubject('Survivor', { organizationId: ORG, grants: [] }))).toBe(false);
    expect(importing.can('update', asSubject('Survivor', { organizationId: ORG }), 'legalName')).toBe(false);
  });

  it('is refused for anyone but an admin', () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) expect(() => defineImportRulesFor({ ...admin, role })).toThrow();
  });
});

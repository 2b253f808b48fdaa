import { ROLES } from '@lantern/contracts';
import { defineAbilityFor } from './ability.js';

/** Form settings (issue 18): the staff who fill the forms read them; only admins change them. */
describe('form settings rules', () => {
  it('admins, coordinators and caseworkers read; only admins update; analysts and partners neither', () => {
    for (const role of ROLES) {
      const ability = defineAbilityFor({ id: 'u-1', role, organizationId: 'org-1', partnerOrgId: role === 'partner' ? 'p-1' : null });
      expect([role, ability.can('read', 'FormSettings'), ability.can('update', 'FormSettings')]).toEqual([
        role,
        ['admin', 'coordinator', 'caseworker'].includes(role),
        role === 'admin',
      ]);
    }
  });
});

import type { Role } from '@lantern/contracts';
import { asSubject, defineAbilityFor, permittedFields } from './ability.js';

const ORG = 'org-1';
const userOf = (role: Role) => ({ id: `${role}-1`, role, organizationId: ORG, partnerOrgId: role === 'partner' ? 'partner-org-1' : null });
const CODES = ['traffickingStatus', 'recruitmentCountry', 'exploitationCountry', 'forcedLabourIndustry', 'sexualExploitationTypes', 'relationshipToTrafficker', 'ageWhenTrafficked'];
const REGIONS = ['recruitmentRegion', 'exploitationRegion'];

/** Issue 17, part 2: who reads and writes the HTCDS core of an intake. */
describe('the HTCDS core of the intake', () => {
  const intake = asSubject('Intake', { id: 'i1', organizationId: ORG, case: { assignedCaseworkerId: 'caseworker-1' } });
  const othersIntake = asSubject('Intake', { id: 'i2', organizationId: ORG, case: { assignedCaseworkerId: 'someone-else' } });

  it('the assigned caseworker reads and writes every core field, region texts included', () => {
    const caseworker = defineAbilityFor(userOf('caseworker'));
    expect(permittedFields(caseworker, 'read', 'Intake', intake)).toEqual(expect.arrayContaining([...CODES, ...REGIONS]));
    expect(permittedFields(caseworker, 'update', 'Intake', intake)).toEqual(expect.arrayContaining([...CODES, ...REGIONS]));
    expect(permittedFields(caseworker, 'read', 'Intake', othersIntake)).toEqual([]);
  });

  it('a coordinator reads the codes and countries, never the region texts, and writes none', () => {
    const coordinator = defineAbilityFor(userOf('coordinator'));
    const read = permittedFields(coordinator, 'read', 'Intake', intake);
    expect(read).toEqual(expect.arrayContaining(CODES));
    for (const region of [...REGIONS, 'narrative']) expect(read).not.toContain(region);
    expect(permittedFields(coordinator, 'update', 'Intake', intake)).toEqual([]);
    // Her subject access package is hers whole: the coordinator exports the region texts for her.
    expect(permittedFields(coordinator, 'export', 'Intake', intake)).toEqual(expect.arrayContaining([...CODES, ...REGIONS]));
  });

  it.each(['partner', 'analyst', 'admin'] as const)('role %s: no intake field is readable', (role) => {
    const ability = defineAbilityFor(userOf(role));
    expect(permittedFields(ability, 'read', 'Intake', intake)).toEqual([]);
    expect(ability.can('update', intake)).toBe(false);
  });
});

import { ROLES, type Role } from '@lantern/contracts';
import { unpackRules } from '@casl/ability/extra';
import { defineRulesFor, packAbilityRules, type AppRawRule } from './ability.js';
import { decodeRules, encodeRules } from './client-rules.js';

// Real-looking ids: the encoding must not depend on their being short.
const owner = (role: Role) => ({
  id: '3f1c2b7e-5d4a-4c1b-9e8f-0a1b2c3d4e5f',
  role,
  organizationId: '4a6dbb2b-4565-4a87-9548-77355d60c2f8',
  partnerOrgId: role === 'partner' ? 'a2258012-9e98-4c75-ac5f-b215059a838b' : null,
});
const NOW = new Date('2026-12-05T12:00:00Z');
/** What the web app received before the encoding: CASL's packed rules, through JSON. */
const plain = (rules: AppRawRule[]) => unpackRules(JSON.parse(JSON.stringify(packAbilityRules(rules))));

describe('the rules as /auth/me sends them', () => {
  it.each([...ROLES])('a %s gets back exactly the rules the API holds', (role) => {
    const user = owner(role);
    const rules = defineRulesFor(user, { now: NOW });
    const wire = JSON.parse(JSON.stringify(encodeRules(rules, user)));
    expect(decodeRules(wire, user)).toEqual(plain(rules));
  });

  it.each([...ROLES])('a %s\'s rules stay under 10 kB, and carry no id of the person in the clear', (role) => {
    const user = owner(role);
    const text = JSON.stringify(encodeRules(defineRulesFor(user, { now: NOW }), user));
    expect(text.length).toBeLessThan(10_000);
    expect(text).not.toContain(user.organizationId);
    if (user.partnerOrgId) expect(text).not.toContain(user.partnerOrgId);
  });

  it('is smaller than the packed rules it replaces, most of all for a partner', () => {
    const user = owner('partner');
    const rules = defineRulesFor(user, { now: NOW });
    const before = JSON.stringify(packAbilityRules(rules)).length;
    const after = JSON.stringify(encodeRules(rules, user)).length;
    expect(after).toBeLessThan(before / 2);
  });

  it('decodes with the reader\'s own ids: another person\'s ids never appear', () => {
    const user = owner('caseworker');
    const wire = encodeRules(defineRulesFor(user, { now: NOW }), user);
    const other = { ...user, id: 'someone-else', organizationId: 'org-else' };
    const decoded = JSON.stringify(decodeRules(wire, other));
    expect(decoded).toContain('org-else');
    expect(decoded).not.toContain(user.organizationId);
  });

  it('refuses rules that hold the reserved markers, and wire rules that refer to nothing', () => {
    const user = owner('admin');
    const rule = { action: 'read', subject: 'Case', conditions: { organizationId: { $ref: 1 } } } as unknown as AppRawRule;
    expect(() => encodeRules([rule], user)).toThrow(/reserves/);
    expect(() => decodeRules({ packed: [['read', 'Case', { $ref: 3 }]], shared: [] }, user)).toThrow(/missing/);
    expect(() => decodeRules({ packed: [['read', 'Case', { $ref: 0 }]], shared: [{ $ref: 0 }] }, user)).toThrow(/themselves/);
  });
});

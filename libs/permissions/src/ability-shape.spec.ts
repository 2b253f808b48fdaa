import { ROLES } from '@lantern/contracts';
import fc from 'fast-check';
import { defineAbilityFor, defineRulesFor, createAbilityFromRules } from './ability.js';
import { bindShape, originOf, ruleShapeOf, shapeUsesInstant, STAND_IN_NOW, standInFor } from './ability-shape.js';

const person = fc.record({
  id: fc.uuid(),
  role: fc.constantFrom(...ROLES),
  organizationId: fc.uuid(),
  partnerOrgId: fc.option(fc.uuid(), { nil: null }),
});
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true });

describe('the shape of the rules', () => {
  it('the rules of any person at any instant are the stand-in\'s of their shape with their ids and instant put in', () => {
    fc.assert(
      fc.property(person, instant, (user, now) => {
        const standIn = defineRulesFor(standInFor(user), { now: STAND_IN_NOW });
        expect(bindShape(standIn, { user, now })).toStrictEqual(defineRulesFor(user, { now }));
      }),
      { numRuns: 200 },
    );
  });

  it('two people of one shape differ only in those values, and people of different shapes get different keys', () => {
    for (const role of ROLES) {
      for (const partnerOrgId of [null, 'b2f0c7a4-3f43-4a47-9a55-0d6f2ad9e1c1']) {
        const user = { id: '5d7d1f9e-13a4-4a53-a2bb-8f0e7b2d6c11', role, organizationId: 'c1a1f3de-8b55-4f0e-bd0e-4f5b6e7a8d90', partnerOrgId };
        expect(ruleShapeOf(user)).toBe(ruleShapeOf({ ...user, id: 'another', organizationId: 'another' }));
        expect(ruleShapeOf(user)).not.toBe(ruleShapeOf({ ...user, partnerOrgId: partnerOrgId ? null : 'x' }));
      }
    }
    expect(new Set(ROLES.map((role) => ruleShapeOf({ id: 'a', role, organizationId: 'o', partnerOrgId: null }))).size).toBe(ROLES.length);
  });

  it('only abilities built by defineAbilityFor carry their origin', () => {
    const user = { id: 'u1', role: 'caseworker' as const, organizationId: 'o1', partnerOrgId: null };
    const now = new Date('2026-01-01T00:00:00Z');
    expect(originOf(defineAbilityFor(user, { now }))).toEqual({ shape: ruleShapeOf(user), user, now });
    expect(originOf(createAbilityFromRules(defineRulesFor(user, { now })))).toBeUndefined();
  });

  it('knows which shapes depend on the instant: the rules of the others are the same at every instant', () => {
    const uses = Object.fromEntries(ROLES.map((role) => [role, shapeUsesInstant({ id: 'u', role, organizationId: 'o', partnerOrgId: role === 'partner' ? 'p' : null })]));
    // Break-glass grants (admins, coordinators) and consents (partners) expire; a caseworker's and an analyst's rules never mention the instant.
    expect(uses).toEqual({ admin: true, coordinator: true, caseworker: false, partner: true, analyst: false });
    fc.assert(
      fc.property(person, instant, instant, (user, a, b) => {
        if (shapeUsesInstant(user)) return;
        expect(defineRulesFor(user, { now: b })).toStrictEqual(defineRulesFor(user, { now: a }));
      }),
      { numRuns: 100 },
    );
  });
});

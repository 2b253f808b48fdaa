import { ROLES } from '@lantern/contracts';
import { permittedFieldsOf } from '@casl/ability/extra';
import fc from 'fast-check';
import { ACTIONS, asSubject, defineAbilityFor, defineRulesFor, permittedFields, permittedFieldSet, type AppAbility } from './ability.js';
import { allFieldsOf, SUBJECT_TYPES, type SubjectType } from './subjects.js';

const ORG = 'c1a1f3de-8b55-4f0e-bd0e-4f5b6e7a8d90';
const OTHER = '0e6a1d55-2c7b-4d1e-9a0f-3b8c5d7e9f21';
const NOW = new Date('2026-06-01T12:00:00Z');

/** CASL's own answer, as `permittedFields` computed it before the memo. */
const casl = (ability: AppAbility, action: (typeof ACTIONS)[number], type: SubjectType, record?: object) =>
  permittedFieldsOf(ability, action, record ? asSubject(type, record) : type, { fieldsFrom: (rule) => rule.fields ?? allFieldsOf(type) });

const DAY = 86_400_000;

/** A record that meets these conditions (as far as a sample can): each rule with conditions gives one. */
function witness(conditions: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, condition] of Object.entries(conditions)) {
    const [head, ...rest] = path.split('.');
    const value = rest.length > 0 ? witness({ [rest.join('.')]: condition }) : meeting(condition);
    out[head!] = rest.length > 0 && typeof out[head!] === 'object' ? { ...(out[head!] as object), ...(value as object) } : value;
  }
  return out;
}

function meeting(condition: unknown): unknown {
  if (condition === null || condition instanceof Date || typeof condition !== 'object' || Array.isArray(condition)) return condition;
  const c = condition as Record<string, unknown>;
  if ('$elemMatch' in c) return [witness(c.$elemMatch as Record<string, unknown>)];
  if ('$in' in c) return (c.$in as unknown[])[0];
  if ('$ne' in c) return c.$ne === null ? 'set' : null;
  if ('$lte' in c) return new Date((c.$lte as Date).getTime() - DAY);
  if ('$gt' in c) return new Date((c.$gt as Date).getTime() + DAY);
  if (Object.keys(c).some((k) => k.startsWith('$'))) return undefined;
  return witness(c);
}

describe('permitted fields, worked out once per pattern of matching rules', () => {
  it('equal CASL\'s permittedFieldsOf for every role, action, type and record, in its order, first time and memoized', () => {
    for (const role of ROLES) {
      for (const partnerOrgId of [null, OTHER]) {
        const user = { id: '5d7d1f9e-13a4-4a53-a2bb-8f0e7b2d6c11', role, organizationId: ORG, partnerOrgId };
        const ability = defineAbilityFor(user, { now: NOW });
        const rules = defineRulesFor(user, { now: NOW });
        // For an action and type: records that meet several of its rules at once (a grant and a refusal),
        // and records with some of those values lost or changed.
        const witnessesOf = (action: string, type: string) =>
          rules.filter((r) => r.conditions && [r.action].flat().includes(action as never) && [r.subject].flat().includes(type as never)).map((r) => witness(r.conditions as Record<string, unknown>));
        const lost = fc.array(fc.constantFrom('organizationId', 'assignedCaseworkerId', 'consentOverrideReason', 'consents', 'partnerOrgId'), { maxLength: 2 });
        const recordFor = (action: string, type: string) =>
          fc.tuple(fc.array(fc.constantFrom({}, ...witnessesOf(action, type)), { minLength: 1, maxLength: 3 }), lost).map(([some, gone]) => {
            const merged: Record<string, unknown> = Object.assign({}, ...some);
            for (const key of gone) merged[key] = key === 'organizationId' ? OTHER : null;
            return merged;
          });
        const cases = fc
          .tuple(fc.constantFrom(...ACTIONS), fc.constantFrom(...SUBJECT_TYPES))
          .chain(([action, type]) => fc.tuple(fc.constant(action), fc.constant(type), fc.option(recordFor(action, type), { nil: undefined, freq: 8 })));
        fc.assert(
          fc.property(cases, ([action, type, values]) => {
            const expected = casl(ability, action, type, values && { ...values });
            expect([...permittedFieldSet(ability, action, type, values && { ...values })]).toEqual(expected);
            expect(permittedFields(ability, action, type, values && { ...values })).toEqual(expected);
          }),
          { numRuns: 300 },
        );
      }
    }
  });

  it('a changed rule list is not answered from the old one\'s memo', () => {
    const user = { id: '5d7d1f9e-13a4-4a53-a2bb-8f0e7b2d6c11', role: 'caseworker' as const, organizationId: ORG, partnerOrgId: null };
    const ability = defineAbilityFor(user, { now: NOW });
    const mine = { organizationId: ORG, assignedCaseworkerId: user.id };
    expect(permittedFieldSet(ability, 'read', 'Case', mine).size).toBeGreaterThan(0);
    ability.update([]);
    expect(permittedFieldSet(ability, 'read', 'Case', mine).size).toBe(0);
    expect(casl(ability, 'read', 'Case', mine)).toEqual([]);
  });
});

import { rulesToAST } from '@casl/ability/extra';
import { createAbilityFromRules, defineAbilityFor, type AppRawRule } from '@lantern/permissions';
import { rulesToSql } from './rules-to-sql.js';
import { simplifyConditions, type Condition } from './simplify-conditions.js';

const eq = (field: string, value: unknown): Condition => ({ operator: 'eq', field, value });
const and = (...value: Condition[]): Condition => ({ operator: 'and', value });
const or = (...value: Condition[]): Condition => ({ operator: 'or', value });

describe('simplifyConditions', () => {
  it('drops a branch another branch covers (absorption), whatever the order of its parts', () => {
    expect(simplifyConditions(or(and(eq('a', 1), eq('b', 2)), eq('a', 1)))).toEqual(eq('a', 1));
    expect(simplifyConditions(or(and(eq('a', 1), eq('b', 2)), and(eq('b', 2), eq('a', 1))))).toEqual(and(eq('a', 1), eq('b', 2)));
  });

  it('brings the parts every branch shares out of the OR (distribution)', () => {
    expect(simplifyConditions(or(and(eq('a', 1), eq('b', 2)), and(eq('a', 1), eq('c', 3))))).toEqual(and(eq('a', 1), or(eq('b', 2), eq('c', 3))));
  });

  it('keeps conditions that differ only in their value apart, Dates by their instant', () => {
    const tree = or(and(eq('a', 1), eq('b', 2)), and(eq('a', '1'), eq('c', 3)));
    expect(simplifyConditions(tree)).toEqual(tree);
    const at = (ms: number) => ({ operator: 'gt', field: 't', value: new Date(ms) });
    expect(simplifyConditions(or(at(1), at(2)))).toEqual(or(at(1), at(2)));
    expect(simplifyConditions(or(at(1), at(1)))).toEqual(at(1));
  });

  it('leaves subqueries on one relation apart (each may be an index-only scan of its own)', () => {
    const grant = (v: number): Condition => ({ operator: 'elemMatch', field: 'grants', value: and(eq('userId', 'u'), eq('n', v)) });
    expect(simplifyConditions(or(grant(1), grant(2)))).toEqual(or(grant(1), grant(2)));
  });

  it('leaves the inside of a negation to the same laws without moving anything across it', () => {
    const tree = { operator: 'not', value: [or(and(eq('a', 1), eq('b', 2)), eq('a', 1))] };
    expect(simplifyConditions(tree)).toEqual({ operator: 'not', value: [eq('a', 1)] });
  });

  it('gives the same tree for rules given in either order when one covers the other', () => {
    const rules = [
      { action: 'read', subject: 'PartnerOrg', conditions: { organizationId: 'o1', active: true } },
      { action: 'read', subject: 'PartnerOrg', conditions: { organizationId: 'o1' } },
    ] as AppRawRule[];
    for (const order of [rules, [...rules].reverse()]) {
      const ast = rulesToAST(createAbilityFromRules(order), 'read', 'PartnerOrg') as Condition;
      expect(simplifyConditions(ast)).toEqual(eq('organizationId', 'o1'));
    }
  });
});

describe('the scopes of the roles, simplified', () => {
  const columns = (field: string) => `r.${field}`;
  const target = {
    column: columns,
    relation: (name: string) => ({ from: `${name} x`, on: `x.fk = r.id`, local: 'r.id', foreign: 'x.fk', target: { column: (f: string) => `x.${f}`, relation: () => { throw new Error('deeper'); } } }),
  };
  const user = { id: 'u1', organizationId: 'o1', partnerOrgId: null };

  it("a coordinator's cases: her organization, the break-glass ground (which it covers) gone", () => {
    const ability = defineAbilityFor({ ...user, role: 'coordinator' }, { now: new Date(0) });
    const fragment = rulesToSql(ability, 'read', 'Case', { ...target, relation: () => { throw new Error('no relation expected'); } });
    expect(fragment.sql).toBe('(r.organizationId = :casl0)');
    expect(fragment.params).toEqual({ casl0: 'o1' });
  });

  it("a caseworker's cases are still her assigned ones of her organization", () => {
    const ability = defineAbilityFor({ ...user, role: 'caseworker' }, { now: new Date(0) });
    expect(rulesToSql(ability, 'read', 'Case', columns).sql).toBe('((r.organizationId = :casl0) AND (r.assignedCaseworkerId = :casl1))');
  });
});

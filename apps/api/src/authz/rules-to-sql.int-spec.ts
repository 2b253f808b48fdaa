import { asSubject, createAbilityFromRules, type AppRawRule } from '@lantern/permissions';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { rulesToSql } from './rules-to-sql.js';

/**
 * The property SECURITY.md asks for: for random rows and random rule sets, the rows the SQL scope
 * returns are exactly the rows `ability.can` allows one by one. Runs on the real database (both
 * PGlite and PostgreSQL in CI), so SQL's NULL logic is tested, not imagined.
 */
describe('rules → SQL equals ability.can on every row', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const orgs = ['o1', 'o2', null] as const;
  const owners = ['u1', 'u2', null] as const;
  const statuses = ['intake', 'active', 'closed', null] as const;

  interface Row {
    id: number;
    organizationId: string | null;
    ownerId: string | null;
    status: string | null;
    level: number | null;
    active: boolean | null;
  }

  const rowArb = fc.record({
    organizationId: fc.constantFrom(...orgs),
    ownerId: fc.constantFrom(...owners),
    status: fc.constantFrom(...statuses),
    level: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
    active: fc.constantFrom(true, false, null),
  });

  const valueFor = (field: string): fc.Arbitrary<string | number | boolean | null> =>
    field === 'organizationId'
      ? fc.constantFrom(...orgs)
      : field === 'ownerId'
        ? fc.constantFrom(...owners)
        : field === 'status'
          ? fc.constantFrom(...statuses)
          : field === 'active'
            ? fc.constantFrom(true, false)
            : fc.integer({ min: 0, max: 4 });

  const fieldCondition = fc.constantFrom('organizationId', 'ownerId', 'status', 'level', 'active').chain((field) =>
    fc
      .oneof(
        valueFor(field).map((v) => v),
        valueFor(field).map((v) => ({ $ne: v })),
        fc.array(valueFor(field), { minLength: 0, maxLength: 3 }).map((list) => ({ $in: list })),
        fc.array(valueFor(field), { minLength: 0, maxLength: 3 }).map((list) => ({ $nin: list })),
        ...(field === 'level'
          ? [
              fc.integer({ min: 0, max: 4 }).map((v) => ({ $gt: v })),
              fc.integer({ min: 0, max: 4 }).map((v) => ({ $gte: v })),
              fc.integer({ min: 0, max: 4 }).map((v) => ({ $lt: v })),
              fc.integer({ min: 0, max: 4 }).map((v) => ({ $lte: v })),
            ]
          : []),
        fc.boolean().map((b) => ({ $exists: b })),
      )
      .map((condition) => [field, condition] as const),
  );

  const ruleArb = fc.record({
    inverted: fc.boolean(),
    conditions: fc.option(
      fc.uniqueArray(fieldCondition, { minLength: 1, maxLength: 3, selector: ([field]) => field }).map((pairs) => Object.fromEntries(pairs)),
      { nil: undefined },
    ),
  });

  const sqlLiteral = (value: unknown, type: string) =>
    value === null ? `NULL::${type}` : typeof value === 'string' ? `'${value}'::${type}` : `${String(value)}::${type}`;

  it('for 300 random rule sets over random rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 25 }), fc.array(ruleArb, { maxLength: 4 }), async (rawRows, rawRules) => {
        const rows: Row[] = rawRows.map((r, i) => ({ id: i + 1, ...r }));
        const rules = rawRules.map((r) => ({
          action: 'read',
          subject: 'PartnerOrg',
          ...(r.inverted ? { inverted: true } : {}),
          ...(r.conditions ? { conditions: r.conditions } : {}),
        })) as AppRawRule[];
        const ability = createAbilityFromRules(rules);
        const expected = rows.filter((row) => ability.can('read', asSubject('PartnerOrg', { ...row }))).map((r) => r.id);

        const fragment = rulesToSql(ability, 'read', 'PartnerOrg', (field) => `t."${field}"`);
        const values = rows
          .map(
            (r) =>
              `(${r.id}, ${sqlLiteral(r.organizationId, 'text')}, ${sqlLiteral(r.ownerId, 'text')}, ${sqlLiteral(r.status, 'text')}, ${sqlLiteral(r.level, 'int')}, ${sqlLiteral(r.active, 'boolean')})`,
          )
          .join(', ');
        const [sql, params] = t.dataSource.driver.escapeQueryWithParameters(
          `SELECT t.id FROM (VALUES ${values}) AS t(id, "organizationId", "ownerId", "status", "level", "active") WHERE ${fragment.sql} ORDER BY t.id`,
          fragment.params,
        );
        const actual = ((await t.dataSource.query(sql, params)) as { id: number }[]).map((r) => r.id);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('no rule at all matches nothing', () => {
    const fragment = rulesToSql(createAbilityFromRules([]), 'read', 'PartnerOrg', (f) => f);
    expect(fragment.sql).toBe('FALSE');
  });

  it('refuses operators it does not know instead of widening access', () => {
    const ability = createAbilityFromRules([
      { action: 'read', subject: 'PartnerOrg', conditions: { name: { $regex: '^A' } } } as unknown as AppRawRule,
    ]);
    expect(() => rulesToSql(ability, 'read', 'PartnerOrg', (f) => f)).toThrow(/Unsupported/);
  });
});

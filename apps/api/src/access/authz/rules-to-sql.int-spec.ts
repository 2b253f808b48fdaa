import { asSubject, createAbilityFromRules, type AppRawRule } from '@lantern/permissions';
import fc from 'fast-check';
import { rulesToSql, type SqlTarget } from './rules-to-sql.js';
import { withTestApp } from '../../testing/builders.js';

/**
 * The property docs/security-model.md asks for: for random rows and random rule sets, the rows the SQL scope
 * returns are exactly the rows `ability.can` allows one by one. Runs on the real database (both
 * PGlite and PostgreSQL in CI), so SQL's NULL logic is tested, not imagined.
 */
describe('rules → SQL equals ability.can on every row', () => {
  const t = withTestApp();

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

/**
 * The same property for rules that follow relations (issue 9): a note is tied to its case, the case to
 * its survivor, the survivor to its cases and break-glass grants. JavaScript decides on records with
 * their related records attached (as RecordAccess loads them); SQL decides with subqueries over the same
 * rows, both as membership tests (`local IN (SELECT foreign ...)`, what sql-target.ts gives) and as
 * correlated EXISTS (a join that is not one equality). Missing relations (a note without a case), lists
 * (a survivor's cases) and negations (inverted rules) included.
 */
describe('relational rules → SQL equals ability.can on every row', () => {
  const t = withTestApp();

  const users = ['u1', 'u2', null] as const;
  const orgs = ['o1', 'o2'] as const;
  type Survivor = { id: string; organizationId: string; createdBy: string | null };
  type Kase = { id: string; organizationId: string; assignedCaseworkerId: string | null; survivorId: string };
  type Grant = { id: string; survivorId: string; userId: string; expiresAt: number };
  type Note = { id: number; organizationId: string; caseId: string | null; authorId: string | null };

  const worldArb = fc
    .record({
      survivors: fc.array(fc.record({ organizationId: fc.constantFrom(...orgs), createdBy: fc.constantFrom(...users) }), { minLength: 1, maxLength: 4 }),
      cases: fc.array(
        fc.record({ organizationId: fc.constantFrom(...orgs), assignedCaseworkerId: fc.constantFrom(...users), survivor: fc.nat(3) }),
        { maxLength: 5 },
      ),
      grants: fc.array(fc.record({ survivor: fc.nat(3), userId: fc.constantFrom('u1', 'u2'), expiresAt: fc.integer({ min: 0, max: 4 }) }), { maxLength: 4 }),
      notes: fc.array(fc.record({ organizationId: fc.constantFrom(...orgs), kase: fc.option(fc.nat(6), { nil: null }), authorId: fc.constantFrom(...users) }), {
        minLength: 1,
        maxLength: 12,
      }),
    })
    .map((w) => {
      const survivors: Survivor[] = w.survivors.map((s, i) => ({ id: `s${i}`, ...s }));
      const cases: Kase[] = w.cases.map((c, i) => ({
        id: `c${i}`,
        organizationId: c.organizationId,
        assignedCaseworkerId: c.assignedCaseworkerId,
        survivorId: survivors[c.survivor % survivors.length]!.id,
      }));
      const grants: Grant[] = w.grants.map((g, i) => ({ id: `g${i}`, survivorId: survivors[g.survivor % survivors.length]!.id, userId: g.userId, expiresAt: g.expiresAt }));
      // A case id that may not exist (c6) stands for a dangling or missing relation.
      const notes: Note[] = w.notes.map((n, i) => ({ id: i + 1, organizationId: n.organizationId, caseId: n.kase === null ? null : `c${n.kase}`, authorId: n.authorId }));
      return { survivors, cases, grants, notes };
    });

  const user = fc.constantFrom('u1', 'u2');
  const conditionArb = fc.oneof(
    fc.constantFrom(...orgs).map((v) => ({ organizationId: v })),
    user.map((v) => ({ 'case.assignedCaseworkerId': v })),
    fc.constantFrom(...orgs).map((v) => ({ 'case.organizationId': v })),
    user.map((v) => ({ 'case.survivor.createdBy': v })),
    user.map((v) => ({ 'case.survivor.cases.assignedCaseworkerId': v })),
    fc.constant({ 'case.survivor.cases': { $size: 0 } }),
    fc.tuple(user, fc.integer({ min: 0, max: 4 })).map(([u, n]) => ({ 'case.survivor.grants': { $elemMatch: { userId: u, expiresAt: { $gt: n } } } })),
    user.map((v) => ({ authorId: v })),
    user.map((v) => ({ 'case.assignedCaseworkerId': { $ne: v } })),
    fc.array(user, { maxLength: 2 }).map((list) => ({ 'case.assignedCaseworkerId': { $in: list } })),
  );
  const ruleArb = fc.record({
    inverted: fc.boolean(),
    conditions: fc.array(conditionArb, { minLength: 1, maxLength: 2 }).map((parts) => Object.assign({}, ...parts) as Record<string, unknown>),
  });

  const lit = (v: unknown) => (v === null ? 'NULL::text' : typeof v === 'number' ? `${v}::int` : `'${String(v)}'::text`);
  const values = (rows: Record<string, unknown>[], columns: string[], empty: string) =>
    rows.length === 0 ? `(SELECT ${empty} WHERE FALSE)` : `(VALUES ${rows.map((r) => `(${columns.map((c) => lit(r[c])).join(', ')})`).join(', ')})`;

  it('for 200 random worlds and rule sets', async () => {
    await fc.assert(
      // How relations are written: membership tests, correlated EXISTS asked for (a page's `perRow`), or
      // EXISTS because the target gives no single-column join.
      fc.asyncProperty(worldArb, fc.array(ruleArb, { minLength: 1, maxLength: 3 }), fc.constantFrom('membership', 'perRow', 'noColumns'), async (world, rawRules, form) => {
        const tables = {
          case: { sql: values(world.cases, ['id', 'organizationId', 'assignedCaseworkerId', 'survivorId'], "NULL::text, NULL::text, NULL::text, NULL::text"), columns: ['id', 'organizationId', 'assignedCaseworkerId', 'survivorId'] },
          survivor: { sql: values(world.survivors, ['id', 'organizationId', 'createdBy'], 'NULL::text, NULL::text, NULL::text'), columns: ['id', 'organizationId', 'createdBy'] },
          grant: { sql: values(world.grants, ['id', 'survivorId', 'userId', 'expiresAt'], 'NULL::text, NULL::text, NULL::text, NULL::int'), columns: ['id', 'survivorId', 'userId', 'expiresAt'] },
        };
        const relations: Record<string, Record<string, { table: keyof typeof tables; local: string; foreign: string }>> = {
          note: { case: { table: 'case', local: 'caseId', foreign: 'id' } },
          case: { survivor: { table: 'survivor', local: 'survivorId', foreign: 'id' } },
          survivor: { cases: { table: 'case', local: 'id', foreign: 'survivorId' }, grants: { table: 'grant', local: 'id', foreign: 'survivorId' } },
          grant: {},
        };
        let n = 0;
        const target = (kind: string, alias: string): SqlTarget => ({
          column: (field) => `${alias}."${field}"`,
          relation(name) {
            const spec = relations[kind]![name]!;
            const inner = `x${++n}`;
            const table = tables[spec.table];
            return {
              from: `${table.sql} AS ${inner}(${table.columns.map((c) => `"${c}"`).join(', ')})`,
              on: `${inner}."${spec.foreign}" = ${alias}."${spec.local}"`,
              ...(form !== 'noColumns' ? { local: `${alias}."${spec.local}"`, foreign: `${inner}."${spec.foreign}"` } : {}),
              target: target(spec.table, inner),
            };
          },
        });

        const rules = rawRules.map((r) => ({ action: 'read', subject: 'CaseNote', ...(r.inverted ? { inverted: true } : {}), conditions: r.conditions })) as AppRawRule[];
        // Every rule set needs one allowing rule for CASL to allow anything.
        if (rules.every((r) => r.inverted)) rules.push({ action: 'read', subject: 'CaseNote' } as AppRawRule);
        const ability = createAbilityFromRules(rules);

        const survivorOf = (id: string) => {
          const s = world.survivors.find((x) => x.id === id);
          return s ? { ...s, cases: world.cases.filter((c) => c.survivorId === s.id), grants: world.grants.filter((g) => g.survivorId === s.id) } : null;
        };
        const expected = world.notes
          .filter((note) => {
            const kase = world.cases.find((c) => c.id === note.caseId);
            const hydrated = { ...note, case: kase ? { ...kase, survivor: survivorOf(kase.survivorId) } : null };
            return ability.can('read', asSubject('CaseNote', hydrated));
          })
          .map((r) => r.id);

        const fragment = rulesToSql(ability, 'read', 'CaseNote', target('note', 't'), 'casl', form === 'perRow' ? 'perRow' : 'membership');
        if (form === 'perRow') expect(fragment.sql).not.toContain(' IN (SELECT');
        const [sql, params] = t.dataSource.driver.escapeQueryWithParameters(
          `SELECT t.id FROM ${values(world.notes, ['id', 'organizationId', 'caseId', 'authorId'], '')} AS t(id, "organizationId", "caseId", "authorId") WHERE ${fragment.sql} ORDER BY t.id`,
          fragment.params,
        );
        const actual = ((await t.dataSource.query(sql, params)) as { id: number }[]).map((r) => r.id);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('writes a relation joined on one column as a membership test, NULL-safe under a negation', () => {
    const target = (alias: string, depth = 0): SqlTarget => ({
      column: (field) => `${alias}.${field}`,
      relation: () => ({
        from: `survivor_case c${depth}`,
        on: `c${depth}.id = ${alias}.case_id`,
        local: `${alias}.case_id`,
        foreign: `c${depth}.id`,
        target: target(`c${depth}`, depth + 1),
      }),
    });
    const allow = createAbilityFromRules([{ action: 'read', subject: 'CaseNote', conditions: { 'case.assignedCaseworkerId': 'u1' } } as AppRawRule]);
    const allowed = rulesToSql(allow, 'read', 'CaseNote', target('n')).sql;
    expect(allowed).toContain('n.case_id IN (SELECT c0.id FROM survivor_case c0 WHERE c0.id IS NOT NULL AND');
    expect(allowed).not.toContain('EXISTS');
    const deny = createAbilityFromRules([
      { action: 'read', subject: 'CaseNote' },
      { action: 'read', subject: 'CaseNote', inverted: true, conditions: { 'case.assignedCaseworkerId': 'u2' } },
    ] as AppRawRule[]);
    expect(rulesToSql(deny, 'read', 'CaseNote', target('n')).sql).toMatch(/NOT \(COALESCE\(n\.case_id IN \(SELECT c0\.id .*\), FALSE\)/);
  });
});

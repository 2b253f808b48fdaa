/**
 * What an attacker can derive from published releases (docs/metrics-method.md, "The exact audit").
 *
 * Every release is turned into one linear system over "atoms": the true count of one table, one
 * quarter (or year, when none of its quarters is published) and one finest value per dimension. Each
 * published value v constrains the sum of its atoms to the counts that publish as v ([v−2, v+2] when
 * rounded to 5); a `<11` cell to [0, 10]; a complementary suppression only to ≥ 0 (see below); a
 * year's cell is the sum of its quarters' atoms; tables sharing a margin group have equal dim-1 margins.
 * The interval of a suppressed cell is then the exact integer minimum and maximum of its atom sum over
 * that system (see lp.ts), not an interval-propagation estimate.
 *
 * Noise-mode tables are checked on their own: their published numbers describe the noised counts, which
 * are not tied to the true counts of any other table or period.
 */
import { integerRange, type LinearConstraint, SimplexSession, type Term } from './lp.js';
import { publishedInterval } from './rounding.js';
import { DEFAULT_ROUNDING_BASE, DEFAULT_THRESHOLD, type Dimension, type ProtectedCell, type ProtectedTable, type PublishedRelease } from './types.js';

export interface AuditFinding {
  release: number;
  table: string;
  cell: ProtectedCell;
  lo: number;
  hi: number;
  /** False when the bound could not be proven exactly (branch and bound gave up): treated as unsafe. */
  exact: boolean;
}

export interface AuditResult {
  /** Suppressed cells whose derivable interval holds fewer than `threshold` values. */
  narrow: AuditFinding[];
  /** Structural problems (inconsistent releases, unknown dimension values). */
  problems: string[];
}

const PERIOD = /^(\d{4})(?:-Q([1-4]))?$/;

function expand(dimension: Dimension, value: string): readonly string[] {
  return dimension.covers?.[value] ?? [value];
}

function cartesian(lists: readonly (readonly string[])[]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

export function thresholdOf(table: ProtectedTable): number {
  return table.threshold ?? DEFAULT_THRESHOLD;
}

export function auditReleases(releases: readonly PublishedRelease[]): AuditResult {
  const problems: string[] = [];
  const isNoise = (table: ProtectedTable): boolean => table.epsilon > 0;

  // Years with a published quarter get quarter atoms; other years one atom per year.
  const yearsWithQuarters = new Set<string>();
  for (const release of releases) {
    const match = PERIOD.exec(release.period);
    if (match?.[2] && release.tables.some((t) => !isNoise(t))) yearsWithQuarters.add(match[1] as string);
  }
  const unitsOf = (period: string, table: ProtectedTable): string[] => {
    if (isNoise(table)) return [`noise:${period}`];
    const match = PERIOD.exec(period);
    if (!match) return [`other:${period}`];
    const [, year, quarter] = match as unknown as [string, string, string | undefined];
    if (quarter) return [`${year}-Q${quarter}`];
    return yearsWithQuarters.has(year) ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`) : [year];
  };

  // Dimension names per table id, and the finest values of each (shared across a margin group for dim 1).
  const dimensionNames = new Map<string, string[]>();
  const groupOf = new Map<string, { group: string; name: string }>();
  for (const release of releases) {
    for (const table of release.tables) {
      const names = dimensionNames.get(table.id) ?? [];
      for (const dimension of table.dimensions) if (!names.includes(dimension.name)) names.push(dimension.name);
      dimensionNames.set(table.id, names);
      const first = table.dimensions[0];
      if (table.marginGroup && first && !isNoise(table)) groupOf.set(table.id, { group: table.marginGroup, name: first.name });
    }
  }
  const scopeOf = (id: string, name: string): string => {
    const group = groupOf.get(id);
    return group && group.name === name ? `group:${group.group}:${name}` : `table:${id}:${name}`;
  };
  const finest = new Map<string, Set<string>>();
  for (const release of releases) {
    for (const table of release.tables) {
      for (const dimension of table.dimensions) {
        const scope = scopeOf(table.id, dimension.name);
        const set = finest.get(scope) ?? new Set<string>();
        for (const value of dimension.values) for (const v of expand(dimension, value)) set.add(v);
        finest.set(scope, set);
      }
    }
  }

  const atomIndex = new Map<string, number>();
  const atom = (key: string): number => {
    let index = atomIndex.get(key);
    if (index === undefined) {
      index = atomIndex.size;
      atomIndex.set(key, index);
    }
    return index;
  };
  const atomsOf = (id: string, units: readonly string[], choice: ReadonlyMap<string, readonly string[]>): number[] => {
    const names = dimensionNames.get(id) ?? [];
    const lists = names.map((name) => choice.get(name) ?? [...(finest.get(scopeOf(id, name)) ?? [])]);
    const atoms: number[] = [];
    for (const unit of units) for (const combo of cartesian(lists)) atoms.push(atom(`${id}|${unit}|${combo.join('|')}`));
    return atoms;
  };

  const constraints: LinearConstraint[] = [];
  const targets: { release: number; table: ProtectedTable; cell: ProtectedCell; terms: Term[]; key: string }[] = [];
  const groupUnits = new Map<string, Set<string>>(); // `${group}|${unit}` → table ids

  releases.forEach((release, releaseIndex) => {
    for (const table of release.tables) {
      const units = unitsOf(release.period, table);
      const publication = { threshold: thresholdOf(table), base: table.roundingBase ?? DEFAULT_ROUNDING_BASE };
      const [d1, d2] = table.dimensions;
      const group = groupOf.get(table.id);
      if (group && table.marginGroup && !isNoise(table)) {
        for (const unit of units) {
          const key = `${group.group}|${unit}`;
          const set = groupUnits.get(key) ?? new Set<string>();
          set.add(table.id);
          groupUnits.set(key, set);
        }
      }
      for (const cell of table.cells) {
        const choice = new Map<string, readonly string[]>();
        if (d1 && cell.dim1 !== '*') {
          if (!d1.values.includes(cell.dim1)) problems.push(`${table.id}: cell value '${cell.dim1}' is not a value of ${d1.name}`);
          choice.set(d1.name, expand(d1, cell.dim1));
        }
        if (d2 && cell.dim2 !== null && cell.dim2 !== '*') {
          if (!d2.values.includes(cell.dim2)) problems.push(`${table.id}: cell value '${cell.dim2}' is not a value of ${d2.name}`);
          choice.set(d2.name, expand(d2, cell.dim2));
        }
        const terms: Term[] = atomsOf(table.id, units, choice).map((a) => [a, 1] as const);
        switch (cell.flag) {
          case 'ok':
            if (cell.value === null) problems.push(`${table.id}: a published cell has no value`);
            else constraints.push({ terms, lo: cell.value, hi: cell.value });
            break;
          case 'rounded':
          case 'noised': {
            if (cell.value === null) problems.push(`${table.id}: a published cell has no value`);
            else constraints.push({ terms, ...publishedInterval(cell.value, publication) });
            break;
          }
          case 'suppressed_primary':
            constraints.push({ terms, lo: 0, hi: publication.threshold - 1 });
            targets.push({ release: releaseIndex, table, cell, terms, key: terms.map(([a]) => a).sort((a, b) => a - b).join(',') });
            break;
          case 'suppressed_complementary':
            // Its flag implies ≥ 11, but that bound is left out on purpose: with it, two `<11` cells under
            // any suppressed total ≥ 11 would always reveal "each ≥ 1", which no suppression can avoid;
            // what it adds is that a cell is *not* small, never a value in 1–10.
            targets.push({ release: releaseIndex, table, cell, terms, key: terms.map(([a]) => a).sort((a, b) => a - b).join(',') });
            break;
          default: {
            const unknown: never = cell.flag;
            problems.push(`${table.id}: unknown flag ${String(unknown)}`);
          }
        }
      }
    }
  });

  // Tables of one margin group count the same people by the same first dimension.
  for (const [key, ids] of groupUnits) {
    const [group, unit] = key.split('|') as [string, string];
    const list = [...ids];
    const first = list[0] as string;
    const name = groupOf.get(first)?.name as string;
    for (const value of finest.get(`group:${group}:${name}`) ?? []) {
      const base = atomsOf(first, [unit], new Map([[name, [value]]]));
      for (const other of list.slice(1)) {
        const terms: Term[] = [...base.map((a) => [a, 1] as const), ...atomsOf(other, [unit], new Map([[name, [value]]])).map((a) => [a, -1] as const)];
        constraints.push({ terms, lo: 0, hi: 0 });
      }
    }
  }

  // Solve each connected component of the system on its own.
  const parent = Array.from({ length: atomIndex.size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (const { terms } of [...constraints, ...targets]) {
    const [first, ...rest] = terms;
    if (!first) continue;
    for (const [v] of rest) parent[find(v)] = find(first[0]);
  }
  const components = new Map<number, { variables: number[]; constraints: LinearConstraint[] }>();
  const componentOf = (v: number) => {
    const root = find(v);
    let component = components.get(root);
    if (!component) {
      component = { variables: [], constraints: [] };
      components.set(root, component);
    }
    return component;
  };
  for (let v = 0; v < atomIndex.size; v += 1) componentOf(v).variables.push(v);
  for (const constraint of constraints) {
    const first = constraint.terms[0];
    if (first) componentOf(first[0]).constraints.push(constraint);
    else if ((constraint.lo ?? 0) > 0 || (constraint.hi ?? 0) < 0) problems.push('an empty cell has a non-zero published value');
  }

  const narrow: AuditFinding[] = [];
  const sessions = new Map<number, { session: SimplexSession; local: Map<number, number>; constraints: LinearConstraint[] } | null>();
  const seen = new Map<string, { lo: number; hi: number; exact: boolean } | null>();
  for (const target of targets) {
    const first = target.terms[0];
    let range = seen.get(target.key);
    if (range === undefined) {
      if (!first) range = { lo: 0, hi: 0, exact: true };
      else {
        const root = find(first[0]);
        let solved = sessions.get(root);
        if (solved === undefined) {
          const component = components.get(root) as { variables: number[]; constraints: LinearConstraint[] };
          const local = new Map(component.variables.map((v, i) => [v, i]));
          const localConstraints = component.constraints.map((c) => ({ ...c, terms: c.terms.map(([v, k]) => [local.get(v) as number, k] as const) }));
          const session = new SimplexSession(component.variables.length, localConstraints);
          solved = session.feasible ? { session, local, constraints: localConstraints } : null;
          if (!solved) problems.push(`${target.table.id}: the published values of this and earlier releases contradict each other`);
          sessions.set(root, solved);
        }
        range = solved
          ? integerRange(
              solved.session,
              solved.local.size,
              solved.constraints,
              target.terms.map(([v, k]) => [solved?.local.get(v) as number, k] as const),
            )
          : null;
      }
      seen.set(target.key, range);
    }
    if (!range) continue;
    const width = range.hi - range.lo + 1;
    if (width < thresholdOf(target.table) || !range.exact) {
      narrow.push({ release: target.release, table: target.table.id, cell: target.cell, lo: range.lo, hi: range.hi, exact: range.exact });
    }
  }
  return { narrow, problems };
}

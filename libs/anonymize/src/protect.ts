/**
 * From exact counts to protected tables (docs/metrics-method.md, k mode and noise mode): noise (noise mode), homogeneity and
 * band collapsing, threshold and rounding, complementary suppression, then the same exact audit the
 * self-check runs, adding suppressions until no suppressed cell can be narrowed below the threshold.
 */
import { auditReleases } from './audit.js';
import { cellNoise } from './noise.js';
import { checkPublication, publish, type Publication } from './rounding.js';
import { applyShape, cellKey, cloneChoice, emptyChoice, finestKeys, mergeableBands, rowCells, type ShapeChoice, type ShapedTable } from './shape.js';
import { type ComplementStrategy, complementarySuppression, isGrandTotal, primarySuppression, smallestUnsuppressed, type SuppressionGraph, type SuppressionState } from './suppression.js';
import {
  DEFAULT_EPSILON_PER_TABLE,
  DEFAULT_ROUNDING_BASE,
  DEFAULT_THRESHOLD,
  type Dimension,
  type ExactTable,
  type ProtectOptions,
  type ProtectedCell,
  type ProtectedTable,
  type PublishedRelease,
} from './types.js';

/** Rows below this many people must not be dominated by one sensitive category (rule 6). */
export const HOMOGENEITY_ROW_LIMIT = 50;
/** Coverage goals (docs/metrics-method.md, "Band collapsing for coverage"): one-dimension tables keep 90% of people, two-dimension tables 75%. */
export const COVERAGE_GOAL_1D = 0.9;
export const COVERAGE_GOAL_2D = 0.75;

const PERIOD = /^\d{4}(?:-Q[1-4])?$/;
const MAX_AUDIT_ROUNDS = 500;

export class AnonymizeInputError extends Error {
  override readonly name = 'AnonymizeInputError';
}

function validate(tables: readonly ExactTable[], options: ProtectOptions): void {
  // Only whole quarters or years (rule 2): arbitrary ranges would open a differencing channel.
  if (!PERIOD.test(options.period)) throw new AnonymizeInputError(`period must be YYYY or YYYY-Qn, got '${options.period}'`);
  const ids = new Set<string>();
  for (const table of tables) {
    if (ids.has(table.id)) throw new AnonymizeInputError(`duplicate table id ${table.id}`);
    ids.add(table.id);
    if (table.dimensions.length < 1 || table.dimensions.length > 2) throw new AnonymizeInputError(`${table.id}: a table has one or two dimensions`);
    for (const dimension of table.dimensions) {
      const values = new Set(dimension.values);
      if (values.size !== dimension.values.length || values.size === 0) throw new AnonymizeInputError(`${table.id}.${dimension.name}: values must be distinct and not empty`);
      for (const value of [...dimension.values, ...Object.values(dimension.bands ?? {})]) {
        if (value === '*' || value.includes('|') || value === '') throw new AnonymizeInputError(`${table.id}.${dimension.name}: '${value}' is not a usable value`);
      }
      for (const [value, band] of Object.entries(dimension.bands ?? {})) {
        if (values.has(band) && band !== value) throw new AnonymizeInputError(`${table.id}.${dimension.name}: band '${band}' is also a value`);
      }
    }
    const keys = new Set(finestKeys(table).map(cellKey));
    for (const [key, count] of Object.entries(table.counts)) {
      if (!keys.has(key)) throw new AnonymizeInputError(`${table.id}: unknown cell '${key}'`);
      if (!Number.isSafeInteger(count) || count < 0) throw new AnonymizeInputError(`${table.id}: count of '${key}' must be a non-negative integer`);
    }
    const contribution = table.maxContribution ?? 1;
    if (!Number.isSafeInteger(contribution) || contribution < 1) throw new AnonymizeInputError(`${table.id}: maxContribution must be a positive integer`);
  }
}

type Coordinates = { dim1: string; dim2: string | null };

interface TablePlan {
  table: ExactTable;
  group: string | undefined;
  choice: ShapeChoice;
  notes: string[];
  shaped: ShapedTable;
  /** Node per cell, in output order. */
  cells: { at: Coordinates; node: string; inner: boolean; trueCount: number }[];
  lines: { parts: string[]; total: string }[];
}

function nodesOf(id: string, shaped: ShapedTable, group: string | undefined): Pick<TablePlan, 'cells' | 'lines'> {
  const [a, b] = shaped.dimensions;
  const total = group ? `g:${group}|*` : `t:${id}`;
  const cells: TablePlan['cells'] = [];
  const lines: TablePlan['lines'] = [];
  if (!a) {
    cells.push({ at: { dim1: '*', dim2: '*' }, node: total, inner: false, trueCount: shaped.total });
    return { cells, lines };
  }
  const rowNode = (v1: string) => (group ? `g:${group}|${v1}` : `r:${id}|${v1}`);
  if (!b) {
    for (const v1 of a.values) cells.push({ at: { dim1: v1, dim2: null }, node: rowNode(v1), inner: true, trueCount: shaped.counts.get(v1) ?? 0 });
    cells.push({ at: { dim1: '*', dim2: '*' }, node: total, inner: false, trueCount: shaped.total });
    lines.push({ parts: a.values.map(rowNode), total });
    return { cells, lines };
  }
  const inner = (v1: string, v2: string) => `c:${id}|${v1}|${v2}`;
  const colNode = (v2: string) => `k:${id}|${v2}`;
  for (const v1 of a.values) {
    let row = 0;
    for (const v2 of b.values) {
      const count = shaped.counts.get(cellKey([v1, v2])) ?? 0;
      row += count;
      cells.push({ at: { dim1: v1, dim2: v2 }, node: inner(v1, v2), inner: true, trueCount: count });
    }
    cells.push({ at: { dim1: v1, dim2: '*' }, node: rowNode(v1), inner: false, trueCount: row });
    lines.push({ parts: b.values.map((v2) => inner(v1, v2)), total: rowNode(v1) });
  }
  for (const v2 of b.values) {
    const column = a.values.reduce((sum, v1) => sum + (shaped.counts.get(cellKey([v1, v2])) ?? 0), 0);
    cells.push({ at: { dim1: '*', dim2: v2 }, node: colNode(v2), inner: false, trueCount: column });
    lines.push({ parts: a.values.map((v1) => inner(v1, v2)), total: colNode(v2) });
  }
  cells.push({ at: { dim1: '*', dim2: '*' }, node: total, inner: false, trueCount: shaped.total });
  lines.push({ parts: a.values.map(rowNode), total });
  lines.push({ parts: b.values.map(colNode), total });
  return { cells, lines };
}

function graphOf(plans: readonly Pick<TablePlan, 'cells' | 'lines'>[], pinGrandTotals: boolean): SuppressionGraph {
  const values = new Map<string, number>();
  for (const plan of plans) for (const cell of plan.cells) values.set(cell.node, cell.trueCount);
  return { values, lines: plans.flatMap((p) => p.lines), pinGrandTotals };
}

const STRATEGIES: readonly ComplementStrategy[] = ['cells', 'grand-totals', 'totals'];

function keptCount(plans: readonly Pick<TablePlan, 'cells'>[], state: ReadonlyMap<string, SuppressionState>): number {
  return plans.reduce((sum, plan) => sum + plan.cells.filter((c) => c.inner && !state.has(c.node)).reduce((s, c) => s + c.trueCount, 0), 0);
}

/**
 * Share of people in inner cells that the published table of this shape would keep: primary,
 * complementary and the exact audit's extra suppression, of this table alone (no earlier releases).
 */
function estimateCoverage(table: ExactTable, choice: ShapeChoice, shaped: ShapedTable, publication: Publication, pinGrandTotals: boolean): number {
  if (shaped.dimensions.length === 0 || shaped.total === 0) return 1;
  const plan: TablePlan = { table, group: undefined, choice, notes: [], shaped, ...nodesOf(table.id, shaped, undefined) };
  const graph = graphOf([plan], pinGrandTotals);
  let best = 0;
  for (const strategy of STRATEGIES) {
    const state = suppressWithAudit([plan], graph, strategy, { publication, period: 'estimate', earlier: [], epsilon: 0 });
    // Measured as the release reports it (from published, rounded values), so a table the estimate
    // passes does not publish a coverage just under the goal.
    best = Math.max(best, toProtected(plan, state, publication, 0).coverage);
  }
  return best;
}

interface AuditContext {
  publication: Publication;
  period: string;
  earlier: readonly PublishedRelease[];
  epsilon: number;
}

/** Primary, complementary, then the exact audit: while a suppressed cell can be narrowed, suppress more. */
function suppressWithAudit(plans: readonly TablePlan[], graph: SuppressionGraph, strategy: ComplementStrategy, context: AuditContext): Map<string, SuppressionState> {
  const { publication, earlier } = context;
  const linesOf = new Map<string, SuppressionGraph['lines']>();
  for (const line of graph.lines) for (const id of [...line.parts, line.total]) linesOf.set(id, [...(linesOf.get(id) ?? []), line]);
  const build = (state: ReadonlyMap<string, SuppressionState>): ProtectedTable[] => plans.map((plan) => toProtected(plan, state, publication, context.epsilon));

  const state = primarySuppression(graph, publication.threshold);
  complementarySuppression(graph, state, strategy);
  const totalsFirst = (lines: SuppressionGraph['lines']): string[] =>
    strategy === 'totals' ? lines.map((l) => l.total) : strategy === 'grand-totals' ? lines.map((l) => l.total).filter(isGrandTotal) : [];
  for (let round = 0; round < MAX_AUDIT_ROUNDS; round += 1) {
    const { narrow } = auditReleases([...earlier, { period: context.period, tables: build(state) }]);
    if (narrow.length === 0) break;
    let added = false;
    // One new suppression per line and round: a finding on a line that just changed is re-audited first.
    const touched = new Set<SuppressionGraph['lines'][number]>();
    for (const finding of narrow) {
      const plan = plans.find((p) => p.table.id === finding.table);
      if (!plan) continue;
      const same = plan.cells.find((c) => c.at.dim1 === finding.cell.dim1 && c.at.dim2 === finding.cell.dim2);
      let pick: string | null = null;
      if (finding.release === earlier.length && same) {
        const lines = linesOf.get(same.node) ?? [];
        if (lines.some((l) => touched.has(l))) continue;
        pick =
          smallestUnsuppressed(graph, state, totalsFirst(lines)) ??
          smallestUnsuppressed(graph, state, lines.flatMap((l) => l.parts)) ??
          smallestUnsuppressed(graph, state, lines.map((l) => l.total));
      } else {
        // Narrowed through an earlier release: suppress the matching cell here, else the smallest one.
        pick =
          (same && !state.has(same.node) ? same.node : null) ??
          smallestUnsuppressed(graph, state, plan.cells.filter((c) => c.inner).map((c) => c.node)) ??
          smallestUnsuppressed(graph, state, plan.cells.map((c) => c.node));
      }
      if (pick !== null) {
        for (const line of linesOf.get(pick) ?? []) touched.add(line);
        for (const line of same ? (linesOf.get(same.node) ?? []) : []) touched.add(line);
        state.set(pick, 'complementary');
        added = true;
      }
    }
    if (!added) break; // nothing left to suppress: the self-check will refuse the release
    complementarySuppression(graph, state, strategy);
  }
  return state;
}

interface Violation {
  sensitive: number; // original index
  row: number | null; // original index of the row dimension, null for a one-dimension table
  rowValue: string | null;
  dominant: string; // published value of the sensitive dimension
}

/** Rule 6 on the counts and on what their published values would show. */
function homogeneityViolation(shaped: ShapedTable, publication: Publication): Violation | null {
  const dominated = (n: number, max: number): boolean => {
    if (n < publication.threshold || n >= HOMOGENEITY_ROW_LIMIT) return false;
    if (10 * max > 9 * n) return true;
    const pn = publish(n, publication);
    const pm = publish(max, publication);
    return pn !== null && pm !== null && pn < HOMOGENEITY_ROW_LIMIT && 10 * pm > 9 * pn;
  };
  const dims = shaped.dimensions;
  for (let s = 0; s < dims.length; s += 1) {
    const sensitive = dims[s];
    if (!sensitive?.original.sensitive) continue;
    const other = dims.length === 2 ? (dims[1 - s] as (typeof dims)[number]) : null;
    const rows = other ? other.values : [null];
    for (const rowValue of rows) {
      const cells = other ? rowCells(shaped, 1 - s, rowValue) : rowCells(shaped, null, null);
      const n = cells.reduce((sum, c) => sum + c.count, 0);
      const top = cells.reduce((best, c) => (c.count > best.count ? c : best), { key: '', other: '', count: -1 });
      if (dominated(n, top.count)) return { sensitive: sensitive.index, row: other ? other.index : null, rowValue, dominant: top.other };
    }
  }
  return null;
}

export function protectTables(tables: ExactTable[], options: ProtectOptions): ProtectedTable[] {
  validate(tables, options);
  const publication: Publication = { threshold: options.threshold ?? DEFAULT_THRESHOLD, base: options.roundingBase ?? DEFAULT_ROUNDING_BASE };
  checkPublication(publication);
  const noise = options.mode === 'noise';
  const epsilon = options.epsilonPerTable ?? DEFAULT_EPSILON_PER_TABLE;
  const pinGrandTotals = options.publishGrandTotals === true;
  if (noise) {
    if (!options.noiseKey) throw new AnonymizeInputError('the noise mode needs a noise key');
    if (!(epsilon > 0 && Number.isFinite(epsilon))) throw new AnonymizeInputError('epsilonPerTable must be positive');
  } else if (options.mode !== 'k') throw new AnonymizeInputError(`unknown mode ${String(options.mode)}`);

  // Noise first, on every finest cell (zeros too), so every later decision is post-processing of
  // noised counts and costs no privacy. Clamped at 0 before anything is summed.
  const counts = new Map<string, Map<string, number>>();
  for (const table of tables) {
    const map = new Map<string, number>();
    for (const finest of finestKeys(table)) {
      const key = cellKey(finest);
      const exact = table.counts[key] ?? 0;
      const noised = noise
        ? Math.max(0, exact + cellNoise(options.noiseKey as NonNullable<ProtectOptions['noiseKey']>, table.id, key, options.period, epsilon, table.maxContribution ?? 1))
        : exact;
      map.set(key, noised);
    }
    counts.set(table.id, map);
  }

  // Shaping. Margin groups share their dim-1 merges so the shared margins stay one quantity; noised
  // tables do not share margins (each has its own noise).
  const groupOf = (table: ExactTable): string | undefined => (noise ? undefined : table.marginGroup);
  const groupMerges = new Map<string, Set<string>>();
  const choices = new Map<string, ShapeChoice>(tables.map((t) => [t.id, emptyChoice()]));
  const notes = new Map<string, string[]>(tables.map((t) => [t.id, []]));
  const effective = (table: ExactTable): ShapeChoice => {
    const choice = cloneChoice(choices.get(table.id) as ShapeChoice);
    const group = groupOf(table);
    if (group && !choice.dropped.has(0)) choice.merges[0] = new Set(groupMerges.get(group) ?? []);
    return choice;
  };
  const merge = (table: ExactTable, index: number, band: string, why: string): void => {
    const group = groupOf(table);
    const choice = choices.get(table.id) as ShapeChoice;
    if (index === 0 && group && !choice.dropped.has(0)) {
      const set = groupMerges.get(group) ?? new Set<string>();
      set.add(band);
      groupMerges.set(group, set);
    } else choice.merges[index as 0 | 1].add(band);
    const dimension = table.dimensions[index] as Dimension;
    const members = dimension.values.filter((v) => dimension.bands?.[v] === band);
    (notes.get(table.id) as string[]).push(`${dimension.name}: ${members.join(' + ')} → ${band} (${why})`);
  };
  const canMerge = (table: ExactTable, choice: ShapeChoice, index: number, band: string): boolean =>
    !choice.dropped.has(index) && !choice.merges[index as 0 | 1].has(band) && mergeableBands(table.dimensions[index] as Dimension).includes(band);

  for (let changed = true, rounds = 0; changed && rounds < 1000; rounds += 1) {
    changed = false;
    for (const table of tables) {
      const choice = effective(table);
      const shaped = applyShape(table, counts.get(table.id) as Map<string, number>, choice);
      const violation = homogeneityViolation(shaped, publication);
      if (violation) {
        changed = true;
        // First choice: collapse the row into its coarser band; else drop the sensitive dimension.
        const rowIndex = violation.row ?? violation.sensitive;
        const rowDimension = table.dimensions[rowIndex] as Dimension;
        const shapedRow = shaped.dimensions.find((d) => d.index === rowIndex);
        const rowValue = violation.row === null ? violation.dominant : (violation.rowValue as string);
        const bands = (shapedRow?.covers.get(rowValue) ?? []).map((v) => rowDimension.bands?.[v]).filter((b): b is string => b !== undefined);
        const band = bands.find((b) => canMerge(table, choice, rowIndex, b));
        if (band !== undefined) merge(table, rowIndex, band, 'homogeneity');
        else {
          (choices.get(table.id) as ShapeChoice).dropped.add(violation.sensitive);
          (notes.get(table.id) as string[]).push(`${(table.dimensions[violation.sensitive] as Dimension).name}: dropped (homogeneity)`);
        }
        continue;
      }
      if (shaped.dimensions.length === 0) continue;
      const goal = shaped.dimensions.length === 2 ? COVERAGE_GOAL_2D : COVERAGE_GOAL_1D;
      const coverage = estimateCoverage(table, choice, shaped, publication, pinGrandTotals);
      if (coverage >= goal) continue;
      let best: { index: number; band: string; coverage: number } | null = null;
      for (const d of shaped.dimensions) {
        for (const band of mergeableBands(d.original)) {
          if (!canMerge(table, choice, d.index, band)) continue;
          const trial = cloneChoice(choice);
          trial.merges[d.index as 0 | 1].add(band);
          const trialCoverage = estimateCoverage(table, trial, applyShape(table, counts.get(table.id) as Map<string, number>, trial), publication, pinGrandTotals);
          if (!best || trialCoverage > best.coverage) best = { index: d.index, band, coverage: trialCoverage };
        }
      }
      if (best && best.coverage > coverage) {
        merge(table, best.index, best.band, 'coverage');
        changed = true;
      }
    }
  }

  const publishAll = (): ProtectedTable[] => {
    const plans: TablePlan[] = tables.map((table) => {
      const choice = effective(table);
      const shaped = applyShape(table, counts.get(table.id) as Map<string, number>, choice);
      const group = groupOf(table) && !choice.dropped.has(0) ? groupOf(table) : undefined;
      const own = notes.get(table.id) as string[];
      // Bands merged for another table of the margin group apply here too: say so.
      const shared = [...(group ? choice.merges[0] : [])]
        .filter((band) => !own.some((note) => note.includes(`→ ${band} (`)))
        .map((band) => {
          const dimension = table.dimensions[0] as Dimension;
          return `${dimension.name}: ${dimension.values.filter((v) => dimension.bands?.[v] === band).join(' + ')} → ${band} (margin group ${group ?? ''})`;
        });
      return { table, group, choice, notes: [...own, ...shared], shaped, ...nodesOf(table.id, shaped, group) };
    });
    const graph = graphOf(plans, pinGrandTotals);
    for (const plan of plans) {
      for (const cell of plan.cells) {
        if (graph.values.get(cell.node) !== cell.trueCount) {
          throw new AnonymizeInputError(`margin group ${plan.group ?? ''}: tables disagree on the margin ${cell.at.dim1}`);
        }
      }
    }

    const earlier = options.earlier ?? [];
    const run = (strategy: ComplementStrategy): Map<string, SuppressionState> =>
      suppressWithAudit(plans, graph, strategy, { publication, period: options.period, earlier, epsilon: noise ? epsilon : 0 });

    // Every strategy; keep the one that leaves the most people in published inner cells (ties: the first).
    let best: { state: Map<string, SuppressionState>; kept: number } | null = null;
    for (const strategy of STRATEGIES) {
      const state = run(strategy);
      const kept = keptCount(plans, state);
      if (!best || kept > best.kept) best = { state, kept };
    }
    const state = (best as { state: Map<string, SuppressionState> }).state;
    return plans.map((plan) => toProtected(plan, state, publication, noise ? epsilon : 0));
  };

  // With totals pinned, a table whose every cell is below the threshold under a total of 11 or more
  // cannot hide them all (the total tells that not all are 0): it publishes its total only.
  for (let round = 0; ; round += 1) {
    const release = publishAll();
    if (!pinGrandTotals || noise || round >= tables.length) return release;
    const { narrow } = auditReleases([...(options.earlier ?? []), { period: options.period, tables: release }]);
    const current = (options.earlier ?? []).length;
    const failing = new Set(narrow.filter((f) => f.release === current).map((f) => f.table));
    let changed = false;
    for (const table of tables) {
      if (!failing.has(table.id)) continue;
      const choice = choices.get(table.id) as ShapeChoice;
      for (const index of table.dimensions.keys()) {
        if (!choice.dropped.has(index)) {
          choice.dropped.add(index);
          changed = true;
        }
      }
      (notes.get(table.id) as string[]).push('all cells: dropped (they would be derivable from the published total)');
    }
    if (!changed) return release; // nothing left to drop: the self-check will refuse the release
  }
}

function toProtected(plan: TablePlan, state: ReadonlyMap<string, SuppressionState>, publication: Publication, epsilon: number): ProtectedTable {
  const flagOfPublished = epsilon > 0 ? 'noised' : publication.base > 1 ? 'rounded' : 'ok';
  const cells: ProtectedCell[] = plan.cells.map(({ at, node, trueCount }) => {
    const suppressed = state.get(node);
    if (suppressed === 'primary') return { ...at, value: null, display: `<${publication.threshold}`, flag: 'suppressed_primary' };
    if (suppressed === 'complementary') return { ...at, value: null, display: 'suppressed', flag: 'suppressed_complementary' };
    const value = publish(trueCount, publication) as number;
    // Always 'rounded', never 'ok' for a count that happens to be a multiple of 5: the flag would
    // otherwise tell the exact count.
    return { ...at, value, display: String(value), flag: flagOfPublished };
  });
  // Coverage from published values only: a ratio of exact counts would itself be an exact statistic.
  const total = cells.find((c) => c.dim1 === '*' && c.dim2 === '*')?.value ?? null;
  const innerPublished = plan.cells.reduce((sum, c, i) => (c.inner ? sum + ((cells[i] as ProtectedCell).value ?? 0) : sum), 0);
  // With the total suppressed, each `<11` cell counts as its largest possible value (a lower bound of
  // the coverage); a complementary inner cell has no published upper bound, so the coverage is then 0.
  const innerCells = cells.filter((_, i) => (plan.cells[i] as TablePlan['cells'][number]).inner);
  const hiddenInner = innerCells.some((c) => c.flag === 'suppressed_complementary');
  const denominator = total ?? (hiddenInner ? 0 : innerPublished + (publication.threshold - 1) * innerCells.filter((c) => c.flag === 'suppressed_primary').length);
  const coverage =
    plan.shaped.dimensions.length === 0 ? (total === null ? 0 : 1) : denominator > 0 ? Math.min(1, Math.round((innerPublished / denominator) * 1000) / 1000) : 0;
  const dimensions: Dimension[] = plan.shaped.dimensions.map((d) => {
    const covers: Record<string, readonly string[]> = {};
    for (const [value, members] of d.covers) if (members.length > 1 || members[0] !== value) covers[value] = members;
    return {
      name: d.original.name,
      values: d.values,
      ...(d.original.sensitive ? { sensitive: true } : {}),
      ...(Object.keys(covers).length > 0 ? { covers } : {}),
    };
  });
  return {
    id: plan.table.id,
    dimensions,
    cells,
    coverage,
    collapsed: [...plan.notes],
    epsilon,
    ...(plan.group ? { marginGroup: plan.group } : {}),
    threshold: publication.threshold,
    roundingBase: publication.base,
  };
}

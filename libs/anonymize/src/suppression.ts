/**
 * Primary and complementary suppression (docs/metrics-method.md, k mode) over a graph of aggregates.
 *
 * A node is one published quantity (an inner cell, a margin, a total); a shared margin of a margin
 * group is one node referenced by every table of the group, so it is suppressed everywhere or nowhere.
 * A line is a set of parts that add up to a total (a row with its margin, a column, the margins with the
 * grand total). While a line has exactly one suppressed member, its smallest unsuppressed part (or, if
 * none is left, its total) is suppressed too.
 */

export type SuppressionState = 'primary' | 'complementary';

export interface SuppressionGraph {
  values: Map<string, number>;
  lines: { parts: string[]; total: string }[];
  /**
   * Grand totals are never chosen for complementary suppression (ProtectOptions.publishGrandTotals):
   * when several tables count the same people, a total hidden in one and shown in another would help
   * narrow the first one's hidden cells.
   */
  pinGrandTotals?: boolean;
}

const pinned = (graph: SuppressionGraph, id: string): boolean => graph.pinGrandTotals === true && isGrandTotal(id);

export function primarySuppression(graph: SuppressionGraph, threshold: number): Map<string, SuppressionState> {
  const state = new Map<string, SuppressionState>();
  for (const [id, value] of graph.values) if (value < threshold) state.set(id, 'primary');
  return state;
}

/** The smallest unsuppressed member among `candidates` (first in order on ties), or null. */
export function smallestUnsuppressed(graph: SuppressionGraph, state: ReadonlyMap<string, SuppressionState>, candidates: readonly string[]): string | null {
  let best: string | null = null;
  for (const id of candidates) {
    if (state.has(id) || pinned(graph, id)) continue;
    if (best === null || (graph.values.get(id) as number) < (graph.values.get(best) as number)) best = id;
  }
  return best;
}

/**
 * Extends `state` in place until no line has exactly one suppressed member. Strategy 'cells' takes the
 * smallest unsuppressed part (rule 5 to the letter); 'totals' takes the line's total first when it is
 * still published ('grand-totals': only a grand total), which keeps more people in inner cells (the coverage goal) — the caller tries both.
 */
export type ComplementStrategy = 'cells' | 'totals' | 'grand-totals';

/** Grand totals are the nodes `t:<table>` and `g:<group>|*` (see protect.ts). */
export const isGrandTotal = (id: string): boolean => id.startsWith('t:') || (id.startsWith('g:') && id.endsWith('|*'));

export function complementarySuppression(graph: SuppressionGraph, state: Map<string, SuppressionState>, strategy: ComplementStrategy = 'cells'): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of graph.lines) {
      const suppressed = line.parts.filter((id) => state.has(id)).length + (state.has(line.total) ? 1 : 0);
      if (suppressed !== 1) continue;
      const total = state.has(line.total) || pinned(graph, line.total) ? null : line.total;
      const totalFirst = strategy === 'totals' || (strategy === 'grand-totals' && isGrandTotal(line.total));
      const pick = totalFirst ? (total ?? smallestUnsuppressed(graph, state, line.parts)) : (smallestUnsuppressed(graph, state, line.parts) ?? total);
      if (pick === null) continue;
      state.set(pick, 'complementary');
      changed = true;
    }
  }
}

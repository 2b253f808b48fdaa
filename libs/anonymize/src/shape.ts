/**
 * Reshaping a table before suppression: band collapsing (a dimension's values merged into the coarser
 * band its `bands` map names) and dropping a sensitive dimension (docs/metrics-method.md, "Band collapsing for coverage").
 */
import { type Dimension, type ExactTable } from './types.js';

export interface ShapeChoice {
  /** Bands merged, per original dimension index. */
  merges: [Set<string>, Set<string>];
  /** Original dimension indexes dropped. */
  dropped: Set<number>;
}

export interface ShapedDimension {
  original: Dimension;
  index: number;
  values: string[];
  /** Published value → original values. */
  covers: Map<string, string[]>;
  /** Original value → published value. */
  map: Map<string, string>;
}

export interface ShapedTable {
  source: ExactTable;
  dimensions: ShapedDimension[];
  /** Key: published dim-1 value, or `${v1}|${v2}`. */
  counts: Map<string, number>;
  total: number;
}

export function emptyChoice(): ShapeChoice {
  return { merges: [new Set(), new Set()], dropped: new Set() };
}

export function cloneChoice(choice: ShapeChoice): ShapeChoice {
  return { merges: [new Set(choice.merges[0]), new Set(choice.merges[1])], dropped: new Set(choice.dropped) };
}

export function cellKey(values: readonly string[]): string {
  return values.join('|');
}

/** Every finest cell key of a table, in order. */
export function finestKeys(table: ExactTable): string[][] {
  return table.dimensions.reduce<string[][]>((acc, d) => acc.flatMap((prefix) => d.values.map((v) => [...prefix, v])), [[]]);
}

function shapeDimension(original: Dimension, index: number, merged: ReadonlySet<string>): ShapedDimension {
  const map = new Map<string, string>();
  const covers = new Map<string, string[]>();
  const values: string[] = [];
  for (const value of original.values) {
    const band = original.bands?.[value];
    const published = band !== undefined && merged.has(band) ? band : value;
    map.set(value, published);
    if (!covers.has(published)) {
      covers.set(published, []);
      values.push(published);
    }
    (covers.get(published) as string[]).push(value);
  }
  return { original, index, values, covers, map };
}

/** Bands of a dimension that would merge at least two of its values. */
export function mergeableBands(dimension: Dimension): string[] {
  const members = new Map<string, number>();
  for (const value of dimension.values) {
    const band = dimension.bands?.[value];
    if (band !== undefined) members.set(band, (members.get(band) ?? 0) + 1);
  }
  return [...members].filter(([, n]) => n >= 2).map(([band]) => band);
}

/** The table at the published level for a choice; `counts` are the (exact or noised) finest counts. */
export function applyShape(table: ExactTable, counts: ReadonlyMap<string, number>, choice: ShapeChoice): ShapedTable {
  const dimensions = table.dimensions
    .map((d, i) => ({ d, i }))
    .filter(({ i }) => !choice.dropped.has(i))
    .map(({ d, i }) => shapeDimension(d, i, choice.merges[i as 0 | 1]));
  const shaped = new Map<string, number>();
  let total = 0;
  for (const finest of finestKeys(table)) {
    const count = counts.get(cellKey(finest)) ?? 0;
    total += count;
    if (dimensions.length === 0) continue;
    const key = cellKey(dimensions.map((d) => d.map.get(finest[d.index] as string) as string));
    shaped.set(key, (shaped.get(key) ?? 0) + count);
  }
  return { source: table, dimensions, counts: shaped, total };
}

/** The cells of one "row" of a shaped table: fixing value `value` of dimension `fixed` (or all, when null). */
export function rowCells(shaped: ShapedTable, fixed: number | null, value: string | null): { key: string; other: string; count: number }[] {
  const [a, b] = shaped.dimensions;
  if (!a) return [];
  if (!b) return a.values.map((v) => ({ key: v, other: v, count: shaped.counts.get(v) ?? 0 }));
  const cells: { key: string; other: string; count: number }[] = [];
  for (const v1 of a.values) {
    for (const v2 of b.values) {
      if (fixed === 0 && v1 !== value) continue;
      if (fixed === 1 && v2 !== value) continue;
      const key = cellKey([v1, v2]);
      cells.push({ key, other: fixed === 0 ? v2 : v1, count: shaped.counts.get(key) ?? 0 });
    }
  }
  return cells;
}

/**
 * The shapes of the anonymization pipeline (docs/metrics-method.md). Exact tables go in, protected tables come out;
 * a release is the protected tables of one fixed period.
 */

export interface Dimension {
  name: string;
  values: readonly string[];
  /** value → coarser band, used for band collapsing (rule 6 and the coverage goal). */
  bands?: Record<string, string>;
  /** An outcome the homogeneity rule protects. */
  sensitive?: boolean;
  /**
   * Only on published dimensions: a collapsed value → the original values it stands for. Lets the
   * self-check relate releases that collapsed differently (a year vs its quarters).
   */
  covers?: Record<string, readonly string[]>;
}

export interface ExactTable {
  id: string;
  /** One or two dimensions. */
  dimensions: Dimension[];
  /** Key: the value of dimension 1, or `${v1}|${v2}`; a missing key is 0. */
  counts: Record<string, number>;
  /** Tables with the same margin group count the same people by the same first dimension. */
  marginGroup?: string;
  /**
   * How many cells one person can add to (referral tables: at most 3 per survivor). Scales the noise
   * of the noise mode; default 1.
   */
  maxContribution?: number;
}

export type CellFlag = 'ok' | 'suppressed_primary' | 'suppressed_complementary' | 'rounded' | 'noised';

export interface ProtectedCell {
  dim1: string;
  /** null in a one-dimension table; '*' is the margin (total over that dimension). */
  dim2: string | null;
  /** null when suppressed. */
  value: number | null;
  /** '<11' (primary suppression), 'suppressed' (complementary suppression) or the number. */
  display: string;
  flag: CellFlag;
}

export interface ProtectedTable {
  id: string;
  /** After band collapsing or dropping (a table whose only, sensitive dimension was dropped has none). */
  dimensions: Dimension[];
  /** Inner cells, margins and the grand total ('*', '*'). */
  cells: ProtectedCell[];
  /** Share of the total in published inner cells, 0..1, computed from published values only (an exact ratio would leak exact counts). */
  coverage: number;
  /** Human-readable notes of collapses. */
  collapsed: string[];
  /** 0 in k mode. */
  epsilon: number;
  /** Kept so the self-check relates shared margins; absent when the table left its group. */
  marginGroup?: string;
  /** The threshold and rounding base used (the self-check reads the published intervals from them). */
  threshold?: number;
  roundingBase?: number;
}

/** Keyed HMAC-SHA256 supplied by the caller (at least 32 bytes out). */
export interface NoiseKey {
  hmac(message: string): Uint8Array;
}

export interface PublishedRelease {
  period: string;
  tables: ProtectedTable[];
}

export interface ProtectOptions {
  period: string;
  mode: 'k' | 'noise';
  noiseKey?: NoiseKey;
  /** Default 0.5. */
  epsilonPerTable?: number;
  /** Default 11. */
  threshold?: number;
  /** Default 5. */
  roundingBase?: number;
  /**
   * Releases already published (e.g. the quarters when releasing their year): suppression is extended
   * until the self-check over all of them together passes.
   */
  earlier?: PublishedRelease[];
  /**
   * Never hide a table's grand total to protect its cells (a total below the threshold is still
   * suppressed). Use it when several tables of a release count the same people: their totals are then
   * one published quantity, and no table's total can narrow another's hidden cells. Band collapsing
   * makes up the coverage this costs.
   */
  publishGrandTotals?: boolean;
}

export interface SelfCheckResult {
  ok: boolean;
  problems: string[];
}

export const DEFAULT_THRESHOLD = 11;
export const DEFAULT_ROUNDING_BASE = 5;
export const DEFAULT_EPSILON_PER_TABLE = 0.5;
export const DEFAULT_EPSILON_CAP_PER_YEAR = 4;

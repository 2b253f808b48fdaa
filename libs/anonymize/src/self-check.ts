/**
 * The last gate before a release is written (docs/metrics-method.md, "The self-check"): if any check fails, no file is
 * written. It reads only published releases, so it checks what an attacker sees.
 */
import { auditReleases, thresholdOf } from './audit.js';
import { HOMOGENEITY_ROW_LIMIT } from './protect.js';
import { type ProtectedCell, type ProtectedTable, type PublishedRelease, type SelfCheckResult } from './types.js';

const PERIOD = /^\d{4}(?:-Q[1-4])?$/;

const describe = (table: ProtectedTable, cell: ProtectedCell): string => `${table.id}[${cell.dim1}${cell.dim2 === null ? '' : `, ${cell.dim2}`}]`;

function checkCells(table: ProtectedTable, problems: string[]): void {
  const threshold = thresholdOf(table);
  for (const cell of table.cells) {
    const suppressed = cell.flag === 'suppressed_primary' || cell.flag === 'suppressed_complementary';
    if (suppressed) {
      if (cell.value !== null) problems.push(`${describe(table, cell)}: suppressed but has a value`);
      continue;
    }
    if (cell.value === null) {
      problems.push(`${describe(table, cell)}: published without a value`);
      continue;
    }
    // Zeros too: a published structural zero tells that a whole group shares one value (rule 4).
    if (!Number.isSafeInteger(cell.value) || cell.value < threshold) problems.push(`${describe(table, cell)}: published value ${cell.value} is below ${threshold}`);
    if (cell.display !== String(cell.value)) problems.push(`${describe(table, cell)}: display '${cell.display}' differs from the value`);
    if ((cell.flag === 'noised') !== table.epsilon > 0) problems.push(`${describe(table, cell)}: flag ${cell.flag} does not match the table's mode`);
  }
}

/** Rule 6 on published values: no sensitive category over 90% of a published row below 50. */
function checkHomogeneity(table: ProtectedTable, problems: string[]): void {
  const [a, b] = table.dimensions;
  const find = (dim1: string, dim2: string | null) => table.cells.find((c) => c.dim1 === dim1 && c.dim2 === dim2);
  const check = (label: string, total: ProtectedCell | undefined, cells: (ProtectedCell | undefined)[]): void => {
    const n = total?.value;
    if (n === null || n === undefined || n >= HOMOGENEITY_ROW_LIMIT) return;
    for (const cell of cells) {
      if (cell?.value !== null && cell?.value !== undefined && 10 * cell.value > 9 * n) {
        problems.push(`${table.id}: ${label}: one sensitive category holds over 90% of a row of ${n} (homogeneity)`);
        return;
      }
    }
  };
  if (a && !b && a.sensitive) check('the whole table', find('*', '*'), a.values.map((v) => find(v, null)));
  if (a && b) {
    if (b.sensitive) for (const v1 of a.values) check(`${a.name} ${v1}`, find(v1, '*'), b.values.map((v2) => find(v1, v2)));
    if (a.sensitive) for (const v2 of b.values) check(`${b.name} ${v2}`, find('*', v2), a.values.map((v1) => find(v1, v2)));
  }
}

/**
 * `ledger.spent` is the budget already spent in the release's year, without this release; the
 * release's own ε (the sum over its tables) is added before comparing with the cap.
 */
export function selfCheck(release: PublishedRelease, earlier: PublishedRelease[], ledger?: { spent: number; cap: number }): SelfCheckResult {
  const problems: string[] = [];
  if (!PERIOD.test(release.period)) problems.push(`period '${release.period}' is not a whole quarter or year`);
  const ids = new Set<string>();
  for (const table of release.tables) {
    if (ids.has(table.id)) problems.push(`${table.id}: appears twice`);
    ids.add(table.id);
    checkCells(table, problems);
    checkHomogeneity(table, problems);
  }
  const epsilon = release.tables.reduce((sum, t) => sum + t.epsilon, 0);
  if (epsilon > 0) {
    if (!ledger) problems.push('a noised release needs the budget ledger');
    else if (ledger.spent + epsilon > ledger.cap + 1e-9) problems.push(`privacy budget: ${ledger.spent} spent + ${epsilon} > cap ${ledger.cap}`);
  } else if (ledger && ledger.spent > ledger.cap + 1e-9) problems.push(`privacy budget: ${ledger.spent} spent > cap ${ledger.cap}`);

  const all = [...earlier, release];
  const audit = auditReleases(all);
  problems.push(...audit.problems);
  for (const finding of audit.narrow) {
    const owner = all[finding.release] as PublishedRelease;
    const table = owner.tables.find((t) => t.id === finding.table) as ProtectedTable;
    const where = `${owner.period} ${describe(table, finding.cell)}`;
    problems.push(
      finding.exact
        ? `${where}: suppressed, but the published values allow only [${finding.lo}, ${finding.hi}] (fewer than ${thresholdOf(table)} values)`
        : `${where}: suppressed, and its interval could not be proven at least ${thresholdOf(table)} wide`,
    );
  }
  return { ok: problems.length === 0, problems };
}

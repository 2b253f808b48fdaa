import type { ImportDryRunResponse, ImportRunResponse, ImportRunSummary } from '@lantern/contracts';
import type { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import type { ImportRun } from './import.entity.js';
import type { Sheet } from './import-sheet.js';

/** The place (AAD) of an encrypted column of a run. */
export const cell = (rowId: string, column: 'content' | 'header' | 'failures' | 'dry_run') => ({ table: 'import_run', column, rowId });

/** The whole parsed sheet: read to check or import it, never to show a run. */
export function sheetOf(cipher: FieldCipher, run: ImportRun): Sheet {
  return JSON.parse(cipher.decrypt(run.content, cell(run.id, 'content'))) as Sheet;
}

/** The header row, kept on its own so a poll of a running import never decrypts the whole sheet (runs uploaded before it was: the sheet's). */
export function headerOf(cipher: FieldCipher, run: ImportRun): string[] {
  if (run.header === null) return sheetOf(cipher, run).header;
  return JSON.parse(cipher.decrypt(run.header, cell(run.id, 'header'))) as string[];
}

/** A run in the list of runs: its counts and state, nothing encrypted. */
export function runSummary(run: ImportRun): ImportRunSummary {
  return {
    id: run.id,
    status: run.status,
    format: run.format,
    rowCount: run.rowCount,
    processed: run.processed,
    imported: run.imported,
    skipped: run.skipped,
    failed: run.failed,
    hasFailures: run.failures !== null,
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    createdAt: run.createdAt.toISOString(),
    createdBy: run.createdBy,
    version: run.version,
  };
}

/** One run as its page shows it: with its header, mapping and dry run. */
export function runView(cipher: FieldCipher, run: ImportRun): ImportRunResponse {
  return {
    ...runSummary(run),
    header: headerOf(cipher, run),
    mapping: run.mapping,
    dryRun: run.dryRun ? (JSON.parse(cipher.decrypt(run.dryRun, cell(run.id, 'dry_run'))) as ImportDryRunResponse) : null,
  };
}

import type { ImportDryRunResponse, ImportRunResponse, ImportRunSummary } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';
import type { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { ImportRun } from './import.entity.js';
import type { Sheet } from './import-sheet.js';

/** The place (AAD) of an encrypted column of a run. */
export const cell = (rowId: string, column: 'content' | 'header' | 'failures' | 'dry_run') => ({ table: 'import_run', column, rowId });

/**
 * The whole parsed sheet, read only to check or import it: a run is loaded without it (`content` is
 * `select: false`), so showing one, which the page does every second while it runs, never reads it.
 */
export async function loadSheet(manager: EntityManager, cipher: FieldCipher, run: ImportRun): Promise<Sheet> {
  const { content } = await manager.findOneOrFail(ImportRun, { where: { id: run.id }, select: { id: true, content: true } });
  return JSON.parse(cipher.decrypt(content, cell(run.id, 'content'))) as Sheet;
}

/** The header row, kept on its own; runs uploaded before it was have theirs read from the sheet. */
export async function loadHeader(manager: EntityManager, cipher: FieldCipher, run: ImportRun): Promise<string[]> {
  if (run.header === null) return (await loadSheet(manager, cipher, run)).header;
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
export async function runView(manager: EntityManager, cipher: FieldCipher, run: ImportRun): Promise<ImportRunResponse> {
  return {
    ...runSummary(run),
    header: await loadHeader(manager, cipher, run),
    mapping: run.mapping,
    dryRun: run.dryRun ? (JSON.parse(cipher.decrypt(run.dryRun, cell(run.id, 'dry_run'))) as ImportDryRunResponse) : null,
  };
}

import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { inertCell } from '@lantern/anonymize';
import type { ImportDryRunResponse, ImportMapping, ImportRowProblem, ImportRunResponse, ImportRunSummary, SavedImportMappingResponse } from '@lantern/contracts';
import { createAbilityFromRules, defineAbilityFor, defineImportRulesFor, type AppAbility } from '@lantern/permissions';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { User } from '../../access/auth/user.entity.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { DomainError, badRequest, notFound } from '../../kernel/http/domain-error.js';
import { requestContext, type Actor } from '../../kernel/http/request-context.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { JobError, Jobs } from '../../kernel/jobs/jobs.js';
import { CasesService } from '../../features/cases/index.js';
import { SurvivorMatching, SurvivorsService } from '../../features/survivors/index.js';
import { ImportRecord, ImportRun, SavedImportMapping } from './import.entity.js';
import { customReason, ImportCustom, type ImportCustomDefinitions } from './import-custom.js';
import { mappingProblems, readRow, unmappedValues, type ImportedRow } from './import-rows.js';
import { readSheet, type Sheet } from './import-sheet.js';
import { cell, loadHeader, loadSheet, runSummary, runView } from './import-view.js';

export const IMPORT_CHECK_JOB = 'imports.check';
export const IMPORT_RUN_JOB = 'imports.run';
/** Progress is written every this many rows (the web polls it). */
const PROGRESS_EVERY = 25;
/** The rows whose problems a dry run lists one by one (the rest are counted). */
const PROBLEMS_LISTED = 1_000;

/** The row (0-based, header excluded) a sheet row number (1 is the header) names. */
const indexOf = (row: number) => row - 2;

/**
 * Spreadsheet import (issue 17, part 4; docs/imports.md). An admin uploads a CSV or XLSX, maps its
 * columns onto Lantern's fields and its values onto the vocabularies, runs a dry run that lists every
 * row that would fail and every likely duplicate, then starts the import, which runs in the background:
 * each row becomes a survivor and her case, through the survivors' and cases' own code, in one
 * transaction of its own with its import key, so a failed row writes nothing and a re-run duplicates
 * nothing. The admin reads no survivor record, before or after: she sees counts and reasons, and
 * downloads the rows that failed, which are her own upload.
 */
@Injectable()
export class ImportsService implements OnModuleInit {
  private readonly logger = new Logger('Imports');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
    private readonly survivors: SurvivorsService,
    private readonly cases: CasesService,
    private readonly matching: SurvivorMatching,
    private readonly custom: ImportCustom,
  ) {}

  onModuleInit(): void {
    this.jobs.define({ name: IMPORT_CHECK_JOB, retryLimit: 2, retryDelaySeconds: 10, expireInSeconds: 1800, handler: (job) => this.check(String(job.data.runId)) });
    this.jobs.define({ name: IMPORT_RUN_JOB, retryLimit: 3, retryDelaySeconds: 30, expireInSeconds: 3600, handler: (job) => this.run(String(job.data.runId)) });
  }

  async upload(bytes: Buffer): Promise<ImportRunResponse> {
    const { actor } = currentActor();
    const { format, sheet } = await readSheet(bytes);
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ImportRun, {
        id,
        organizationId: actor.organizationId,
        status: 'uploaded',
        format,
        rowCount: sheet.rows.length,
        content: this.cipher.encrypt(JSON.stringify(sheet), cell(id, 'content')),
        header: this.cipher.encrypt(JSON.stringify(sheet.header), cell(id, 'header')),
        mapping: null,
        createdBy: actor.id,
      });
      await this.audit.record(manager, { action: 'create', subjectType: 'ImportRun', subjectId: id, reason: `${format}, ${sheet.rows.length} rows` });
    });
    return this.get(id);
  }

  async list(): Promise<ImportRunSummary[]> {
    const { actor } = currentActor();
    const runs = await this.dataSource.manager.find(ImportRun, { where: { organizationId: actor.organizationId }, order: { createdAt: 'DESC' }, take: 50 });
    return runs.map(runSummary);
  }

  async get(id: string): Promise<ImportRunResponse> {
    return runView(this.dataSource.manager, this.cipher, await this.load(this.dataSource.manager, id));
  }

  /** A run of the caller's organization; 404 otherwise, whether or not it exists elsewhere. */
  private async load(manager: EntityManager, id: string, lock = false): Promise<ImportRun> {
    const { actor } = currentActor();
    const run = await manager.findOne(ImportRun, { where: { id, organizationId: actor.organizationId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!run) throw notFound('Import');
    return run;
  }

  private refuseBusy(run: ImportRun): void {
    if (run.status === 'checking' || run.status === 'queued' || run.status === 'running') throw new DomainError('IMPORT_BUSY');
  }

  /** A new mapping: checked against the sheet's header and the vocabularies; the dry run must be run again. */
  async setMapping(id: string, mapping: ImportMapping, version: number): Promise<ImportRunResponse> {
    const { actor } = currentActor();
    const definitions = await this.custom.definitionsOf(actor.organizationId);
    await this.dataSource.transaction(async (manager) => {
      const run = await this.load(manager, id, true);
      this.refuseBusy(run);
      const problems = mappingProblems(mapping, await loadHeader(manager, this.cipher, run), definitions);
      if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', `Invalid input: ${problems[0]!.field} ${problems[0]!.reason}`, groupProblems(problems));
      if (mapping.defaultCaseworkerId) {
        const caseworker = await manager.findOne(User, { where: { id: mapping.defaultCaseworkerId, organizationId: actor.organizationId, role: 'caseworker', active: true } });
        if (!caseworker) throw badRequest('mapping.defaultCaseworkerId', 'is not an active caseworker of your organization');
      }
      await updateVersioned(manager, ImportRun, id, version, { mapping, status: 'uploaded', dryRun: null });
      await this.audit.record(manager, { action: 'update', subjectType: 'ImportRun', subjectId: id, fields: ['mapping'] });
    });
    return this.get(id);
  }

  /** Queues the dry run of the current mapping (a job: a 10,000-row sheet takes a while to check for duplicates). */
  async startDryRun(id: string): Promise<ImportRunResponse> {
    await this.dataSource.transaction(async (manager) => {
      const run = await this.load(manager, id, true);
      this.refuseBusy(run);
      if (!run.mapping) throw new DomainError('IMPORT_NOT_MAPPED');
      await manager.update(ImportRun, { id }, { status: 'checking', dryRun: null });
      await this.jobs.send(IMPORT_CHECK_JOB, { runId: id }, { manager });
    });
    return this.get(id);
  }

  /** Starts the import of a checked mapping, with a fresh step-up: it writes a whole caseload. */
  async start(id: string): Promise<ImportRunResponse> {
    const { actor } = currentActor();
    this.auth.requireStepUp(actor);
    await this.dataSource.transaction(async (manager) => {
      const run = await this.load(manager, id, true);
      this.refuseBusy(run);
      if (run.status !== 'checked' && run.status !== 'failed') throw new DomainError('IMPORT_NOT_CHECKED');
      await manager.update(ImportRun, { id }, { status: 'queued' });
      await this.audit.record(manager, { action: 'transition', subjectType: 'ImportRun', subjectId: id, reason: 'import started' });
      await this.jobs.send(IMPORT_RUN_JOB, { runId: id }, { manager });
    });
    return this.get(id);
  }

  /** The rows that failed, as the admin uploaded them, with the row number and the reason (CSV). Audited. */
  async failures(id: string): Promise<Buffer> {
    const run = await this.load(this.dataSource.manager, id);
    if (!run.failures) throw notFound('Failed rows of this import');
    await this.dataSource.transaction((manager) => this.audit.record(manager, { action: 'export', subjectType: 'ImportRun', subjectId: id, reason: `${run.failed} failed rows` }));
    return Buffer.from(`\uFEFF${this.cipher.decrypt(run.failures, cell(id, 'failures'))}`, 'utf8');
  }

  async mappings(): Promise<SavedImportMappingResponse[]> {
    const { actor } = currentActor();
    const rows = await this.dataSource.manager.find(SavedImportMapping, { where: { organizationId: actor.organizationId }, order: { name: 'ASC' } });
    return rows.map((row) => ({ id: row.id, name: row.name, mapping: row.mapping, createdAt: row.createdAt.toISOString() }));
  }

  /** Saves a mapping under a name (the same name replaces it), to use for the next sheet of the same shape. */
  async saveMapping(name: string, mapping: ImportMapping): Promise<SavedImportMappingResponse> {
    const { actor } = currentActor();
    const problems = mappingProblems(mapping, Object.keys(mapping.columns), await this.custom.definitionsOf(actor.organizationId));
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', `Invalid input: ${problems[0]!.field} ${problems[0]!.reason}`, groupProblems(problems));
    const saved = await this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(SavedImportMapping, { where: { organizationId: actor.organizationId, name } });
      const row = existing
        ? await manager.save(Object.assign(existing, { mapping }))
        : await manager.save(manager.create(SavedImportMapping, { organizationId: actor.organizationId, name, mapping, createdBy: actor.id }));
      await this.audit.record(manager, { action: existing ? 'update' : 'create', subjectType: 'ImportMapping', subjectId: row.id });
      return row;
    });
    return { id: saved.id, name: saved.name, mapping: saved.mapping, createdAt: saved.createdAt.toISOString() };
  }

  // --- The background work ------------------------------------------------------------------------

  /**
   * Runs `fn` as the admin who uploaded the run, as if behind the guards: her ability (the import's,
   * for the import itself), her organization, her name on every audit row. She must still be an active
   * admin of the organization; otherwise the job fails, and nothing is written in her name.
   */
  private async asUploader<T>(run: ImportRun, ability: 'own' | 'import', fn: () => Promise<T>): Promise<T> {
    const user = run.createdBy ? await this.dataSource.manager.findOne(User, { where: { id: run.createdBy, organizationId: run.organizationId, role: 'admin', active: true } }) : null;
    if (!user) throw new JobError('IMPORT_UPLOADER_INACTIVE');
    const person = { id: user.id, role: user.role, organizationId: user.organizationId, partnerOrgId: null };
    const now = this.clock.now();
    const built: AppAbility = ability === 'import' ? createAbilityFromRules(defineImportRulesFor(person, { now })) : defineAbilityFor(person, { now });
    const actor: Actor = { ...person, sessionId: `import-${run.id}`, stepUpAt: null };
    return requestContext.run({ requestId: randomUUID(), ip: null, userAgent: 'lantern-import', actor, ability: built }, fn);
  }

  /** Active caseworkers of the organization by e-mail (lower case). */
  private async caseworkers(organizationId: string): Promise<Map<string, string>> {
    const users = await this.dataSource.manager.find(User, { where: { organizationId, role: 'caseworker', active: true }, select: { id: true, email: true } });
    return new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  }

  /** The import key of a row: keyed, so the table never holds a name or a record id of the sheet in clear. */
  private keyOf(organizationId: string, row: ImportedRow): string {
    return this.blindIndex.keyed('import-row', row.ownKey !== null ? `${organizationId}|own|${row.ownKey.trim()}` : `${organizationId}|row|${row.content}`);
  }

  /** Reads every row as the mapping says: the records, or the problems (a caseworker e-mail that names no one among them). */
  private readAll(run: ImportRun, sheet: Sheet, caseworkers: Map<string, string>, definitions: ImportCustomDefinitions): { rows: { value: ImportedRow; assignTo: string }[]; problems: ImportRowProblem[] } {
    const mapping = run.mapping!;
    const formulas = new Set(sheet.formulas);
    const rows: { value: ImportedRow; assignTo: string }[] = [];
    const problems: ImportRowProblem[] = [];
    for (let i = 0; i < sheet.rows.length; i++) {
      const outcome = readRow(sheet, i, mapping, formulas, definitions);
      if (!outcome.ok) {
        problems.push(...outcome.problems);
        continue;
      }
      const named = outcome.value.caseworkerEmail;
      const assignTo = named ? caseworkers.get(named) : (mapping.defaultCaseworkerId ?? undefined);
      if (!assignTo) {
        problems.push(
          named
            ? { row: outcome.value.row, field: 'caseworkerEmail', problem: 'caseworker_unknown', reason: 'names no active caseworker of the organization' }
            : { row: outcome.value.row, field: 'caseworkerEmail', problem: 'caseworker_missing', reason: 'is empty and the import has no default caseworker' },
        );
        continue;
      }
      rows.push({ value: outcome.value, assignTo });
    }
    return { rows, problems };
  }

  /** The dry run: every row's problems, the values no mapping places, the rows already imported, likely duplicates. */
  async check(runId: string): Promise<void> {
    const run = await this.dataSource.manager.findOne(ImportRun, { where: { id: runId } });
    if (!run || run.status !== 'checking' || !run.mapping) return;
    await this.asUploader(run, 'own', async () => {
      const sheet = await loadSheet(this.dataSource.manager, this.cipher, run);
      const { rows, problems } = this.readAll(run, sheet, await this.caseworkers(run.organizationId), await this.custom.definitionsOf(run.organizationId));
      const keys = rows.map((r) => this.keyOf(run.organizationId, r.value));
      const known = await this.knownKeys(run.organizationId, keys);
      const likelyDuplicates: { row: number; matches: number }[] = [];
      let alreadyImported = 0;
      const seen = new Map<string, number>();
      for (const [i, { value }] of rows.entries()) {
        const key = keys[i]!;
        if (known.has(key)) {
          alreadyImported++;
          continue;
        }
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          problems.push({ row: value.row, field: 'importKey', problem: 'repeated', reason: `repeats row ${earlier}` });
          continue;
        }
        seen.set(key, value.row);
        const found = await this.matching.duplicates({ ...value.survivor, alias: value.survivor.alias, birthYear: value.survivor.birthYear ?? null });
        const matches = found.possibleDuplicates.filter((d) => d.likely).length + found.elsewhereInOrganization;
        if (matches > 0) likelyDuplicates.push({ row: value.row, matches });
      }
      problems.sort((a, b) => a.row - b.row);
      const failingRows = new Set(problems.map((p) => p.row));
      const lastListed = [...failingRows][PROBLEMS_LISTED - 1] ?? Infinity;
      const dryRun: ImportDryRunResponse = {
        rowCount: sheet.rows.length,
        ready: sheet.rows.length - failingRows.size - alreadyImported,
        alreadyImported,
        problems: problems.filter((p) => p.row <= lastListed),
        unmappedValues: unmappedValues(sheet, run.mapping!),
        likelyDuplicates,
      };
      await this.dataSource.transaction(async (manager) => {
        await manager.update(ImportRun, { id: run.id, status: 'checking' }, { status: 'checked', dryRun: this.cipher.encrypt(JSON.stringify(dryRun), cell(run.id, 'dry_run')) });
        await this.audit.record(manager, { action: 'transition', subjectType: 'ImportRun', subjectId: run.id, reason: `dry run: ${dryRun.ready} ready, ${failingRows.size} failing, ${likelyDuplicates.length} likely duplicates` });
      });
    }).catch(async (error: unknown) => {
      // Not left "checking" (which refuses every change): the admin can run it again.
      await this.dataSource.manager.update(ImportRun, { id: run.id, status: 'checking' }, { status: 'uploaded' });
      throw error;
    });
  }

  private async knownKeys(organizationId: string, keys: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (let i = 0; i < keys.length; i += 1000) {
      const part = keys.slice(i, i + 1000);
      if (part.length === 0) continue;
      const rows = await this.dataSource.manager.find(ImportRecord, { where: { organizationId, importKey: In(part) }, select: { importKey: true } });
      for (const row of rows) known.add(row.importKey);
    }
    return known;
  }

  /**
   * The import: each row in a transaction of its own (its key first, then the survivor and her case,
   * each with its audit row), progress written every few rows. A row whose key is known is skipped, so
   * a run that stopped (a restart, a retry) goes on where it was. The failed rows are kept as a CSV.
   */
  async run(runId: string): Promise<void> {
    const run = await this.dataSource.manager.findOne(ImportRun, { where: { id: runId } });
    // `failed`: pg-boss retrying a run that stopped; the rows it imported are skipped by their keys.
    if (!run || !['queued', 'running', 'failed'].includes(run.status) || !run.mapping) return;
    try {
      await this.asUploader(run, 'import', () => this.importRows(run));
    } catch (error) {
      await this.dataSource.manager.update(ImportRun, { id: run.id }, { status: 'failed', finishedAt: this.clock.now() });
      throw error;
    }
  }

  private async importRows(run: ImportRun): Promise<void> {
    const startedAt = run.startedAt ?? this.clock.now();
    await this.dataSource.manager.update(ImportRun, { id: run.id }, { status: 'running', startedAt, processed: 0, imported: 0, skipped: 0, failed: 0, failures: null });
    const sheet = await loadSheet(this.dataSource.manager, this.cipher, run);
    const definitions = await this.custom.definitionsOf(run.organizationId);
    const { rows, problems } = this.readAll(run, sheet, await this.caseworkers(run.organizationId), definitions);
    const failed = new Map<number, string>();
    for (const problem of problems) failed.set(problem.row, [failed.get(problem.row), `${problem.label?.en ?? problem.field}: ${problem.reason}`].filter(Boolean).join('; '));
    const counts = { imported: 0, skipped: 0 };
    let processed = failed.size;
    for (const { value, assignTo } of rows) {
      const outcome = await this.importRow(run, value, assignTo, definitions);
      if (outcome === 'imported') counts.imported++;
      else if (outcome === 'skipped') counts.skipped++;
      else failed.set(value.row, outcome.reason);
      processed++;
      if (processed % PROGRESS_EVERY === 0) await this.dataSource.manager.update(ImportRun, { id: run.id }, { processed, ...counts, failed: failed.size });
    }
    const failures = failed.size > 0 ? this.failuresCsv(sheet, failed) : null;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ImportRun, { id: run.id }, {
        status: 'done',
        processed: sheet.rows.length,
        ...counts,
        failed: failed.size,
        failures: failures ? this.cipher.encrypt(failures, cell(run.id, 'failures')) : null,
        finishedAt: this.clock.now(),
      });
      await this.audit.record(manager, { action: 'transition', subjectType: 'ImportRun', subjectId: run.id, reason: `import done: ${counts.imported} imported, ${counts.skipped} already imported, ${failed.size} failed` });
    });
  }

  private async importRow(run: ImportRun, value: ImportedRow, assignTo: string, definitions: ImportCustomDefinitions): Promise<'imported' | 'skipped' | { reason: string }> {
    const importKey = this.keyOf(run.organizationId, value);
    try {
      // Her and her case's custom values, checked and sealed under their new ids before the row's transaction.
      const preset = await this.custom.presets(value.custom);
      return await this.dataSource.transaction(async (manager) => {
        const known = await manager.findOne(ImportRecord, { where: { organizationId: run.organizationId, importKey }, select: { importKey: true } });
        if (known) return 'skipped' as const;
        const survivor = await this.survivors.register(manager, value.survivor, preset.survivor);
        const { row: kase } = await this.cases.open(
          manager,
          { survivorId: survivor.id, referralSource: value.referralSource, exploitationTypes: value.exploitationTypes },
          { assignTo, reason: 'imported from a spreadsheet', preset: preset.case },
        );
        await manager.insert(ImportRecord, { organizationId: run.organizationId, importKey, importRunId: run.id, rowNumber: value.row, survivorId: survivor.id, caseId: kase.id, importedAt: this.clock.now() });
        return 'imported' as const;
      });
    } catch (error) {
      // Another run imported the same row meanwhile: its key is taken.
      if ((error as { code?: string }).code === '23505') return 'skipped';
      if (error instanceof DomainError) {
        const field = Object.entries(error.errors ?? {})[0];
        return { reason: field ? `${customReason(field[0], definitions)}: ${field[1][0] ?? 'is not valid'}` : error.message };
      }
      // Never the error's message: it may hold SQL or a value of the row.
      this.logger.warn(`import ${run.id}: row ${value.row} failed (${error instanceof Error ? error.name : 'Error'})`);
      return { reason: 'could not be written: try again, or enter this person by hand' };
    }
  }

  /** The failed rows as the sheet had them, with the row number first and the reason last. */
  private failuresCsv(sheet: Sheet, failed: Map<number, string>): string {
    const records = [...failed.entries()].sort(([a], [b]) => a - b).map(([row, reason]) => [String(row), ...(sheet.rows[indexOf(row)] ?? []).map(inertCell), reason]);
    return stringify([['row', ...sheet.header.map(inertCell), 'reason'], ...records], { record_delimiter: '\r\n' });
  }
}

function groupProblems(problems: { field: string; reason: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { field, reason } of problems) (out[field] ??= []).push(reason);
  return out;
}

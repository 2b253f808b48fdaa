import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { asSubject, permittedFields, permittedFieldSet, type Action, type SubjectType } from '@lantern/permissions';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { currentActor } from '../authz/current-actor.js';
import type { SqlFragment } from '../authz/rules-to-sql.js';
import { ScopeCache } from '../authz/scope-cache.js';
import { DomainError, forbidden, forbiddenFields, notFound, staleVersion } from '../../kernel/http/domain-error.js';
import { COUNT_CAP, countCapFor, type ListQuery, type ListSpec, type Page } from '../../kernel/http/list-query.js';
import { requestContext, type Actor } from '../../kernel/http/request-context.js';
import { serialize, type Plain } from '../../kernel/http/serialize.js';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { AccessAlerts } from './access-alerts.js';
import { KeptLists, withDisplayJoins, type ListNarrowing } from './kept-lists.js';
import { assertListFieldsReadable } from './list-fields.js';
import { ReadBudget } from './read-budget.js';
import { pageMemo, RelationMemo, relationColumn, relationNeeds, withRelations, type Preload, type RelationColumn } from './relations.js';
import { sqlTargetFor } from './sql-target.js';
import { entityOf, SURVIVOR_FILE_SUBJECTS } from './subject-entities.js';

export type { Preload, RelationColumn } from './relations.js';

/** Set while a list runs as an export (record-exports.ts): the export writes the audit row and stands outside the read budget. */
const exporting = new AsyncLocalStorage<true>();

/** Runs a list as part of an export (record-exports.ts). */
export function asExport<T>(run: () => Promise<T>): Promise<T> {
  return exporting.run(true, run);
}

export interface ListOptions<E extends ObjectLiteral> {
  subject: SubjectType;
  spec: ListSpec;
  query: ListQuery;
  /**
   * Conditions of this list beyond the user's filters (already scoped): a partner's inbox, a case's tab.
   * A LEFT JOIN added here is for display only (columns for `present`): the count leaves it out, so no
   * condition may name it; filter with an inner join or a subquery instead.
   */
  refine?: (qb: SelectQueryBuilder<E>) => void;
  /**
   * What `refine` does, as data (kept-lists.ts, `ListNarrowing`), applied before it. A list without a
   * `refine` function and without a `custom` filter in use has its SQL kept per shape instead of built on
   * every request; the same rules hold for its LEFT JOINs.
   */
  narrow?: ListNarrowing;
  /**
   * The response objects of the page's rows, before field filtering (aliases, decrypted fields...).
   * `raw(row)` holds the columns `refine` selected from joined tables (`addSelect(..., 'alias')`).
   */
  present: (rows: E[], readable: (row: E) => Set<string>, raw: (row: E) => Plain) => Promise<Plain[]> | Plain[];
  /**
   * The page tests its rows' relations in the rules one row at a time (rules-to-sql.ts, `RelationForm`);
   * its count keeps the membership tests. For a list whose rows are mostly in reach and come in an
   * index's order (a partner's inbox), not for a few rows among many (a caseworker's notes), whose page
   * the membership test's join makes fast.
   */
  probeRelations?: boolean;
  /**
   * Related records the page's joins brought, per row (`raw(row)` as for `present`): the rows' checks take
   * them from there instead of reading them again. The page's rows' preloads of one relation are joined
   * into one; a check that needs another field still reads the database.
   */
  related?: (row: E, raw: Plain) => Preload[];
  /**
   * What is not a field of the subject, added to each row after field filtering: a row's custom values
   * (`custom`, features/custom-fields), already filtered by each field's read roles. The audit row
   * names them as `custom.<key>`.
   */
  extra?: (rows: E[]) => Promise<Plain[]> | Plain[];
}

export interface GetOptions<E extends ObjectLiteral> {
  subject: SubjectType;
  id: string;
  /** Tables joined to the record's read for display (a case's survivor alias): their columns reach `present` as `raw`. */
  joins?: ListNarrowing['joins'];
  /**
   * The response object, before field filtering; `readable` says which fields this person may see,
   * `raw` holds the columns of `joins`.
   */
  present: (row: E, readable: Set<string>, manager: EntityManager, raw: Plain) => Promise<Plain> | Plain;
  /**
   * Related records the `joins` brought (RelationMemo.preload): the checks after the read (its fields, then
   * `after`) take them from there instead of reading them again.
   */
  related?: (row: E, raw: Plain) => Preload[];
  /** Names recorded in the audit row (default: every field returned). */
  auditFields?: (body: Plain) => string[];
  /**
   * Adds what is not a field of the record (e.g. what the reader may do with it) after field filtering.
   * `memo` holds the record and the related records its check loaded: pass it to `withRelations` or
   * `permitted` for checks on the same record, so they are not read again.
   */
  after?: (body: Plain, row: E, memo: RelationMemo) => Promise<Plain> | Plain;
  /**
   * Audited as `disclose` (a partner shown survivor fields) instead of `read`, with this reason. The row
   * names whose fields were shown (`subjectType`/`subjectId`, e.g. the survivor) and, in `subjectIds`,
   * the record read that carried them.
   */
  disclose?: (body: Plain, row: E) => { fields: string[]; reason: string; subjectType?: SubjectType; subjectId?: string } | null;
}

export interface ChangeOptions {
  subject: SubjectType;
  id: string;
  action?: Action;
  /** Fields the change sets: each must be writable by this person on this record. */
  fields?: string[];
  version?: number;
  /** The 403 message when the record is readable but not changeable. */
  refusal?: string;
}

/**
 * The one way into survivor records. Every read and write of a survivor's file goes through here, in
 * this order: scope in SQL (the permission rules as a WHERE clause, relations as EXISTS); refuse
 * filters and sorts on fields the caller may not read; keep only permitted fields; write the read
 * audit (one row per request, naming every record returned); answer 404 for records out of reach.
 * Feature services describe their records (entity, list spec, how to present a row) and never
 * repeat these steps themselves (docs/architecture.md).
 */
@Injectable()
export class RecordAccess {
  private readonly logger = new Logger('RecordAccess');
  private readonly budget: ReadBudget;
  /** Scopes translated once per shape of rules (authz/scope-cache.ts); per instance, as they name this DataSource's tables. */
  private readonly scopes = new ScopeCache();
  /** Lists' SQL kept per shape (kept-lists.ts); `enabled` off builds every list afresh (tests compare the two). */
  readonly keptLists: KeptLists;
  /** Where a capped count stops (list-query.ts, COUNT_CAP); lowered by tests, to cap lists of a few rows. */
  countCap = COUNT_CAP;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly alerts: AccessAlerts,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const budget = config.readBudget ?? { records: 500, windowSeconds: 600 };
    this.budget = new ReadBudget(budget.records, budget.windowSeconds * 1000);
    this.keptLists = new KeptLists(dataSource);
  }

  // ---- queries --------------------------------------------------------------------------------

  /** A query of `subject` narrowed in SQL to the records this person may `action`. */
  scoped<E extends ObjectLiteral>(subject: SubjectType, action: Action = 'read', manager: EntityManager = this.dataSource.manager, alias = 'r'): SelectQueryBuilder<E> {
    const { ability } = currentActor();
    const qb = manager.getRepository<E>(entityOf(subject) as EntityTarget<E>).createQueryBuilder(alias);
    const scope = this.scopes.scopeSql(ability, action, subject, () => sqlTargetFor(this.dataSource, subject, alias), alias);
    return qb.andWhere(`(${scope.sql})`, scope.params);
  }

  /** The record if this person may `action` it, else null. No audit: for internal lookups before a change. */
  findScoped<E extends ObjectLiteral>(subject: SubjectType, id: string, action: Action = 'read', manager: EntityManager = this.dataSource.manager): Promise<E | null> {
    return this.scoped<E>(subject, action, manager).andWhere('r.id = :id', { id }).getOne();
  }

  // ---- checks on records in JavaScript ---------------------------------------------------------

  /**
   * A relation of `subject`'s rules brought by a list's own statement (relations.ts, `relationColumn`): its
   * `select` goes into the list's joins, its `of` into `ListOptions.related`.
   */
  relationColumn(subject: SubjectType, name: string, fields: readonly string[]): RelationColumn {
    return relationColumn(this.dataSource, subject, name, fields);
  }

  /** Copies of the records with the related records their rules look at (see relations.ts). */
  async withRelations<T extends object>(
    subject: SubjectType,
    records: T[],
    manager: EntityManager = this.dataSource.manager,
    memo?: RelationMemo,
  ): Promise<(T & Plain)[]> {
    const { ability } = currentActor();
    const need = relationNeeds(ability, subject);
    if (need.relations.size === 0) return records.map((r) => ({ ...(r as Plain) }) as T & Plain);
    return (await withRelations(manager, subject, records as Plain[], need, memo)) as (T & Plain)[];
  }

  /** `ability.can` on a record (or on values about to be created), its relations loaded first. */
  async can(action: Action, subject: SubjectType, record: object, field?: string): Promise<boolean> {
    const { ability } = currentActor();
    const [full] = await this.withRelations(subject, [record]);
    return ability.can(action, asSubject(subject, full!), field);
  }

  /** Fields this person may `action` on this record (relations loaded). */
  async permitted(action: Action, subject: SubjectType, record: object, manager?: EntityManager, memo?: RelationMemo): Promise<Set<string>> {
    const { ability } = currentActor();
    const [full] = await this.withRelations(subject, [record], manager, memo);
    return new Set(permittedFields(ability, action, subject, full));
  }

  /**
   * Refuses a new record this person may not create, or one that sets a field they may not set.
   * `refusal` is the error for the first case (often a 400 naming the parent, e.g. `caseId`). Inside a
   * transaction, pass its manager: the embedded database has one connection.
   */
  async assertCreate(subject: SubjectType, values: Plain, fields: string[], refusal: DomainError, manager?: EntityManager): Promise<void> {
    const { actor } = currentActor();
    const record = { organizationId: actor.organizationId, ...values };
    const allowed = await this.permitted('create', subject, record, manager);
    if (allowed.size === 0) throw refusal;
    const refused = fields.filter((f) => !allowed.has(f));
    if (refused.length > 0) throw forbiddenFields(refused);
  }

  // ---- reads ----------------------------------------------------------------------------------

  /** A page of a list: scoped, filtered on readable fields only, field-filtered, audited, budgeted. */
  async list<E extends ObjectLiteral>(options: ListOptions<E>): Promise<Page<Plain>> {
    const { actor, ability } = currentActor();
    const { subject, query } = options;
    assertListFieldsReadable(ability, subject, options.spec, query);
    // An export (below) audits itself and stands outside the read budget.
    const file = SURVIVOR_FILE_SUBJECTS.has(subject) && !exporting.getStore();
    if (file) await this.checkBudget(actor);

    // The scope once: its SQL and parameters go to the key and the kept statement as to the builder (`scoped`).
    const target = () => sqlTargetFor(this.dataSource, subject, 'r');
    const scope = this.scopes.scopeSql(ability, 'read', subject, target, 'r');
    const pageScope = options.probeRelations ? this.scopes.scopeSql(ability, 'read', subject, target, 'r', undefined, 'perRow') : scope;
    const scoped = (by: SqlFragment) => this.dataSource.manager.getRepository<E>(entityOf(subject) as EntityTarget<E>).createQueryBuilder('r').andWhere(`(${by.sql})`, by.params);
    // A client that asked for it (`Prefer: count=capped`) gets a count that stops past COUNT_CAP rows; an export counts nothing it shows.
    const countCap = requestContext.get()?.prefersCappedCount && !exporting.getStore() ? countCapFor(query, this.countCap) : undefined;
    const { rows, rawById, total, capped } = await this.keptLists.page(options, scoped, scope, pageScope, countCap);

    const full = await this.withRelations(subject, rows, undefined, options.related ? pageMemo(subject, rows, (row) => options.related!(row, rawById.get(row.id) ?? {})) : undefined);
    // One set per pattern of matching rules, shared by the rows (and requests) that match alike.
    const readable = rows.map((_, i) => permittedFieldSet(ability, 'read', subject, full[i]));
    const readableOf = new Map<E, ReadonlySet<string>>(rows.map((row, i) => [row, readable[i]!]));
    const plain = await options.present(
      rows,
      // A copy for the presenter (the shared set is never handed out to change).
      (row) => new Set(readableOf.get(row)),
      (row) => rawById.get(row.id) ?? {},
    );
    const extra = options.extra ? await options.extra(rows) : [];
    // The response rows, and every name they carry (custom values as `custom.<key>`) for the audit row.
    const named = new Set<string>();
    const body = plain.map((p, i) => {
      const row = serialize(ability, subject, full[i]!, p, readable[i]);
      if (extra[i]) Object.assign(row, extra[i]);
      for (const key of Object.keys(row)) {
        const value = row[key];
        if (key === 'custom' && value && typeof value === 'object') for (const k of Object.keys(value)) named.add(`custom.${k}`);
        else named.add(key);
      }
      return row;
    });

    if (file && body.length > 0) {
      const fields = [...named];
      await this.audit.recordAlone({ action: 'list', subjectType: subject, subjectIds: rows.map((r) => r.id as string), fields });
      this.budget.record(actor.id, rows.map((r) => r.id as string), this.clock.now().getTime());
    }
    return capped ? { rows: body, total, skip: query.skip, capped } : { rows: body, total, skip: query.skip };
  }

  /**
   * One record, opened: scoped, field-filtered, and audited, its audit row committed before the answer
   * is given (fail closed: if the row cannot be written, the read fails). A read changes nothing, so the
   * row goes through the chain's group commit (`AuditService.recordAlone`) rather than a transaction of
   * the read's own: one statement instead of five (docs/architecture.md, "Statements a page sends").
   */
  async get<E extends ObjectLiteral>(options: GetOptions<E>): Promise<Plain> {
    const { actor, ability } = currentActor();
    const { subject, id } = options;
    const file = SURVIVOR_FILE_SUBJECTS.has(subject);
    if (file) await this.checkBudget(actor);
    const manager = this.dataSource.manager;
    const qb = withDisplayJoins(this.scoped<E>(subject, 'read', manager).andWhere('r.id = :id', { id }), options.joins);
    const { entities, raw } = await qb.getRawAndEntities();
    const row = entities[0];
    if (!row) throw await this.outOfReach(subject, id, 'read');
    // The columns of `joins`, for `related` and `present`.
    const joined = (raw[0] ?? {}) as Plain;
    const memo = new RelationMemo().seed(subject, [row]);
    for (const r of options.related?.(row, joined) ?? []) memo.preload(r.subject, r.foreignKey, r.keys, r.fields, r.rows);
    const [full] = await this.withRelations(subject, [row], manager, memo);
    const readable = new Set(permittedFields(ability, 'read', subject, full));
    const result = serialize(ability, subject, full!, await options.present(row, readable, manager, joined), readable);
    const disclosure = options.disclose?.(result, row);
    if (disclosure) {
      await this.audit.recordAlone({
        action: 'disclose',
        subjectType: disclosure.subjectType ?? subject,
        subjectId: disclosure.subjectId ?? id,
        subjectIds: [id],
        fields: disclosure.fields,
        reason: disclosure.reason,
      });
    } else if (file) {
      await this.audit.recordAlone({ action: 'read', subjectType: subject, subjectId: id, fields: options.auditFields?.(result) ?? Object.keys(result) });
    }
    if (file) this.budget.record(actor.id, [id], this.clock.now().getTime());
    return options.after ? options.after(result, row, memo) : result;
  }

  /**
   * Reads that are not a plain list or record (dashboards, a case's tabs assembled from several
   * tables): the caller has scoped its query through `scoped()`; this writes the one audit row and
   * counts the records against the budget. In the transaction of `manager` when it has one (a read
   * that is part of a change), else committed on its own before this resolves (the parts of `get`).
   */
  async recordReads(subject: SubjectType, ids: string[], fields: string[], manager?: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    const { actor } = currentActor();
    const write = (m: EntityManager) => this.audit.record(m, { action: 'list', subjectType: subject, subjectIds: [...new Set(ids)], fields });
    if (manager?.queryRunner?.isTransactionActive) await write(manager);
    else await this.audit.recordAlone({ action: 'list', subjectType: subject, subjectIds: [...new Set(ids)], fields });
    this.budget.record(actor.id, ids, this.clock.now().getTime());
  }

  /**
   * The permission predicate of `subject` for hand-written SQL (dashboards that join several tables):
   * `{ sql, params }` with named parameters, to run through `query()`.
   */
  scopeSql(subject: SubjectType, alias: string, action: Action = 'read'): { sql: string; params: Record<string, unknown> } {
    const { ability } = currentActor();
    return this.scopes.scopeSql(ability, action, subject, () => sqlTargetFor(this.dataSource, subject, alias), alias, `scope_${alias}_`);
  }

  /** Runs SQL with named parameters (`:name`, `:...list`), as `scopeSql` writes them. */
  async query<T>(sql: string, params: Record<string, unknown>, manager: EntityManager = this.dataSource.manager): Promise<T[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return (await manager.query(text, values)) as T[];
  }

  /** Call before a read that `recordReads` will audit. */
  async beforeRead(): Promise<void> {
    await this.checkBudget(currentActor().actor);
  }

  // ---- changes --------------------------------------------------------------------------------

  /**
   * Loads a record for a change: 404 when out of reach, 403 (audited) when readable but not
   * changeable or when a field may not be set, 409 when `version` is stale. Returns the entity.
   */
  async loadForChange<E extends ObjectLiteral>(options: ChangeOptions): Promise<E> {
    const { ability } = currentActor();
    const { subject, id } = options;
    const action = options.action ?? 'update';
    const fields = options.fields ?? [];
    const row = await this.findScoped<E>(subject, id, 'read');
    if (!row) throw await this.outOfReach(subject, id, action);
    const [full] = await this.withRelations(subject, [row]);
    const allowed = new Set(permittedFields(ability, action, subject, full));
    const refused = fields.filter((f) => !allowed.has(f));
    if (!ability.can(action, asSubject(subject, full!)) || refused.length > 0) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: subject, subjectId: id, fields, reason: action });
      throw refused.length > 0 && allowed.size > 0
        ? forbiddenFields(refused)
        : forbidden(options.refusal ?? 'You may not change this record');
    }
    if (options.version !== undefined && (row as { version?: number }).version !== options.version) throw staleVersion();
    this.assertEchoes(subject, row);
    return row;
  }

  /**
   * The read-only fields a PUT echoed back (kernel/http/record-as-fetched.ts) must equal the stored
   * record: equal, they are ignored; a change is 400 naming the field. Fields that are no column (an
   * alias joined for display, the computed permissions) cannot be stored and are ignored. Services that
   * load a record for a change without loadForChange call this themselves.
   */
  assertEchoes(subject: SubjectType, row: ObjectLiteral): void {
    const context = requestContext.get();
    const echoes = context?.echoes;
    if (!echoes || echoes.subject !== subject) return;
    context.echoes = undefined;
    const metadata = this.dataSource.getMetadata(entityOf(subject));
    const changed: Record<string, string[]> = {};
    for (const [key, echoed] of Object.entries(echoes.values)) {
      if (!metadata.findColumnWithPropertyName(key)) continue;
      if (!sameValue(row[key], echoed)) changed[key] = ['is read-only: it cannot be changed here'];
    }
    const names = Object.keys(changed);
    if (names.length > 0) throw new DomainError('VALIDATION_FAILED', `Read-only: ${names.join(', ')}`, changed);
  }

  /**
   * The answer for a record out of reach: 404 whether it exists or not, so ids cannot be probed. A
   * denial is audited only when the record belongs to the caller's own organization: a row naming an
   * id of another organization would tell that organization's ids exist.
   */
  async outOfReach(subject: SubjectType, id: string, action: string): Promise<DomainError> {
    const { actor } = currentActor();
    const metadata = this.dataSource.getMetadata(entityOf(subject));
    const inOrganization = metadata.findColumnWithPropertyName('organizationId')
      ? await this.dataSource.getRepository(entityOf(subject)).exists({ where: { id, organizationId: actor.organizationId } as never })
      : false;
    if (inOrganization) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: subject, subjectId: id, reason: action });
    }
    return notFound(subject === 'CaseNote' ? 'Note' : subject);
  }

  // ---- guards of the list itself --------------------------------------------------------------

  private async checkBudget(actor: Actor): Promise<void> {
    const now = this.clock.now().getTime();
    if (this.budget.used(actor.id, now) < this.budget.limit) return;
    const retryAfter = this.budget.retryAfterSeconds(actor.id, now);
    await this.alertAdmins(actor);
    throw new DomainError(
      'READ_BUDGET_EXCEEDED',
      `You have opened more survivor records than usual in a short time. Wait ${Math.ceil(retryAfter / 60)} minute(s) and try again.`,
      undefined,
      { 'Retry-After': String(retryAfter) },
    );
  }

  private readonly alerted = new Map<string, number>();

  /** Tells the organization's admins, once per window and person (audited as a denial too). */
  private async alertAdmins(actor: Actor): Promise<void> {
    const now = this.clock.now().getTime();
    const last = this.alerted.get(actor.id);
    if (last !== undefined && now - last < this.budget.windowMs) return;
    this.alerted.set(actor.id, now);
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.audit.record(manager, { action: 'denied', outcome: 'denied', reason: 'read budget exceeded' });
        await this.alerts.unusualReads(manager, actor);
      });
    } catch (error) {
      this.logger.error({ err: (error as Error).name }, 'could not alert admins about a read budget');
    }
  }
}

/** A stored value and the same value as a client echoed it in JSON (dates as ISO strings). */
function sameValue(stored: unknown, echoed: unknown): boolean {
  if (stored instanceof Date) {
    if (typeof echoed !== 'string') return false;
    const time = Date.parse(echoed);
    return !Number.isNaN(time) && time === stored.getTime();
  }
  if (stored === null || stored === undefined) return echoed === null || echoed === undefined;
  if (typeof stored === 'bigint' || (typeof stored === 'string' && typeof echoed === 'number')) return String(stored) === String(echoed);
  return JSON.stringify(stored) === JSON.stringify(echoed);
}

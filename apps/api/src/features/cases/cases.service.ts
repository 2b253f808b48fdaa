import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CASE_STATUSES, RISK_LEVELS, type CasePermissions } from '@lantern/contracts';
import { asSubject, type Action, type SubjectType } from '@lantern/permissions';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import type { RelationMemo } from '../../access/records/relations.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { badRequest, forbidden } from '../../kernel/http/domain-error.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { assertWritable, changedFields, serialize, type Plain } from '../../kernel/http/serialize.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import { User } from '../../access/auth/user.entity.js';
import type { AssignCaseDto, CaseTransitionDto, CreateCaseDto, UpdateCaseDto } from './dto/case.dto.js';
import { CaseAssignment } from '../../case-file/case-events.entity.js';
import { planCaseStatus, refuseIfClosed } from '../../case-file/case-status.js';
import { Case } from '../../case-file/case.entity.js';
import type { StoredCustomValues } from '../../case-file/custom-values.js';
import { recordCaseTransition } from '../../case-file/case-transition.js';

export const CASE_LIST: ListSpec = {
  resource: 'cases',
  filters: {
    status: { kind: 'eq', type: 'enum', values: CASE_STATUSES },
    riskLevel: { kind: 'eq', type: 'enum', values: RISK_LEVELS },
    assignedCaseworkerId: { kind: 'eq', type: 'uuid' },
    unassigned: { kind: 'isNull', property: 'assignedCaseworkerId' },
    survivorId: { kind: 'eq', type: 'uuid' },
    caseNumber: { kind: 'eq', type: 'string' },
  },
  sorts: ['openedAt', 'caseNumber', 'riskLevel', 'lastContactAt', 'status', 'updatedAt'],
  defaultSort: ['openedAt', 'DESC'],
};

export function casePlain(row: Case, survivorAlias?: string): Plain {
  return {
    id: row.id,
    organizationId: row.organizationId,
    caseNumber: row.caseNumber,
    survivorId: row.survivorId,
    ...(survivorAlias === undefined ? {} : { survivorAlias }),
    status: row.status,
    assignedCaseworkerId: row.assignedCaseworkerId,
    assignedAt: row.assignedAt,
    riskLevel: row.riskLevel,
    referralSource: row.referralSource,
    exploitationTypes: row.exploitationTypes,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    exitDestination: row.exitDestination,
    closureReason: row.closureReason,
    lastContactAt: row.lastContactAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/**
 * The survivor's alias, read with the case (one statement, the survivor by primary key). As data, so a
 * list's SQL is kept per shape (access/records/kept-lists.ts).
 */
const ALIAS_JOIN = [{ entity: Survivor, alias: 'alias_s', on: 'alias_s.id = r.survivor_id', select: { survivor_alias: 'alias_s.alias' } }];
/**
 * Opening a case also brings, in the same statement, what the checks after it look at (what the reader
 * may do with the file: `permissionsOn`): the survivor's creator and the survivor's cases with their
 * caseworkers. Without them a caseworker's case took two more statements (docs/architecture.md,
 * "Statements a page sends"). Only for those checks; never in the answer.
 */
const OPEN_JOINS = [
  {
    ...ALIAS_JOIN[0]!,
    select: {
      ...ALIAS_JOIN[0]!.select,
      survivor_created_by: 'alias_s.created_by',
      survivor_cases: `(SELECT coalesce(json_agg(json_build_object('id', sc.id, 'survivorId', sc.survivor_id, 'assignedCaseworkerId', sc.assigned_caseworker_id)), '[]') FROM survivor_case sc WHERE sc.survivor_id = r.survivor_id)`,
    },
  },
];

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
  ) {}

  /** `extra`: what each row carries beyond the case's fields (its custom values, features/custom-fields). */
  list(query: ListQuery, extra?: (rows: Case[]) => Plain[]): Promise<Page<Plain>> {
    return this.access.list<Case>({
      extra,
      subject: 'Case',
      spec: CASE_LIST,
      query,
      narrow: { joins: ALIAS_JOIN },
      present: (rows, _readable, raw) => rows.map((row) => casePlain(row, String(raw(row).survivor_alias ?? ''))),
    });
  }

  /** Opening a case: audited before the answer, with the survivor's alias and what the reader may do on it. */
  get(id: string): Promise<Plain> {
    return this.access.get<Case>({
      subject: 'Case',
      id,
      joins: OPEN_JOINS,
      related: (row, raw) => [
        { subject: 'Survivor', foreignKey: 'id', keys: [row.survivorId], fields: ['id', 'organizationId', 'createdBy'], rows: [{ id: row.survivorId, organizationId: row.organizationId, createdBy: raw.survivor_created_by ?? null }] },
        { subject: 'Case', foreignKey: 'survivorId', keys: [row.survivorId], fields: ['id', 'survivorId', 'assignedCaseworkerId'], rows: (raw.survivor_cases as Plain[] | undefined) ?? [] },
      ],
      present: (row, _readable, _manager, raw) => casePlain(row, String(raw.survivor_alias ?? '')),
      after: async (body, row, memo) => ({ ...body, permissions: await this.permissionsOn(row, memo) }),
    });
  }

  /**
   * What this person may do with the case's file, from the rules the API enforces. The browser has
   * the rules but not the relations (who else holds a break-glass grant, which cases a survivor has),
   * so the API answers for the records it returns. `memo`: the relations the case's read loaded, shared
   * by the checks below (one read of the survivor's cases and grants, not one per subject).
   */
  private async permissionsOn(row: Case, memo: RelationMemo): Promise<CasePermissions> {
    const { ability } = currentActor();
    const base = { organizationId: row.organizationId, caseId: row.id, survivorId: row.survivorId };
    const [onCase] = await this.access.withRelations('Intake', [base], undefined, memo);
    const [onSurvivor] = await this.access.withRelations('Consent', [base], undefined, memo);
    const [survivor] = await this.access.withRelations('Survivor', [{ id: row.survivorId, organizationId: row.organizationId, createdBy: null }], undefined, memo);
    const can = (action: Action, subject: SubjectType, record: object, field?: string) => ability.can(action, asSubject(subject, { ...record }), field);
    const child = { ...onCase!, restricted: false, status: 'draft' };
    // A document of this case, as its rules see one (issue 15): the case's caseworker, break-glass, a coordinator.
    const document = { ...onCase!, survivorId: row.survivorId, kind: 'other', deletedAt: null, referrals: [], shareItems: [] };
    return {
      survivor: { read: can('read', 'Survivor', survivor!), update: can('update', 'Survivor', survivor!) },
      intake: { read: can('read', 'Intake', child), create: can('create', 'Intake', child), update: can('update', 'Intake', child) },
      consent: {
        read: can('read', 'Consent', onSurvivor!),
        create: can('create', 'Consent', onSurvivor!),
        revoke: can('update', 'Consent', onSurvivor!, 'revokedAt'),
      },
      notes: { read: can('read', 'CaseNote', child), create: can('create', 'CaseNote', child) },
      referrals: { read: can('read', 'Referral', child), create: can('create', 'Referral', child) },
      plan: { read: can('read', 'ServicePlan', child), manage: can('update', 'ServicePlan', child) },
      outcomes: { read: can('read', 'OutcomeAssessment', child), create: can('create', 'OutcomeAssessment', child) },
      documents: { read: can('read', 'Document', document), create: can('create', 'Document', document), open: can('read', 'Document', document, 'content') },
    };
  }

  /** A new case for a survivor, numbered per organization and year, assigned to the caseworker who opens it. */
  async create(dto: CreateCaseDto): Promise<Plain> {
    const { ability } = currentActor();
    const { row, survivor } = await this.dataSource.transaction((manager) => this.open(manager, dto));
    return serialize(ability, 'Case', row, casePlain(row, survivor.alias));
  }

  /**
   * Opens the case inside the caller's transaction (its number, first assignment and audit row): the
   * write behind `create`, and a step of converting a contact into a case (features/contacts).
   */
  /**
   * `assignTo`: the caseworker the case goes to when it is not the one opening it (a spreadsheet import,
   * workflows/imports, names her; the caller has checked she is an active caseworker of the organization).
   * `preset`: the id drawn and the case's custom values checked under it (CustomValuesService.forNewRecord),
   * written with the row and named in its audit row (a spreadsheet import's custom columns).
   */
  async open(
    manager: EntityManager,
    dto: CreateCaseDto,
    options: { assignTo?: string; reason?: string; preset?: { id: string; custom: StoredCustomValues; fields: string[] } } = {},
  ): Promise<{ row: Case; survivor: Survivor }> {
    const { actor, ability } = currentActor();
    const values = { ...dto, organizationId: actor.organizationId };
    if (!ability.can('create', asSubject('Case', values))) throw forbidden('You may not open cases');
    assertWritable(ability, 'create', 'Case', values, Object.keys(dto));
    const survivor = await this.access.findScoped<Survivor>('Survivor', dto.survivorId, 'update', manager);
    if (!survivor) throw badRequest('survivorId', 'is not a survivor on your caseload');
    const now = this.clock.now();
    const caseNumber = await this.nextCaseNumber(manager, actor.organizationId, now.getUTCFullYear());
    const created = await manager.save(
      manager.create(Case, {
        ...(options.preset ? { id: options.preset.id, custom: options.preset.custom } : {}),
        organizationId: actor.organizationId,
        caseNumber,
        survivorId: dto.survivorId,
        status: 'intake',
        assignedCaseworkerId: options.assignTo ?? actor.id,
        assignedAt: now,
        riskLevel: dto.riskLevel ?? null,
        referralSource: dto.referralSource ?? null,
        exploitationTypes: dto.exploitationTypes ?? [],
        openedAt: now,
        createdBy: actor.id,
      }),
    );
    await manager.insert(CaseAssignment, {
      organizationId: actor.organizationId,
      caseId: created.id,
      fromUserId: null,
      toUserId: options.assignTo ?? actor.id,
      assignedBy: actor.id,
      reason: options.reason ?? 'opened the case',
      assignedAt: now,
      createdBy: actor.id,
    });
    await this.audit.record(manager, { action: 'create', subjectType: 'Case', subjectId: created.id, fields: ['caseNumber', ...Object.keys(dto), ...(options.preset?.fields ?? [])] });
    return { row: created, survivor };
  }

  /** `LN-2026-00042`: a per-organization, per-year counter bumped inside the creating transaction. */
  private async nextCaseNumber(manager: EntityManager, organizationId: string, year: number): Promise<string> {
    const rows = (await manager.query(
      `INSERT INTO case_number_counter (organization_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (organization_id, year) DO UPDATE SET last_value = case_number_counter.last_value + 1, updated_at = now()
       RETURNING last_value`,
      [organizationId, year],
    )) as { last_value: number }[];
    return `LN-${year}-${String(rows[0]!.last_value).padStart(5, '0')}`;
  }

  /** Loads a case for a change, refusing (and auditing) what the caller may not change. */
  loadForChange(id: string, fields: string[], version?: number): Promise<Case> {
    return this.access.loadForChange<Case>({ subject: 'Case', id, fields, version, refusal: 'You may not change this case' });
  }

  async update(id: string, dto: UpdateCaseDto): Promise<Plain> {
    const { version, ...patch } = dto;
    const row = await this.loadForChange(id, Object.keys(patch), version);
    refuseIfClosed(row, 'reopen it to change it', 'id');
    const fields = changedFields(casePlain(row), patch);
    if (fields.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        await updateVersioned(manager, Case, row.id, row.version, patch as Partial<Case>);
        await this.audit.record(manager, { action: 'update', subjectType: 'Case', subjectId: id, fields });
      });
    }
    return this.get(id);
  }

  /** The status machine of docs/data-dictionary.md: intake → active ⇄ on_hold → closed; reopening is a coordinator's call. */
  async transition(id: string, dto: CaseTransitionDto, reopening = false): Promise<Plain> {
    const { actor } = currentActor();
    const row = await this.loadForChange(id, ['status'], dto.version);
    const plan = planCaseStatus({ from: row.status, to: dto.to, role: actor.role, reason: dto.reason, reopening });
    if (!plan.ok) {
      if (plan.denied) await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'Case', subjectId: id, fields: ['status'], reason: 'reopen' });
      throw plan.error;
    }
    const now = this.clock.now();
    const patch: Partial<Case> = plan.patch;
    await this.dataSource.transaction(async (manager) => {
      await updateVersioned(manager, Case, row.id, row.version, patch);
      await recordCaseTransition(manager, this.audit, {
        kase: { id, organizationId: row.organizationId, status: row.status },
        to: dto.to,
        reason: dto.reason ?? null,
        fields: Object.keys(patch),
        audited: `${row.status} → ${dto.to}${dto.reason ? `: ${dto.reason}` : ''}`,
        by: actor.id,
        at: now,
      });
    });
    return this.get(id);
  }

  /** A coordinator (re)assigns the caseworker; who, when and from whom is kept. */
  async assign(id: string, dto: AssignCaseDto): Promise<Plain> {
    const { actor } = currentActor();
    const row = await this.loadForChange(id, ['assignedCaseworkerId'], dto.version);
    refuseIfClosed(row, 'reopen it to reassign it', 'id');
    const caseworker = await this.dataSource.manager.findOne(User, {
      where: { id: dto.caseworkerId, organizationId: row.organizationId, role: 'caseworker', active: true },
    });
    if (!caseworker) throw badRequest('caseworkerId', 'is not an active caseworker of your organization');
    if (row.assignedCaseworkerId === caseworker.id) return this.get(id);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await updateVersioned(manager, Case, row.id, row.version, { assignedCaseworkerId: caseworker.id, assignedAt: now });
      await manager.insert(CaseAssignment, {
        organizationId: row.organizationId,
        caseId: id,
        fromUserId: row.assignedCaseworkerId,
        toUserId: caseworker.id,
        assignedBy: actor.id,
        reason: dto.reason ?? null,
        assignedAt: now,
        createdBy: actor.id,
      });
      await this.audit.record(manager, {
        action: 'update',
        subjectType: 'Case',
        subjectId: id,
        fields: ['assignedCaseworkerId'],
        reason: dto.reason ?? null,
      });
    });
    return this.get(id);
  }
}

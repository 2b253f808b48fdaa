import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GOAL_FINAL_STATUSES, type GoalStatus } from '@lantern/contracts';
import { asSubject, permittedFields, type SubjectType } from '@lantern/permissions';
import { DataSource, In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { currentActor } from '../authz/current-actor.js';
import { Case } from '../cases/case.entity.js';
import { Clock } from '../config/clock.js';
import { DomainError, badRequest, staleVersion } from '../common/domain-error.js';
import { applyListQuery, type ListQuery, type ListSpec, type Page } from '../common/list-query.js';
import { findScoped, outOfReach, scopedQuery, updateVersioned } from '../common/records.js';
import { assertWritable, serialize } from '../common/serialize.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { Referral } from '../referrals/referral.entity.js';
import { User } from '../users/user.entity.js';
import type { CreateGoalDto, CreateServicePlanDto, CreateTaskDto, RecordAgreementDto, UpdateGoalDto, UpdateServicePlanDto, UpdateTaskDto } from './dto/service-plan.dto.js';
import { Goal, ServicePlan, ServicePlanVersion, Task } from './service-plan.entity.js';

type Plain = Record<string, unknown>;

const at = (table: string, column: string, rowId: string) => ({ table, column, rowId });

export const PLAN_LIST: ListSpec = {
  resource: 'service-plans',
  filters: { caseId: { kind: 'eq', type: 'uuid' }, status: { kind: 'eq', type: 'enum', values: ['active', 'superseded', 'closed'] } },
  sorts: ['planNumber', 'createdAt', 'reviewDate'],
  defaultSort: ['planNumber', 'DESC'],
};
export const GOAL_LIST: ListSpec = {
  resource: 'goals',
  filters: { planId: { kind: 'eq', type: 'uuid' }, caseId: { kind: 'eq', type: 'uuid' } },
  sorts: ['createdAt', 'targetDate', 'domain'],
  defaultSort: ['createdAt', 'ASC'],
};
export const TASK_LIST: ListSpec = {
  resource: 'tasks',
  filters: {
    planId: { kind: 'eq', type: 'uuid' },
    goalId: { kind: 'eq', type: 'uuid' },
    caseId: { kind: 'eq', type: 'uuid' },
    referralId: { kind: 'eq', type: 'uuid' },
    done: { kind: 'isNull', property: 'doneAt' },
  },
  sorts: ['dueDate', 'createdAt'],
  defaultSort: ['dueDate', 'ASC'],
};

/**
 * Service plans with their goals and tasks. A change to what was agreed (adding or rewording a goal or
 * task, moving a date) opens a new revision that needs the survivor's agreement again; progress
 * (ticking a task, reaching a goal) does not.
 */
@Injectable()
export class ServicePlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  // --- views ---

  private goalView(goal: Goal): Plain {
    const { ability } = currentActor();
    const allowed = new Set(permittedFields(ability, 'read', 'Goal', goal));
    return serialize(ability, 'Goal', goal, {
      ...goal,
      description: allowed.has('description') ? this.cipher.decrypt(goal.description, at('goal', 'description', goal.id)) : undefined,
    });
  }

  private taskView(task: Task): Plain {
    const { ability } = currentActor();
    const allowed = new Set(permittedFields(ability, 'read', 'Task', task));
    return serialize(ability, 'Task', task, {
      ...task,
      description: allowed.has('description') ? this.cipher.decrypt(task.description, at('task', 'description', task.id)) : undefined,
      overdue: !task.doneAt && !!task.dueDate && task.dueDate < this.today(),
    });
  }

  private async planView(manager: EntityManager, plan: ServicePlan): Promise<Plain> {
    const { ability } = currentActor();
    const goals = await scopedQuery(manager, Goal, ability, 'read', 'Goal').andWhere('r.plan_id = :id', { id: plan.id }).orderBy('r.created_at').getMany();
    const tasks = await scopedQuery(manager, Task, ability, 'read', 'Task').andWhere('r.plan_id = :id', { id: plan.id }).orderBy('r.created_at').getMany();
    return serialize(ability, 'ServicePlan', plan, {
      ...plan,
      agreementCurrent: plan.agreedRevision === plan.revision,
      reviewOverdue: plan.status === 'active' && plan.reviewDate < this.today(),
      goals: goals.map((g) => ({ ...this.goalView(g), tasks: tasks.filter((t) => t.goalId === g.id).map((t) => this.taskView(t)) })),
    });
  }

  // --- plans ---

  async listPlans(query: ListQuery): Promise<Page<Plain>> {
    const { ability } = currentActor();
    const qb = scopedQuery(this.dataSource.manager, ServicePlan, ability, 'read', 'ServicePlan');
    applyListQuery(qb, query);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows.map((p) => serialize(ability, 'ServicePlan', p, { ...p, agreementCurrent: p.agreedRevision === p.revision, reviewOverdue: p.status === 'active' && p.reviewDate < this.today() })), total, skip: query.skip };
  }

  /** Opening a plan (its goals and tasks are the survivor's words): audited with the read. */
  async getPlan(id: string): Promise<Plain> {
    const { ability } = currentActor();
    const body = await this.dataSource.transaction(async (manager) => {
      const plan = await findScoped(manager, ServicePlan, ability, 'read', 'ServicePlan', id);
      if (!plan) return null;
      await this.audit.record(manager, { action: 'read', subjectType: 'ServicePlan', subjectId: id, fields: ['goals', 'tasks'] });
      return this.planView(manager, plan);
    });
    if (!body) throw await outOfReach(this.dataSource.manager, this.audit, ServicePlan, 'ServicePlan', id, 'read', 'Service plan');
    return body;
  }

  /** The case a change belongs to, if the caller may change it and it is not closed. */
  private async openCaseFor(caseId: string): Promise<Case> {
    const { ability } = currentActor();
    const kase = await findScoped(this.dataSource.manager, Case, ability, 'update', 'Case', caseId);
    if (!kase) throw badRequest('caseId', 'is not a case on your caseload');
    if (kase.status === 'closed') throw new DomainError('CASE_CLOSED', 409, 'This case is closed: its plan is read-only', { caseId: ['is closed'] });
    return kase;
  }

  async createPlan(dto: CreateServicePlanDto): Promise<Plain> {
    const { actor, ability } = currentActor();
    const values: Plain = { ...dto, organizationId: actor.organizationId };
    if (!ability.can('create', asSubject('ServicePlan', values))) throw badRequest('caseId', 'is not a case on your caseload');
    const kase = await this.openCaseFor(dto.caseId);
    if (dto.reviewDate < dto.startsOn) throw badRequest('reviewDate', 'is before the plan starts');
    const active = await this.dataSource.manager.findOne(ServicePlan, { where: { caseId: kase.id, status: 'active' } });
    if (active && dto.replacesPlanId !== active.id) {
      throw new DomainError('PLAN_EXISTS', 409, 'This case already has an active plan; replace it explicitly (replacesPlanId)', {
        caseId: ['already has an active plan'],
      });
    }
    if (!active && dto.replacesPlanId) throw badRequest('replacesPlanId', 'is not the active plan of this case');
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      if (active) {
        await updateVersioned(manager, ServicePlan, active.id, active.version, { status: 'superseded' });
        await this.audit.record(manager, { action: 'transition', subjectType: 'ServicePlan', subjectId: active.id, fields: ['status'], reason: 'superseded by a new plan' });
      }
      const count = await manager.count(ServicePlan, { where: { caseId: kase.id } });
      await manager.insert(ServicePlan, {
        id,
        organizationId: actor.organizationId,
        caseId: kase.id,
        planNumber: count + 1,
        planType: dto.planType,
        status: 'active',
        startsOn: dto.startsOn,
        reviewDate: dto.reviewDate,
        revision: 1,
        createdBy: actor.id,
      });
      await this.audit.record(manager, { action: 'create', subjectType: 'ServicePlan', subjectId: id, fields: Object.keys(dto) });
    });
    return this.getPlan(id);
  }

  /** The active plan of an open case, loaded for a change by the caller. */
  private async planForChange(planId: string, subject: SubjectType = 'ServicePlan'): Promise<{ plan: ServicePlan; kase: Case }> {
    const { ability } = currentActor();
    const plan = await findScoped(this.dataSource.manager, ServicePlan, ability, 'read', 'ServicePlan', planId);
    if (!plan) {
      // The plan named by the route is "not found"; a plan named in a body is a bad field.
      if (subject === 'ServicePlan') throw await outOfReach(this.dataSource.manager, this.audit, ServicePlan, 'ServicePlan', planId, 'update', 'Service plan');
      throw badRequest('planId', 'is not a plan you may change');
    }
    if (!ability.can('update', asSubject(subject, { organizationId: plan.organizationId, caseId: plan.caseId }))) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: subject, subjectId: planId, reason: 'update' });
      throw new DomainError('FORBIDDEN', 403, 'You may not change this plan');
    }
    if (plan.status !== 'active') throw new DomainError('PLAN_READ_ONLY', 409, 'Earlier plans are kept read-only', { planId: ['is not the active plan'] });
    const kase = await this.openCaseFor(plan.caseId);
    return { plan, kase };
  }

  /** A change to what was agreed opens the next revision, to be agreed again. */
  private async reviseIfAgreed(manager: EntityManager, plan: ServicePlan): Promise<void> {
    const fresh = await manager.findOneByOrFail(ServicePlan, { id: plan.id });
    if (fresh.agreedRevision === fresh.revision) {
      await manager.query('UPDATE service_plan SET revision = revision + 1, version = version + 1, updated_at = now() WHERE id = $1', [plan.id]);
    }
  }

  async updatePlan(id: string, dto: UpdateServicePlanDto): Promise<Plain> {
    const { version, ...patch } = dto;
    const { plan } = await this.planForChange(id);
    if (plan.version !== version) throw staleVersion();
    const startsOn = patch.startsOn ?? plan.startsOn;
    if ((patch.reviewDate ?? plan.reviewDate) < startsOn) throw badRequest('reviewDate', 'is before the plan starts');
    const fields = Object.keys(patch).filter((k) => (plan as unknown as Plain)[k] !== (patch as Plain)[k]);
    if (fields.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        await updateVersioned(manager, ServicePlan, id, version, patch);
        // A new review date alone is not a change to what the survivor agreed.
        if (fields.some((f) => f !== 'reviewDate')) await this.reviseIfAgreed(manager, plan);
        await this.audit.record(manager, { action: 'update', subjectType: 'ServicePlan', subjectId: id, fields });
      });
    }
    return this.getPlan(id);
  }

  /** The survivor agrees to the current revision; the plan as it stands is kept with the agreement. */
  async recordAgreement(id: string, dto: RecordAgreementDto): Promise<Plain> {
    const { actor } = currentActor();
    const { plan } = await this.planForChange(id);
    if (dto.revision !== plan.revision) {
      throw new DomainError('PLAN_REVISION_CHANGED', 409, `The plan is now at revision ${plan.revision}; review it with the survivor again`, {
        revision: [`must be ${plan.revision}`],
      });
    }
    if (plan.agreedRevision === plan.revision) throw new DomainError('PLAN_ALREADY_AGREED', 409, 'This revision was already agreed');
    if (dto.agreedOn > this.today() || dto.agreedOn < plan.startsOn) throw badRequest('agreedOn', 'must lie between the plan start and today');
    const witness = dto.witnessedBy ?? actor.id;
    if (!(await this.dataSource.manager.exists(User, { where: { id: witness, organizationId: plan.organizationId, active: true, role: In(['caseworker', 'coordinator']) } }))) {
      throw badRequest('witnessedBy', 'is not an active caseworker or coordinator of your organization');
    }
    await this.dataSource.transaction(async (manager) => {
      const content = await this.planView(manager, plan);
      const versionId = randomUUID();
      await manager.insert(ServicePlanVersion, {
        id: versionId,
        organizationId: plan.organizationId,
        planId: id,
        revision: plan.revision,
        agreedOn: dto.agreedOn,
        method: dto.method,
        witnessedBy: witness,
        content: this.cipher.encrypt(JSON.stringify(content.goals ?? []), at('service_plan_version', 'content', versionId)),
        createdBy: actor.id,
      });
      await updateVersioned(manager, ServicePlan, id, plan.version, { agreedRevision: plan.revision, agreedAt: this.clock.now() });
      await this.audit.record(manager, { action: 'update', subjectType: 'ServicePlan', subjectId: id, fields: ['agreedRevision'], reason: `agreed to revision ${plan.revision} (${dto.method})` });
    });
    return this.getPlan(id);
  }

  /** Every agreed revision, oldest first, with the plan as it was agreed. */
  async versions(id: string): Promise<Plain[]> {
    const { ability } = currentActor();
    const plan = await findScoped(this.dataSource.manager, ServicePlan, ability, 'read', 'ServicePlan', id);
    if (!plan) throw await outOfReach(this.dataSource.manager, this.audit, ServicePlan, 'ServicePlan', id, 'read', 'Service plan');
    const rows = await this.dataSource.manager.find(ServicePlanVersion, { where: { planId: id }, order: { revision: 'ASC' } });
    return rows.map((v) => ({
      id: v.id,
      revision: v.revision,
      agreedOn: v.agreedOn,
      method: v.method,
      witnessedBy: v.witnessedBy,
      goals: JSON.parse(this.cipher.decrypt(v.content, at('service_plan_version', 'content', v.id))) as unknown,
      createdAt: v.createdAt.toISOString(),
    }));
  }

  // --- goals ---

  private async checkReferrals(caseId: string, referralIds: string[] | undefined): Promise<void> {
    if (!referralIds?.length) return;
    const found = await this.dataSource.manager.count(Referral, { where: { id: In(referralIds), caseId } });
    if (found !== new Set(referralIds).size) throw badRequest('referralIds', 'must be referrals of this case');
  }

  private checkTargetDate(plan: ServicePlan, targetDate: string | null | undefined): void {
    if (targetDate && targetDate < plan.startsOn) throw badRequest('targetDate', 'is before the plan starts');
  }

  async listGoals(query: ListQuery): Promise<Page<Plain>> {
    return this.listOf(Goal, 'Goal', query, (g) => this.goalView(g));
  }

  async createGoal(dto: CreateGoalDto): Promise<Plain> {
    const { actor } = currentActor();
    const { plan } = await this.planForChange(dto.planId, 'Goal');
    this.checkTargetDate(plan, dto.targetDate);
    await this.checkReferrals(plan.caseId, dto.referralIds);
    const id = randomUUID();
    const goal = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(Goal, {
          id,
          organizationId: plan.organizationId,
          planId: plan.id,
          caseId: plan.caseId,
          domain: dto.domain,
          description: this.cipher.encrypt(dto.description, at('goal', 'description', id)),
          targetDate: dto.targetDate ?? null,
          status: 'not_started',
          referralIds: dto.referralIds ?? [],
          createdBy: actor.id,
        }),
      );
      await this.reviseIfAgreed(manager, plan);
      await this.audit.record(manager, { action: 'create', subjectType: 'Goal', subjectId: id, fields: Object.keys(dto) });
      return saved;
    });
    return this.goalView(goal);
  }

  async updateGoal(id: string, dto: UpdateGoalDto): Promise<Plain> {
    const { version, ...patch } = dto;
    const { ability } = currentActor();
    const goal = await findScoped(this.dataSource.manager, Goal, ability, 'read', 'Goal', id);
    if (!goal) throw await outOfReach(this.dataSource.manager, this.audit, Goal, 'Goal', id, 'update', 'Goal');
    const { plan } = await this.planForChange(goal.planId, 'Goal');
    if (goal.version !== version) throw staleVersion();
    this.checkTargetDate(plan, patch.targetDate);
    await this.checkReferrals(plan.caseId, patch.referralIds);
    const values: Plain = { ...patch };
    const status = (patch.status ?? goal.status) as GoalStatus;
    if (GOAL_FINAL_STATUSES.includes(status)) {
      values.reachedOn = patch.reachedOn ?? goal.reachedOn ?? this.today();
      if ((values.reachedOn as string) > this.today()) throw badRequest('reachedOn', 'is in the future');
      if ((values.reachedOn as string) < plan.startsOn) throw badRequest('reachedOn', 'is before the plan starts');
    } else if (patch.reachedOn) {
      throw badRequest('reachedOn', 'applies only to achieved, partially achieved or discontinued goals');
    } else {
      values.reachedOn = null;
    }
    const current = { ...goal, description: this.cipher.decrypt(goal.description, at('goal', 'description', id)) } as unknown as Plain;
    const fields = Object.keys(values).filter((k) => JSON.stringify(current[k] ?? null) !== JSON.stringify(values[k] ?? null));
    if (values.description !== undefined) values.description = this.cipher.encrypt(values.description as string, at('goal', 'description', id));
    const updated = await this.dataSource.transaction(async (manager) => {
      if (fields.length > 0) {
        await updateVersioned(manager, Goal, id, version, values);
        if (fields.some((f) => ['domain', 'description', 'targetDate'].includes(f))) await this.reviseIfAgreed(manager, plan);
        await this.audit.record(manager, { action: 'update', subjectType: 'Goal', subjectId: id, fields });
      }
      return manager.findOneByOrFail(Goal, { id });
    });
    return this.goalView(updated);
  }

  // --- tasks ---

  async listTasks(query: ListQuery): Promise<Page<Plain>> {
    return this.listOf(Task, 'Task', query, (t) => this.taskView(t));
  }

  async createTask(dto: CreateTaskDto): Promise<Plain> {
    const { actor, ability } = currentActor();
    const goal = await findScoped(this.dataSource.manager, Goal, ability, 'read', 'Goal', dto.goalId);
    if (!goal) throw badRequest('goalId', 'is not a goal you may change');
    const { plan } = await this.planForChange(goal.planId, 'Task');
    if (dto.dueDate && dto.dueDate < plan.startsOn) throw badRequest('dueDate', 'is before the plan starts');
    let partnerOrgId: string | null = null;
    if (dto.owner === 'partner') {
      if (!dto.referralId) throw badRequest('referralId', 'is required for a partner task');
      const referral = await this.dataSource.manager.findOne(Referral, { where: { id: dto.referralId, caseId: plan.caseId } });
      if (!referral) throw badRequest('referralId', 'is not a referral of this case');
      if (!['sent', 'accepted', 'in_progress'].includes(referral.status)) throw badRequest('referralId', 'is not an open referral the partner has received');
      partnerOrgId = referral.partnerOrgId;
    } else if (dto.referralId) {
      throw badRequest('referralId', 'applies only to partner tasks');
    }
    const id = randomUUID();
    const task = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(Task, {
          id,
          organizationId: plan.organizationId,
          planId: plan.id,
          goalId: goal.id,
          caseId: plan.caseId,
          description: this.cipher.encrypt(dto.description, at('task', 'description', id)),
          owner: dto.owner,
          referralId: dto.referralId ?? null,
          partnerOrgId,
          dueDate: dto.dueDate ?? null,
          createdBy: actor.id,
        }),
      );
      await this.reviseIfAgreed(manager, plan);
      await this.audit.record(manager, { action: 'create', subjectType: 'Task', subjectId: id, fields: Object.keys(dto) });
      return saved;
    });
    return this.taskView(task);
  }

  /** Caseworkers edit and tick tasks; partner staff may only tick the tasks given to them. */
  async updateTask(id: string, dto: UpdateTaskDto): Promise<Plain> {
    const { version, done, ...patch } = dto;
    const { actor, ability } = currentActor();
    const task = await findScoped(this.dataSource.manager, Task, ability, 'read', 'Task', id);
    if (!task) throw await outOfReach(this.dataSource.manager, this.audit, Task, 'Task', id, 'update', 'Task');
    const requested = [...Object.keys(patch), ...(done === undefined ? [] : ['doneAt'])];
    if (!ability.can('update', asSubject('Task', task))) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'Task', subjectId: id, fields: requested, reason: 'update' });
      throw new DomainError('FORBIDDEN', 403, 'You may not change this task');
    }
    assertWritable(ability, 'update', 'Task', task, requested);
    if (task.version !== version) throw staleVersion();
    const plan = await this.dataSource.manager.findOneByOrFail(ServicePlan, { id: task.planId });
    if (plan.status !== 'active') throw new DomainError('PLAN_READ_ONLY', 409, 'Earlier plans are kept read-only');
    const kase = await this.dataSource.manager.findOneByOrFail(Case, { id: task.caseId });
    if (kase.status === 'closed') throw new DomainError('CASE_CLOSED', 409, 'This case is closed: its plan is read-only');
    if (patch.dueDate && patch.dueDate < plan.startsOn) throw badRequest('dueDate', 'is before the plan starts');
    const values: Plain = { ...patch };
    if (done !== undefined) values.doneAt = done ? (task.doneAt ?? this.clock.now()) : null;
    if (patch.description !== undefined) values.description = this.cipher.encrypt(patch.description, at('task', 'description', id));
    const updated = await this.dataSource.transaction(async (manager) => {
      await updateVersioned(manager, Task, id, version, values);
      if (patch.description !== undefined || patch.dueDate !== undefined) await this.reviseIfAgreed(manager, plan);
      await this.audit.record(manager, { action: 'update', subjectType: 'Task', subjectId: id, fields: requested, reason: actor.role === 'partner' ? 'by the partner' : null });
      return manager.findOneByOrFail(Task, { id });
    });
    return this.taskView(updated);
  }

  private async listOf<T extends ObjectLiteral>(entity: EntityTarget<T>, subject: SubjectType, query: ListQuery, view: (row: T) => Plain): Promise<Page<Plain>> {
    const { ability } = currentActor();
    const qb = scopedQuery(this.dataSource.manager, entity, ability, 'read', subject);
    applyListQuery(qb, query);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows.map(view), total, skip: query.skip };
  }
}

import { randomUUID } from 'node:crypto';
import { CustomValuesService } from '../custom-fields/index.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GOAL_FINAL_STATUSES, type GoalStatus } from '@lantern/contracts';
import type { SubjectType } from '@lantern/permissions';
import { DataSource, In, type EntityManager } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { RecordWrites } from '../../access/records/record-writes.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Case } from '../../case-file/case.entity.js';
import { Clock } from '../../kernel/config/clock.js';
import { opensRevision, refuseAgreement } from './plan-agreement.js';
import { refuseIfClosed } from '../../case-file/case-status.js';
import { DomainError, badRequest, forbidden, staleVersion } from '../../kernel/http/domain-error.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import type { Referral } from '../referrals/index.js';
import { User } from '../../access/auth/user.entity.js';
import type { CreateGoalDto, CreateServicePlanDto, CreateTaskDto, RecordAgreementDto, UpdateGoalDto, UpdateServicePlanDto, UpdateTaskDto } from './dto/service-plan.dto.js';
import { PlanReads, at } from './plan-reads.js';
import { Goal, ServicePlan, ServicePlanVersion, Task } from './service-plan.entity.js';
import type { Plain } from '../../kernel/http/serialize.js';

/**
 * Changes to service plans with their goals and tasks (their reads are plan-reads.ts). A change to what
 * was agreed (adding or rewording a goal or task, moving a date) opens a new revision that needs the
 * survivor's agreement again; progress (ticking a task, reaching a goal) does not.
 */
@Injectable()
export class ServicePlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
    private readonly reads: PlanReads,
    private readonly customValues: CustomValuesService,
  ) {}

  /** The case a change belongs to, if the caller may change it and it is not closed. */
  private async openCaseFor(caseId: string): Promise<Case> {
    const kase = await this.access.findScoped<Case>('Case', caseId, 'update');
    if (!kase) throw badRequest('caseId', 'is not a case on your caseload');
    refuseIfClosed(kase, 'its plan is read-only');
    return kase;
  }

  async createPlan(dto: CreateServicePlanDto): Promise<Plain> {
    const { actor } = currentActor();
    const values: Plain = { ...dto, organizationId: actor.organizationId };
    if (!(await this.access.can('create', 'ServicePlan', values))) throw badRequest('caseId', 'is not a case on your caseload');
    const kase = await this.openCaseFor(dto.caseId);
    if (dto.reviewDate < dto.startsOn) throw badRequest('reviewDate', 'is before the plan starts');
    const active = await this.dataSource.manager.findOne(ServicePlan, { where: { caseId: kase.id, status: 'active' } });
    if (active && dto.replacesPlanId !== active.id) {
      throw new DomainError('PLAN_EXISTS', 'This case already has an active plan; replace it explicitly (replacesPlanId)', {
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
    return this.reads.getPlan(id);
  }

  /** The active plan of an open case, loaded for a change by the caller. */
  private async planForChange(planId: string, subject: SubjectType = 'ServicePlan'): Promise<{ plan: ServicePlan; kase: Case }> {
    const plan = await this.access.findScoped<ServicePlan>('ServicePlan', planId);
    if (!plan) {
      // The plan named by the route is "not found"; a plan named in a body is a bad field.
      if (subject === 'ServicePlan') throw await this.access.outOfReach('ServicePlan', planId, 'update');
      throw badRequest('planId', 'is not a plan you may change');
    }
    if (!(await this.access.can('update', subject, { organizationId: plan.organizationId, caseId: plan.caseId }))) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: subject, subjectId: planId, reason: 'update' });
      throw forbidden('You may not change this plan');
    }
    if (plan.status !== 'active') throw new DomainError('PLAN_READ_ONLY', undefined, { planId: ['is not the active plan'] });
    const kase = await this.openCaseFor(plan.caseId);
    return { plan, kase };
  }

  /** A change to what was agreed opens the next revision, to be agreed again. */
  private async reviseIfAgreed(manager: EntityManager, plan: ServicePlan): Promise<void> {
    const fresh = await manager.findOneByOrFail(ServicePlan, { id: plan.id });
    if (opensRevision(fresh, ['content'])) {
      await manager.query('UPDATE service_plan SET revision = revision + 1, version = version + 1, updated_at = now() WHERE id = $1', [plan.id]);
    }
  }

  async updatePlan(id: string, dto: UpdateServicePlanDto): Promise<Plain> {
    const { version, ...patch } = dto;
    const { plan } = await this.planForChange(id);
    if (plan.version !== version) throw staleVersion();
    this.access.assertEchoes('ServicePlan', plan);
    const startsOn = patch.startsOn ?? plan.startsOn;
    if ((patch.reviewDate ?? plan.reviewDate) < startsOn) throw badRequest('reviewDate', 'is before the plan starts');
    const fields = Object.keys(patch).filter((k) => (plan as unknown as Plain)[k] !== (patch as Plain)[k]);
    if (fields.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        await updateVersioned(manager, ServicePlan, id, version, patch);
        // A new review date alone is not a change to what the survivor agreed.
        if (opensRevision(plan, fields)) await this.reviseIfAgreed(manager, plan);
        await this.audit.record(manager, { action: 'update', subjectType: 'ServicePlan', subjectId: id, fields });
      });
    }
    return this.reads.getPlan(id);
  }

  /** The survivor agrees to the current revision; the plan as it stands is kept with the agreement. */
  async recordAgreement(id: string, dto: RecordAgreementDto): Promise<Plain> {
    const { actor } = currentActor();
    const { plan } = await this.planForChange(id);
    const refused = refuseAgreement(plan, dto.revision, dto.agreedOn, this.reads.today());
    if (refused) throw refused;
    const witness = dto.witnessedBy ?? actor.id;
    if (!(await this.dataSource.manager.exists(User, { where: { id: witness, organizationId: plan.organizationId, active: true, role: In(['caseworker', 'coordinator']) } }))) {
      throw badRequest('witnessedBy', 'is not an active caseworker or coordinator of your organization');
    }
    await this.dataSource.transaction(async (manager) => {
      // The plan as it stands, as the person recording the agreement sees it (kept, not shown: no read audit).
      const goals = await this.reads.planGoals(manager, plan.id, false);
      const versionId = randomUUID();
      await manager.insert(ServicePlanVersion, {
        id: versionId,
        organizationId: plan.organizationId,
        planId: id,
        revision: plan.revision,
        agreedOn: dto.agreedOn,
        method: dto.method,
        witnessedBy: witness,
        content: this.cipher.encrypt(JSON.stringify(goals), at('service_plan_version', 'content', versionId)),
        createdBy: actor.id,
      });
      await updateVersioned(manager, ServicePlan, id, plan.version, { agreedRevision: plan.revision, agreedAt: this.clock.now() });
      await this.audit.record(manager, { action: 'update', subjectType: 'ServicePlan', subjectId: id, fields: ['agreedRevision'], reason: `agreed to revision ${plan.revision} (${dto.method})` });
    });
    return this.reads.getPlan(id);
  }

  // --- goals ---

  private async checkReferrals(caseId: string, referralIds: string[] | undefined): Promise<void> {
    if (!referralIds?.length) return;
    const found = await this.access.scoped<Referral>('Referral').andWhere('r.id IN (:...ids)', { ids: [...new Set(referralIds)] }).andWhere('r.case_id = :caseId', { caseId }).getCount();
    if (found !== new Set(referralIds).size) throw badRequest('referralIds', 'must be referrals of this case');
  }

  private checkTargetDate(plan: ServicePlan, targetDate: string | null | undefined): void {
    if (targetDate && targetDate < plan.startsOn) throw badRequest('targetDate', 'is before the plan starts');
  }

  async createGoal(body: CreateGoalDto): Promise<Plain> {
    const { actor } = currentActor();
    const { custom: customValues, ...dto } = body;
    const { plan } = await this.planForChange(dto.planId, 'Goal');
    this.checkTargetDate(plan, dto.targetDate);
    await this.checkReferrals(plan.caseId, dto.referralIds);
    const id = randomUUID();
    const custom = await this.customValues.forNewRecord('goal', id, customValues);
    const goal = await this.writes.insert<Goal>(
      'Goal',
      {
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
        custom: custom.custom,
      },
      [...Object.keys(dto), ...custom.fields],
      (manager) => this.reviseIfAgreed(manager, plan),
    );
    return this.reads.goalView(goal);
  }

  async updateGoal(id: string, dto: UpdateGoalDto): Promise<Plain> {
    const { version, ...patch } = dto;
    const goal = await this.access.findScoped<Goal>('Goal', id);
    if (!goal) throw await this.access.outOfReach('Goal', id, 'update');
    const { plan } = await this.planForChange(goal.planId, 'Goal');
    if (goal.version !== version) throw staleVersion();
    this.access.assertEchoes('Goal', goal);
    this.checkTargetDate(plan, patch.targetDate);
    await this.checkReferrals(plan.caseId, patch.referralIds);
    const values: Plain = { ...patch };
    const status = (patch.status ?? goal.status) as GoalStatus;
    if (GOAL_FINAL_STATUSES.includes(status)) {
      values.reachedOn = patch.reachedOn ?? goal.reachedOn ?? this.reads.today();
      if ((values.reachedOn as string) > this.reads.today()) throw badRequest('reachedOn', 'is in the future');
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
    return this.reads.goalView(updated);
  }

  // --- tasks ---

  async createTask(dto: CreateTaskDto): Promise<Plain> {
    const { actor } = currentActor();
    const goal = await this.access.findScoped<Goal>('Goal', dto.goalId);
    if (!goal) throw badRequest('goalId', 'is not a goal you may change');
    const { plan } = await this.planForChange(goal.planId, 'Task');
    if (dto.dueDate && dto.dueDate < plan.startsOn) throw badRequest('dueDate', 'is before the plan starts');
    let partnerOrgId: string | null = null;
    if (dto.owner === 'partner') {
      if (!dto.referralId) throw badRequest('referralId', 'is required for a partner task');
      const referral = await this.access.findScoped<Referral>('Referral', dto.referralId);
      if (!referral || referral.caseId !== plan.caseId) throw badRequest('referralId', 'is not a referral of this case');
      if (!['sent', 'accepted', 'in_progress'].includes(referral.status)) throw badRequest('referralId', 'is not an open referral the partner has received');
      partnerOrgId = referral.partnerOrgId;
    } else if (dto.referralId) {
      throw badRequest('referralId', 'applies only to partner tasks');
    }
    const id = randomUUID();
    const task = await this.writes.insert<Task>(
      'Task',
      {
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
      },
      Object.keys(dto),
      (manager) => this.reviseIfAgreed(manager, plan),
    );
    return this.reads.taskView(task);
  }

  /** Caseworkers edit and tick tasks; partner staff may only tick the tasks given to them. */
  async updateTask(id: string, dto: UpdateTaskDto): Promise<Plain> {
    const { version, done, ...patch } = dto;
    const { actor } = currentActor();
    const requested = [...Object.keys(patch), ...(done === undefined ? [] : ['doneAt'])];
    // 404 out of reach; 403 (audited) when not changeable or when a field may not be set (a partner
    // only ticks); 409 when stale. The rules are checked with the task's case loaded.
    const task = await this.access.loadForChange<Task>({ subject: 'Task', id, fields: requested, version, refusal: 'You may not change this task' });
    const plan = await this.dataSource.manager.findOneByOrFail(ServicePlan, { id: task.planId });
    if (plan.status !== 'active') throw new DomainError('PLAN_READ_ONLY');
    const kase = await this.dataSource.manager.findOneByOrFail(Case, { id: task.caseId });
    refuseIfClosed(kase, 'its plan is read-only', 'id');
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
    return this.reads.taskView(updated);
  }
}

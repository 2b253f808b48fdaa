import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { permittedFields } from '@lantern/permissions';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { caseRecordList } from '../../kernel/http/list-filters.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { serialize, type Plain } from '../../kernel/http/serialize.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { ServicePlanVersion, type Goal, type ServicePlan, type Task } from './service-plan.entity.js';

/** A goal as kept in an agreed revision (the goal's view at the time, with its tasks). */
type AgreedGoal = Plain & { id?: string; tasks?: (Plain & { id?: string })[] };

/** Where an encrypted column of a plan, goal or task sits: the AAD of its value (kernel/crypto/field-cipher.ts). */
export const at = (table: string, column: string, rowId: string) => ({ table, column, rowId });

export const PLAN_LIST: ListSpec = caseRecordList(
  'service-plans',
  { status: { kind: 'eq', type: 'enum', values: ['active', 'superseded', 'closed'] } },
  { sorts: ['planNumber', 'createdAt', 'reviewDate'], defaultSort: ['planNumber', 'DESC'] },
);
export const GOAL_LIST: ListSpec = caseRecordList(
  'goals',
  { planId: { kind: 'eq', type: 'uuid' } },
  { sorts: ['createdAt', 'targetDate', 'domain'], defaultSort: ['createdAt', 'ASC'] },
);
export const TASK_LIST: ListSpec = caseRecordList(
  'tasks',
  {
    planId: { kind: 'eq', type: 'uuid' },
    goalId: { kind: 'eq', type: 'uuid' },
    referralId: { kind: 'eq', type: 'uuid' },
    done: { kind: 'isNull', property: 'doneAt' },
  },
  { sorts: ['dueDate', 'createdAt'], defaultSort: ['dueDate', 'ASC'] },
);

/**
 * Reading service plans, their goals and their tasks: the lists, a plan opened with its goals and
 * tasks, its agreed revisions, and how each record is answered (texts decrypted only when readable,
 * field-filtered with its relations loaded). Reads are scoped and audited by the record-access layer;
 * the changes are in service-plans.service.ts, which answers with a record just written through here.
 */
@Injectable()
export class PlanReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
  ) {}

  /** Today as a date (YYYY-MM-DD, UTC), what plan, goal and task dates are compared with. */
  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  // --- views ---

  /** A goal as returned, before field filtering: the description decrypted only when readable. */
  private goalPlain(goal: Goal, readable: Set<string>): Plain {
    return { ...goal, description: readable.has('description') ? this.cipher.decrypt(goal.description, at('goal', 'description', goal.id)) : undefined };
  }

  private taskPlain(task: Task, readable: Set<string>): Plain {
    return {
      ...task,
      description: readable.has('description') ? this.cipher.decrypt(task.description, at('task', 'description', task.id)) : undefined,
      overdue: !task.doneAt && !!task.dueDate && task.dueDate < this.today(),
    };
  }

  private planPlain(plan: ServicePlan): Plain {
    return { ...plan, agreementCurrent: plan.agreedRevision === plan.revision, reviewOverdue: plan.status === 'active' && plan.reviewDate < this.today() };
  }

  /** Field-filtered views of records, checked with their relations loaded (the rules look at the case). */
  private async views<T extends Goal | Task>(subject: 'Goal' | 'Task', rows: T[], plain: (row: T, readable: Set<string>) => Plain, manager?: EntityManager): Promise<Plain[]> {
    const { ability } = currentActor();
    const full = await this.access.withRelations(subject, rows, manager);
    return rows.map((row, i) => {
      const readable = new Set(permittedFields(ability, 'read', subject, full[i]));
      return serialize(ability, subject, full[i]!, plain(row, readable), readable);
    });
  }

  /** A goal or task just written, as returned to the person who wrote it (a change, audited as such). */
  async goalView(goal: Goal): Promise<Plain> {
    return (await this.views('Goal', [goal], (g, readable) => this.goalPlain(g, readable)))[0]!;
  }

  async taskView(task: Task): Promise<Plain> {
    return (await this.views('Task', [task], (t, readable) => this.taskPlain(t, readable)))[0]!;
  }

  /**
   * The plan's goals with their tasks, as far as this person may read them. With `audit`, the goals
   * and tasks returned are recorded as read (one row per subject) in the caller's transaction.
   */
  async planGoals(manager: EntityManager, planId: string, audit: boolean): Promise<Plain[]> {
    const goals = await this.access.scoped<Goal>('Goal', 'read', manager).andWhere('r.plan_id = :id', { id: planId }).orderBy('r.created_at').getMany();
    const tasks = await this.access.scoped<Task>('Task', 'read', manager).andWhere('r.plan_id = :id', { id: planId }).orderBy('r.created_at').getMany();
    const goalViews = await this.views('Goal', goals, (g, readable) => this.goalPlain(g, readable), manager);
    const taskViews = await this.views('Task', tasks, (t, readable) => this.taskPlain(t, readable), manager);
    if (audit) {
      const fieldsOf = (views: Plain[]) => [...new Set(views.flatMap((v) => Object.keys(v)))];
      await this.access.recordReads('Goal', goals.map((g) => g.id), fieldsOf(goalViews), manager);
      await this.access.recordReads('Task', tasks.map((t) => t.id), fieldsOf(taskViews), manager);
    }
    return goalViews.map((g, i) => ({ ...g, tasks: taskViews.filter((_, j) => tasks[j]!.goalId === goals[i]!.id) }));
  }

  // --- lists and records ---

  listPlans(query: ListQuery): Promise<Page<Plain>> {
    return this.access.list<ServicePlan>({ subject: 'ServicePlan', spec: PLAN_LIST, query, present: (rows) => rows.map((p) => this.planPlain(p)) });
  }

  /** Opening a plan (its goals and tasks are the survivor's words): audited with the read, goals and tasks too. */
  getPlan(id: string): Promise<Plain> {
    return this.access.get<ServicePlan>({
      subject: 'ServicePlan',
      id,
      present: async (plan, _readable, manager) => ({ ...this.planPlain(plan), goals: await this.planGoals(manager, plan.id, true) }),
      auditFields: () => ['goals', 'tasks'],
    });
  }

  /**
   * Every agreed revision, oldest first, with the plan as it was agreed: audited as a read of the plan
   * and of the goals and tasks the agreed revisions hold, in the transaction of the read.
   */
  async versions(id: string): Promise<Plain[]> {
    await this.access.beforeRead();
    const body = await this.dataSource.transaction(async (manager) => {
      const plan = await this.access.findScoped<ServicePlan>('ServicePlan', id, 'read', manager);
      if (!plan) return null;
      const rows = await manager.find(ServicePlanVersion, { where: { planId: id }, order: { revision: 'ASC' } });
      const versions = rows.map((v) => ({
        id: v.id,
        revision: v.revision,
        agreedOn: v.agreedOn,
        method: v.method,
        witnessedBy: v.witnessedBy,
        goals: JSON.parse(this.cipher.decrypt(v.content, at('service_plan_version', 'content', v.id))) as AgreedGoal[],
        createdAt: v.createdAt.toISOString(),
      }));
      const goals = versions.flatMap((v) => v.goals);
      const tasks = goals.flatMap((g) => g.tasks ?? []);
      const fieldsOf = (items: Plain[]) => [...new Set(items.flatMap((item) => Object.keys(item)))].filter((f) => f !== 'tasks');
      await this.access.recordReads('ServicePlan', [plan.id], ['goals', 'tasks'], manager);
      const idsOf = (items: { id?: string }[]) => [...new Set(items.map((item) => item.id).filter((i): i is string => typeof i === 'string'))];
      await this.access.recordReads('Goal', idsOf(goals), fieldsOf(goals), manager);
      await this.access.recordReads('Task', idsOf(tasks), fieldsOf(tasks), manager);
      return versions;
    });
    if (!body) throw await this.access.outOfReach('ServicePlan', id, 'read');
    return body;
  }

  /** `extra`: what each row carries beyond the goal's fields (its custom values, features/custom-fields). */
  listGoals(query: ListQuery, extra?: (rows: Goal[]) => Plain[]): Promise<Page<Plain>> {
    return this.access.list<Goal>({ extra, subject: 'Goal', spec: GOAL_LIST, query, present: (rows, readable) => rows.map((g) => this.goalPlain(g, readable(g))) });
  }

  /** Partner staff get the tasks given to their organization, with the fields their rule lists. */
  listTasks(query: ListQuery): Promise<Page<Plain>> {
    return this.access.list<Task>({ subject: 'Task', spec: TASK_LIST, query, present: (rows, readable) => rows.map((t) => this.taskPlain(t, readable(t))) });
  }
}

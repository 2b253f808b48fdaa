import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { AgreementMethod, GoalDomain, GoalStatus, PlanType, TaskOwner } from '@lantern/contracts';
import type { StoredCustomValues } from '../../case-file/custom-values.js';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/**
 * The plan a caseworker and a survivor agree on. One active plan per case (a partial unique index);
 * earlier plans stay, read-only. `revision` moves on when an agreed plan changes, so agreement is
 * always to a specific revision.
 */
@Entity('service_plan')
@Index('uq_service_plan_active', ['caseId'], { unique: true, where: `status = 'active'` })
@Index('ix_service_plan_case', ['caseId', 'planNumber'])
@Index('ix_service_plan_org_review', ['organizationId', 'status', 'reviewDate'])
@Check('ck_service_plan_status', `status IN ('active', 'superseded', 'closed')`)
export class ServicePlan extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_service_plan_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  /** 1 for the case's first plan, 2 for the next... */
  @Column({ type: 'integer' })
  planNumber!: number;

  @Column({ type: 'varchar', length: 40 })
  planType!: PlanType;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status!: 'active' | 'superseded' | 'closed';

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  reviewDate!: string;

  /** The plan's current revision; edits after an agreement open the next one. */
  @Column({ type: 'integer', default: 1 })
  revision!: number;

  /** The revision the survivor last agreed to (null: never agreed). */
  @Column({ type: 'integer', nullable: true })
  agreedRevision!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  agreedAt!: Date | null;
}

/** A revision the survivor agreed to: who witnessed it, how, when, and the plan as it stood (encrypted). */
@Entity('service_plan_version')
@Index('uq_service_plan_version', ['planId', 'revision'], { unique: true })
export class ServicePlanVersion extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('ServicePlan', { name: 'fk_service_plan_version_plan', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'date' })
  agreedOn!: string;

  @Column({ type: 'varchar', length: 30 })
  method!: AgreementMethod;

  @ForeignKey('User', { name: 'fk_service_plan_version_witness', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  witnessedBy!: string;

  /** Goals and tasks as agreed, JSON, encrypted (AAD service_plan_version|content|id). */
  @Column({ type: 'text' })
  content!: string;
}

@Entity('goal')
@Index('ix_goal_plan', ['planId'])
@Index('ix_goal_case', ['caseId'])
@Check('ck_goal_status', `status IN ('not_started', 'in_progress', 'achieved', 'partially_achieved', 'discontinued')`)
@Check('ck_goal_domain', `domain IN ('housing', 'employment', 'education', 'health', 'mental_health', 'legal', 'safety', 'financial', 'family', 'other')`)
// Custom field values (issue 18): GIN, written by hand in CustomFields (see case-file/case.entity.ts).
@Index('ix_goal_custom', { synchronize: false })
export class Goal extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('ServicePlan', { name: 'fk_goal_plan', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 20 })
  domain!: GoalDomain;

  /** In the survivor's words, encrypted (AAD goal|description|id). */
  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'date', nullable: true })
  targetDate!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'not_started' })
  status!: GoalStatus;

  /** When achieved, partially achieved or discontinued. */
  @Column({ type: 'date', nullable: true })
  reachedOn!: string | null;

  /** Referrals that serve this goal. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  referralIds!: string[];

  /**
   * Custom field values (issue 18; docs/custom-fields.md), keyed by field id; a PII field's value is
   * `{ "c": ciphertext }` (AAD goal|custom.<field id>|id). Not a field of the subject: it reaches a
   * reader only through features/custom-fields.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  custom!: StoredCustomValues;
}

@Entity('task')
@Index('ix_task_goal', ['goalId'])
@Index('ix_task_case_due', ['caseId', 'dueDate'])
@Index('ix_task_referral', ['referralId'])
@Index('ix_task_partner', ['partnerOrgId'])
// The caseload counts each active plan's open tasks past their due date, per row of the list: without
// this, every row scans the whole task table (seconds at 100k cases).
@Index('ix_task_plan_open_due', ['planId', 'dueDate'], { where: 'done_at IS NULL' })
// The program overview's overdue tasks, index-only (INCLUDE, written by hand in GroundAndOverdueIndexes).
@Index('ix_task_org_open_due', { synchronize: false })
@Check('ck_task_owner', `owner IN ('survivor', 'caseworker', 'partner')`)
@Check('ck_task_partner_referral', `(owner = 'partner') = (referral_id IS NOT NULL)`)
export class Task extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @ForeignKey('Goal', { name: 'fk_task_goal', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  goalId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  /** Encrypted (AAD task|description|id). */
  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 12 })
  owner!: TaskOwner;

  /** For a partner's task: the referral through which the partner took it on. */
  @ForeignKey('Referral', { name: 'fk_task_referral', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  referralId!: string | null;

  /** The referral's partner org, kept on the task so a partner's task list is a plain indexed lookup. */
  @Column({ type: 'uuid', nullable: true })
  partnerOrgId!: string | null;

  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;
}

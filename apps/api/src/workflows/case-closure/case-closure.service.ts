import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HMIS_LIVING_ONLY, HMIS_LIVING_SITUATIONS, OPEN_REFERRAL_STATUSES } from '@lantern/contracts';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { DomainError, badRequest, forbidden } from '../../kernel/http/domain-error.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { NotificationsService } from '../../features/notifications/notifications.service.js';
import { OutcomeAssessment } from '../../features/outcomes/outcome-assessment.entity.js';
import { Referral } from '../../features/referrals/referral.entity.js';
import { runReferralPlan } from '../../features/referrals/referral-plan.runner.js';
import { planTransition } from '../../features/referrals/referral-workflow.js';
import { ServicePlan } from '../../features/service-plans/service-plan.entity.js';
import { CaseStatusChange } from '../../case-file/case-events.entity.js';
import { Case } from '../../case-file/case.entity.js';
import { CasesService } from '../../features/cases/cases.service.js';
import type { CloseCaseDto, ReopenCaseDto } from '../../features/cases/dto/case.dto.js';

export interface ClosureCheck {
  canClose: boolean;
  missing: { code: 'EXIT_ASSESSMENT_MISSING' | 'OPEN_REFERRALS' | 'ALREADY_CLOSED'; message: string; count?: number }[];
  openReferrals: number;
}

/**
 * Closing a case (issue 5): a reason, an HMIS exit destination, an exit assessment, and no referral
 * left open (or their cancellation in the same step). Reopening is a coordinator's decision, with a reason.
 */
@Injectable()
export class CaseClosureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  /** What stands between this case and its closure, for the close dialog to explain before it lets you close. */
  async check(id: string): Promise<ClosureCheck> {
    const row = await this.cases.loadForChange(id, ['status']);
    return this.checkRow(row);
  }

  private async checkRow(row: Case): Promise<ClosureCheck> {
    const missing: ClosureCheck['missing'] = [];
    if (row.status === 'closed') missing.push({ code: 'ALREADY_CLOSED', message: 'The case is already closed' });
    const exit = await this.dataSource.manager.exists(OutcomeAssessment, { where: { caseId: row.id, stage: 'exit' } });
    if (!exit) missing.push({ code: 'EXIT_ASSESSMENT_MISSING', message: 'Record the exit assessment first' });
    const openReferrals = await this.dataSource.manager.count(Referral, { where: { caseId: row.id, status: In([...OPEN_REFERRAL_STATUSES]) } });
    if (openReferrals > 0) {
      missing.push({ code: 'OPEN_REFERRALS', message: `${openReferrals} referral(s) are still open: cancel them with the closure or finish them first`, count: openReferrals });
    }
    return { canClose: missing.length === 0, missing, openReferrals };
  }

  async close(id: string, dto: CloseCaseDto): Promise<Record<string, unknown>> {
    const { actor } = currentActor();
    const row = await this.cases.loadForChange(id, ['status'], dto.version);
    if (!(dto.exitDestination in HMIS_LIVING_SITUATIONS) || HMIS_LIVING_ONLY.includes(dto.exitDestination)) {
      throw badRequest('exitDestination', 'is not a HUD HMIS FY2024 destination code');
    }
    const check = await this.checkRow(row);
    const blocking = check.missing.filter((m) => !(m.code === 'OPEN_REFERRALS' && dto.cancelOpenReferrals));
    if (blocking.length > 0) {
      const errors: Record<string, string[]> = {};
      for (const m of blocking) {
        const field = m.code === 'EXIT_ASSESSMENT_MISSING' ? 'exitAssessment' : m.code === 'OPEN_REFERRALS' ? 'cancelOpenReferrals' : 'status';
        errors[field] = [m.message];
      }
      throw new DomainError('CASE_CLOSURE_BLOCKED', `The case cannot be closed yet: ${blocking.map((m) => m.message).join('; ')}`, errors);
    }
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      // Each open referral is cancelled by the referral workflow, as a person's cancellation would be
      // (the same transition row, audit and notice to the partner), the closure of the case being the authority.
      const open = await manager.find(Referral, { where: { caseId: id, status: In([...OPEN_REFERRAL_STATUSES]) } });
      for (const referral of open) {
        const decision = planTransition(referral, { to: 'cancelled', reason: 'the case was closed', cause: 'case_closed' }, actor, { now, case: row });
        if (!decision.ok) throw decision.error;
        await runReferralPlan(manager, decision, actor, { audit: this.audit, notifications: this.notifications });
      }
      const plan = await manager.findOne(ServicePlan, { where: { caseId: id, status: 'active' } });
      if (plan) await updateVersioned(manager, ServicePlan, plan.id, plan.version, { status: 'closed' });
      await updateVersioned(manager, Case, id, row.version, {
        status: 'closed',
        closedAt: now,
        closureReason: dto.closureReason,
        exitDestination: dto.exitDestination,
      });
      await manager.insert(CaseStatusChange, {
        organizationId: row.organizationId,
        caseId: id,
        fromStatus: row.status,
        toStatus: 'closed',
        reason: dto.note ? `${dto.closureReason}: ${dto.note}` : dto.closureReason,
        changedBy: actor.id,
        changedAt: now,
        createdBy: actor.id,
      });
      await this.audit.record(manager, {
        action: 'transition',
        subjectType: 'Case',
        subjectId: id,
        fields: ['status', 'closedAt', 'closureReason', 'exitDestination'],
        reason: `${row.status} → closed (${dto.closureReason}, exit ${dto.exitDestination})${open.length ? `; ${open.length} referral(s) cancelled` : ''}`,
      });
    });
    return this.cases.get(id);
  }

  async reopen(id: string, dto: ReopenCaseDto): Promise<Record<string, unknown>> {
    const { actor } = currentActor();
    const row = await this.cases.loadForChange(id, ['status'], dto.version);
    if (actor.role !== 'coordinator') {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'Case', subjectId: id, fields: ['status'], reason: 'reopen' });
      throw forbidden('Only a coordinator may reopen a closed case');
    }
    if (row.status !== 'closed') throw new DomainError('CASE_NOT_CLOSED', undefined, { status: ['is not closed'] });
    return this.cases.transition(id, { to: 'active', reason: dto.reason, ...(dto.version ? { version: dto.version } : {}) }, true);
  }
}

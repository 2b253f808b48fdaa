import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HMIS_LIVING_ONLY, HMIS_LIVING_SITUATIONS, OPEN_REFERRAL_STATUSES, type ClosureCheckResponse, type Role } from '@lantern/contracts';
import { mayMoveReferral } from '@lantern/permissions';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { RecordAccess } from '../../access/records/record-access.js';
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
import { Case } from '../../case-file/case.entity.js';
import { CasesService } from '../../features/cases/cases.service.js';
import { CustomValuesService } from '../../features/custom-fields/index.js';
import { FormsService } from '../../features/forms/index.js';
import { Intake } from '../../features/intakes/intake.entity.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import type { CloseCaseDto, ReopenCaseDto } from '../../features/cases/dto/case.dto.js';
import { recordCaseTransition } from '../../case-file/case-transition.js';
import type { Plain } from '../../kernel/http/serialize.js';

export type ClosureCheck = ClosureCheckResponse;

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
    private readonly access: RecordAccess,
    private readonly forms: FormsService,
    private readonly customValues: CustomValuesService,
  ) {}

  /**
   * What the organization's form settings require at closure (docs/forms.md) that the case, her record
   * or the case's intake leaves empty, as `<form>.<field>`, and the case's required custom fields. Encrypted texts count as given when their
   * column holds a ciphertext: nothing is decrypted for the check.
   */
  private async requiredAtClose(row: Case): Promise<string[]> {
    const survivor = await this.dataSource.manager.findOneOrFail(Survivor, { where: { id: row.survivorId } });
    const intake = await this.dataSource.manager.findOne(Intake, { where: { caseId: row.id } });
    const missing = await this.forms.missingAt(
      row.organizationId,
      'case_close',
      { case: row as unknown as Plain, survivor: survivor as unknown as Plain, intake: (intake ?? {}) as unknown as Plain },
      null,
    );
    // The case's required custom fields, as `custom.<key>` (docs/custom-fields.md, "Required fields"):
    // whoever closes, even a field her role may not read; a retired field never; `applyTo: 'new'` only
    // for cases opened since it became required.
    const custom = await this.customValues.missingRequired('case', row, 'custom', 'is required to close the case');
    return [...Object.keys(missing), ...Object.keys(custom)];
  }

  /** What stands between this case and its closure, for the close dialog to explain before it lets you close. */
  async check(id: string): Promise<ClosureCheck> {
    const row = await this.cases.loadForChange(id, ['status']);
    const check = await this.checkRow(row, currentActor().actor.role);
    // The referrals it names are read like any list of the file: audited, and counted.
    await this.access.recordReads('Referral', check.referralsNotYours.map((r) => r.id), ['id', 'status']);
    return check;
  }

  private async checkRow(row: Case, role: Role): Promise<ClosureCheck> {
    const missing: ClosureCheck['missing'] = [];
    if (row.status === 'closed') missing.push({ code: 'ALREADY_CLOSED', message: 'The case is already closed' });
    const exit = await this.dataSource.manager.exists(OutcomeAssessment, { where: { caseId: row.id, stage: 'exit' } });
    if (!exit) missing.push({ code: 'EXIT_ASSESSMENT_MISSING', message: 'Record the exit assessment first' });
    const openReferrals = await this.dataSource.manager.count(Referral, { where: { caseId: row.id, status: In([...OPEN_REFERRAL_STATUSES]) } });
    if (openReferrals > 0) {
      missing.push({ code: 'OPEN_REFERRALS', message: `${openReferrals} referral(s) are still open: cancel them with the closure or finish them first`, count: openReferrals });
    }
    const required = await this.requiredAtClose(row);
    if (required.length > 0) missing.push({ code: 'REQUIRED_FIELDS_MISSING', message: `Your organization requires these before closing: ${required.join(', ')}`, fields: required });
    const referralsNotYours = openReferrals > 0 ? await this.referralsNotYours(row.id, role) : [];
    return { canClose: missing.length === 0, missing, openReferrals, referralsNotYours };
  }

  /** The open referrals of a case this role may not cancel (REFERRAL_MOVES_BY_ROLE), oldest first: ids and statuses only. */
  private async referralsNotYours(caseId: string, role: Role): Promise<{ id: string; status: string }[]> {
    const open = await this.dataSource.manager.find(Referral, {
      select: { id: true, status: true },
      where: { caseId, status: In([...OPEN_REFERRAL_STATUSES]) },
      order: { createdAt: 'ASC' },
    });
    return open.filter((r) => !mayMoveReferral(role, r.status, 'cancelled')).map((r) => ({ id: r.id, status: r.status }));
  }

  async close(id: string, dto: CloseCaseDto): Promise<Record<string, unknown>> {
    const { actor } = currentActor();
    const row = await this.cases.loadForChange(id, ['status'], dto.version);
    if (!(dto.exitDestination in HMIS_LIVING_SITUATIONS) || HMIS_LIVING_ONLY.includes(dto.exitDestination)) {
      throw badRequest('exitDestination', 'is not a HUD HMIS FY2024 destination code');
    }
    const check = await this.checkRow(row, actor.role);
    const blocking = check.missing.filter((m) => !(m.code === 'OPEN_REFERRALS' && dto.cancelOpenReferrals));
    if (blocking.length > 0) {
      const errors: Record<string, string[]> = {};
      for (const m of blocking) {
        if (m.code === 'REQUIRED_FIELDS_MISSING') {
          for (const field of m.fields ?? []) errors[field] = ['is required to close the case'];
          continue;
        }
        const field = m.code === 'EXIT_ASSESSMENT_MISSING' ? 'exitAssessment' : m.code === 'OPEN_REFERRALS' ? 'cancelOpenReferrals' : 'status';
        errors[field] = [m.message];
      }
      throw new DomainError('CASE_CLOSURE_BLOCKED', `The case cannot be closed yet: ${blocking.map((m) => m.message).join('; ')}`, errors);
    }
    const now = this.clock.now();
    if (dto.cancelOpenReferrals && check.referralsNotYours.length > 0) await this.refuseReferralsNotTheirs(row.id, check.referralsNotYours);
    await this.dataSource.transaction(async (manager) => {
      // Each open referral is cancelled by the referral workflow, as a person's cancellation would be
      // (the same transition row, audit and notice to the partner, and the same table of who may
      // cancel what). A referral that moved since the check above refuses, and nothing is written.
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
      await recordCaseTransition(manager, this.audit, {
        kase: { id, organizationId: row.organizationId, status: row.status },
        to: 'closed',
        reason: dto.note ? `${dto.closureReason}: ${dto.note}` : dto.closureReason,
        fields: ['status', 'closedAt', 'closureReason', 'exitDestination'],
        audited: `${row.status} → closed (${dto.closureReason}, exit ${dto.exitDestination})${open.length ? `; ${open.length} referral(s) cancelled` : ''}`,
        by: actor.id,
        at: now,
      });
    });
    return this.cases.get(id);
  }

  /**
   * Closing cancels only the referrals the closer may cancel (REFERRAL_MOVES_BY_ROLE): a caseworker
   * withdraws her drafts, a coordinator any open referral. When some are not the closer's to cancel,
   * the closure is refused before anything is written (409), naming them by id and status only, and
   * the refusal is audited on the case.
   */
  private async refuseReferralsNotTheirs(caseId: string, notTheirs: { id: string; status: string }[]): Promise<never> {
    await this.audit.recordAlone({
      action: 'denied',
      outcome: 'denied',
      subjectType: 'Case',
      subjectId: caseId,
      fields: ['status', 'referrals'],
      reason: `close: may not cancel referral(s) ${notTheirs.map((r) => `${r.id} (${r.status})`).join(', ')}`,
    });
    throw new DomainError(
      'CASE_CLOSURE_REFERRALS_NOT_YOURS',
      `You may not cancel ${notTheirs.length} open referral(s) of this case: ${notTheirs.map((r) => `${r.id} (${r.status})`).join(', ')}. A coordinator may cancel them; then close the case.`,
      { referrals: notTheirs.map((r) => `${r.id} is ${r.status}`) },
    );
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

import type { EntityManager } from 'typeorm';
import type { AuditService } from '../../access/audit/audit.service.js';
import { updateVersioned } from '../../kernel/http/records.js';
import type { NotificationsService } from '../notifications/index.js';
import { Referral, ReferralTransition } from './referral.entity.js';
import type { AuditEntry, ReferralPlan, ReferralRefusal, ReferralStep, Recipient, WorkflowActor } from './referral-workflow.js';

/** The encrypted columns of a referral: AAD referral|column|id. */
export type SealedReferralColumn = 'reason' | 'outcome_note';

export interface ReferralPlanDeps {
  audit: AuditService;
  notifications: NotificationsService;
  /** Encrypts a staff-only text for one referral column; needed only by plans that write one. */
  seal?: (column: SealedReferralColumn, referralId: string, clear: string) => string;
}

/**
 * Carries out a plan of the referral workflow (referral-workflow.ts) in the caller's transaction:
 * for each referral, in order, its row (inserted, or patched at the version read: 409 when someone
 * else wrote first), its transition rows, its audit entries and its notifications. Nothing here
 * decides anything.
 */
export async function runReferralPlan(manager: EntityManager, plan: ReferralPlan, actor: WorkflowActor, deps: ReferralPlanDeps): Promise<void> {
  for (const step of plan.steps) {
    const sealed = sealColumns(step, deps);
    if (step.write.kind === 'insert') {
      await manager.save(manager.create(Referral, { ...step.write.row, ...sealed }));
    } else {
      await updateVersioned(manager, Referral, step.referralId, step.write.version, { ...step.write.patch, ...sealed });
    }
    for (const row of step.transitions) await manager.insert(ReferralTransition, { ...row, createdBy: actor.id });
    for (const entry of step.audit) await deps.audit.record(manager, entry);
    if (step.clearNotifications?.length) await deps.notifications.clearAbout(manager, step.referralId, step.clearNotifications);
    for (const notice of step.notifications) {
      await deps.notifications.notify(manager, {
        organizationId: notice.organizationId,
        referralId: notice.referralId,
        ...(notice.caseId ? { caseId: notice.caseId } : {}),
        userIds: await recipients(manager, deps.notifications, notice.organizationId, notice.recipients),
        kind: notice.kind,
        title: notice.title,
      });
    }
  }
}

/** A refusal: its denial audited on its own (the change is not made), then the API's answer. */
export async function refuseReferralMove(refusal: ReferralRefusal, audit: AuditService): Promise<never> {
  if (refusal.audit) await audit.recordAlone(refusal.audit satisfies AuditEntry);
  throw refusal.error;
}

function sealColumns(step: ReferralStep, deps: ReferralPlanDeps): { reason?: string | null; outcomeNote?: string } {
  const out: { reason?: string | null; outcomeNote?: string } = {};
  const seal = (column: SealedReferralColumn, clear: string): string => {
    if (!deps.seal) throw new Error('referral plan: an encrypted column needs a cipher');
    return deps.seal(column, step.referralId, clear);
  };
  if (step.seal.reason !== undefined) out.reason = step.seal.reason === null ? null : seal('reason', step.seal.reason);
  if (step.seal.outcomeNote !== undefined) out.outcomeNote = seal('outcome_note', step.seal.outcomeNote);
  return out;
}

/** The people behind the plan's recipients, in order (notify drops repeats and inactive users). */
async function recipients(manager: EntityManager, notifications: NotificationsService, organizationId: string, to: Recipient[]): Promise<string[]> {
  const ids: string[] = [];
  for (const recipient of to) {
    if ('userId' in recipient) ids.push(recipient.userId);
    else if (recipient.role === 'coordinator') ids.push(...(await notifications.recipients(manager, organizationId, ['coordinator'])));
    else ids.push(...(await notifications.recipients(manager, organizationId, ['partner'], recipient.partnerOrgId)));
  }
  return ids;
}

import type { CaseStatus } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../access/audit/audit.service.js';
import { CaseStatusChange } from './case-events.entity.js';

export interface CaseTransition {
  /** The case as it stood before the change. */
  kase: { id: string; organizationId: string; status: CaseStatus };
  to: CaseStatus;
  /** Why, as the case's history shows it. */
  reason: string | null;
  /** The columns of the case the change set. */
  fields: string[];
  /** What the audit row says of it (the move and its why). */
  audited: string;
  by: string;
  at: Date;
}

/**
 * A case's status change, kept in the transaction that makes it: in the case's history
 * (case_status_change, who, when and why) and in the audit log. Every path that moves a case's status
 * (a transition, a closure, a submitted intake) writes both the same way.
 */
export async function recordCaseTransition(manager: EntityManager, audit: AuditService, t: CaseTransition): Promise<void> {
  await manager.insert(CaseStatusChange, {
    organizationId: t.kase.organizationId,
    caseId: t.kase.id,
    fromStatus: t.kase.status,
    toStatus: t.to,
    reason: t.reason,
    changedBy: t.by,
    changedAt: t.at,
    createdBy: t.by,
  });
  await audit.record(manager, { action: 'transition', subjectType: 'Case', subjectId: t.kase.id, fields: t.fields, reason: t.audited });
}

import type { SubjectType } from '@lantern/permissions';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { BreakGlassGrant } from '../break-glass/break-glass-grant.entity.js';
import { CaseNote } from '../case-notes/case-note.entity.js';
import { Case } from '../cases/case.entity.js';
import { Consent } from '../consents/consent.entity.js';
import { Intake } from '../intakes/intake.entity.js';
import { OutcomeAssessment } from '../outcomes/outcome-assessment.entity.js';
import { PartnerOrg } from '../partner-orgs/partner-org.entity.js';
import { Referral } from '../referrals/referral.entity.js';
import { Goal, ServicePlan, Task } from '../service-plans/service-plan.entity.js';
import { Survivor } from '../survivors/survivor.entity.js';
import { User } from '../users/user.entity.js';

/** The table behind each permission subject (Metrics has none: it is a capability, not a record). */
export const SUBJECT_ENTITIES: Record<Exclude<SubjectType, 'Metrics'>, EntityTarget<ObjectLiteral>> = {
  User,
  PartnerOrg,
  AuditEvent,
  Survivor,
  Case,
  Intake,
  Consent,
  CaseNote,
  Referral,
  ServicePlan,
  Goal,
  Task,
  OutcomeAssessment,
  BreakGlassGrant,
};

/**
 * Subjects whose records are a survivor's file (or part of it): every read of them goes through
 * RecordAccess, is audited, and counts toward the person's read budget.
 */
export const SURVIVOR_FILE_SUBJECTS: ReadonlySet<SubjectType> = new Set<SubjectType>([
  'Survivor',
  'Case',
  'Intake',
  'Consent',
  'CaseNote',
  'Referral',
  'ServicePlan',
  'Goal',
  'Task',
  'OutcomeAssessment',
]);

export function entityOf(subject: SubjectType): EntityTarget<ObjectLiteral> {
  if (subject === 'Metrics') throw new Error('Metrics has no table');
  return SUBJECT_ENTITIES[subject];
}

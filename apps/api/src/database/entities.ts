import { AuditEvent } from '../audit/audit-event.entity.js';
import { BreakGlassGrant } from '../break-glass/break-glass-grant.entity.js';
import { CaseNote } from '../case-notes/case-note.entity.js';
import { CaseAssignment, CaseNumberCounter, CaseStatusChange } from '../cases/case-events.entity.js';
import { Case } from '../cases/case.entity.js';
import { Consent } from '../consents/consent.entity.js';
import { Intake, IntakeRevision } from '../intakes/intake.entity.js';
import { Survivor } from '../survivors/survivor.entity.js';
import { LoginAttempt } from '../auth/login-attempt.entity.js';
import { RecoveryCode } from '../auth/recovery-code.entity.js';
import { Session } from '../auth/session.entity.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { Notification, NotificationOutbox } from '../notifications/notification.entity.js';
import { Referral, ReferralTransition } from '../referrals/referral.entity.js';
import { OutcomeAssessment } from '../outcomes/outcome-assessment.entity.js';
import { Goal, ServicePlan, ServicePlanVersion, Task } from '../service-plans/service-plan.entity.js';
import { MetricBudgetEntry, MetricRelease } from '../metrics/metric-release.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { PartnerOrg } from '../partner-orgs/partner-org.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, listed explicitly (no globs: the same list works compiled, under jest and in the CLI). */
export const ENTITIES = [
  Organization,
  User,
  PartnerOrg,
  Session,
  LoginAttempt,
  RecoveryCode,
  AuditEvent,
  IdempotencyKey,
  Survivor,
  Case,
  CaseAssignment,
  CaseStatusChange,
  CaseNumberCounter,
  Intake,
  IntakeRevision,
  Consent,
  CaseNote,
  BreakGlassGrant,
  Referral,
  ReferralTransition,
  Notification,
  NotificationOutbox,
  ServicePlan,
  ServicePlanVersion,
  Goal,
  Task,
  OutcomeAssessment,
  MetricRelease,
  MetricBudgetEntry,
];

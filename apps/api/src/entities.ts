import { AuditEvent } from './access/audit/audit-event.entity.js';
import { AuditChainKey, AuditVerification } from './access/audit/audit-anchor.entity.js';
import { BreakGlassGrant } from './features/break-glass/break-glass-grant.entity.js';
import { CaseNote } from './features/case-notes/case-note.entity.js';
import { CaseNoteDraft } from './features/case-notes/case-note-draft.entity.js';
import { CaseAssignment, CaseNumberCounter, CaseStatusChange } from './case-file/case-events.entity.js';
import { Case } from './case-file/case.entity.js';
import { Consent } from './features/consents/consent.entity.js';
import { Intake, IntakeRevision } from './features/intakes/intake.entity.js';
import { Survivor } from './case-file/survivor.entity.js';
import { SurvivorNameToken } from './case-file/survivor-name-index.js';
import { SurvivorMatchToken } from './case-file/survivor-match-index.js';
import { ThrottleBucket } from './access/auth/throttle-bucket.entity.js';
import { RecoveryCode } from './access/auth/recovery-code.entity.js';
import { Session } from './access/auth/session.entity.js';
import { IdempotencyKey } from './kernel/idempotency/idempotency-key.entity.js';
import { Notification, NotificationOutbox } from './features/notifications/notification.entity.js';
import { MailDeliveryAttempt } from './features/notifications/mail-delivery-attempt.entity.js';
import { Invitation } from './features/accounts/invitation.entity.js';
import { PasswordReset } from './features/accounts/password-reset.entity.js';
import { Referral, ReferralTransition } from './features/referrals/referral.entity.js';
import { OutcomeAssessment } from './features/outcomes/outcome-assessment.entity.js';
import { Goal, ServicePlan, ServicePlanVersion, Task } from './features/service-plans/service-plan.entity.js';
import { MetricBudgetEntry, MetricRelease } from './features/metrics/metric-release.entity.js';
import { Organization } from './features/organizations/organization.entity.js';
import { PartnerOrg } from './features/partner-orgs/partner-org.entity.js';
import { User } from './access/auth/user.entity.js';
import { ReminderGiven, ReminderPreference } from './workflows/reminders/reminder.entity.js';
import { Appointment, AppointmentAttendee, CalendarFeed } from './features/appointments/appointment.entity.js';
import { DOCUMENT_ENTITIES } from './features/documents/document.entity.js';
import { ServiceDelivery } from './features/service-deliveries/service-delivery.entity.js';
import { ImmigrationRelief } from './features/immigration-relief/immigration-relief.entity.js';
import { FunderData } from './features/funder-data/funder-data.entity.js';
import { Contact } from './features/contacts/contact.entity.js';
import { ERASURE_ENTITIES } from './features/erasure/erasure.entity.js';
import { SURVIVOR_MERGE_ENTITIES } from './workflows/survivor-merge/survivor-merge.entity.js';
import { IMPORT_ENTITIES } from './workflows/imports/import.entity.js';
import { CustomField, CustomFieldVersion } from './features/custom-fields/custom-field.entity.js';
import { FormFieldSetting } from './features/forms/form-field-setting.entity.js';

/** Every entity, listed explicitly (no globs: the same list works compiled, under jest and in the CLI). */
export const ENTITIES = [
  Organization,
  User,
  PartnerOrg,
  Session,
  ThrottleBucket,
  RecoveryCode,
  AuditEvent,
  AuditChainKey,
  AuditVerification,
  IdempotencyKey,
  Survivor,
  SurvivorNameToken,
  SurvivorMatchToken,
  Case,
  CaseAssignment,
  CaseStatusChange,
  CaseNumberCounter,
  Intake,
  IntakeRevision,
  Consent,
  CaseNote,
  CaseNoteDraft,
  BreakGlassGrant,
  Referral,
  ReferralTransition,
  Notification,
  NotificationOutbox,
  MailDeliveryAttempt,
  Invitation,
  PasswordReset,
  ServicePlan,
  ServicePlanVersion,
  Goal,
  Task,
  OutcomeAssessment,
  MetricRelease,
  MetricBudgetEntry,
  Appointment,
  AppointmentAttendee,
  CalendarFeed,
  ReminderGiven,
  ReminderPreference,
  ...DOCUMENT_ENTITIES,
  ServiceDelivery,
  ImmigrationRelief,
  FunderData,
  Contact,
  ...ERASURE_ENTITIES,
  ...SURVIVOR_MERGE_ENTITIES,
  ...IMPORT_ENTITIES,
  CustomField,
  CustomFieldVersion,
  FormFieldSetting,
];

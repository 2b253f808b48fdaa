import type { SubjectType } from '@lantern/permissions';
import type { EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The table behind each permission subject, by entity name: every subject is named after the entity
 * class that stores it (Metrics has none: it is a capability, not a record). Names rather than classes
 * keep the access layer free of imports from the features (docs/architecture.md, dependency rules); the
 * composition root registers the classes with TypeORM (src/entities.ts), and a test checks that each
 * subject resolves to a table.
 */
export type RecordSubject = Exclude<SubjectType, 'Metrics' | 'Jobs'>;

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
  'Appointment',
  'Document',
  'ServiceDelivery',
  'ImmigrationRelief',
  'FunderData',
  'Contact',
]);

export function entityOf(subject: SubjectType): EntityTarget<ObjectLiteral> {
  if (subject === 'Metrics' || subject === 'Jobs') throw new Error(`${subject} has no table`);
  return subject satisfies RecordSubject;
}

import type { NotificationKind } from './vocabularies.js';

/** The reminders a user may turn off (issue 14): every one of them is on until the user says otherwise. */
export const REMINDER_KINDS = [
  'task_due',
  'task_overdue',
  'plan_review_due',
  'assessment_due',
  'assessment_overdue',
  'consent_expiring',
  'appointment_tomorrow',
  'referral_overdue',
] as const satisfies readonly NotificationKind[];
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** GET/PUT /reminders/preferences: the signed-in user's own. */
export interface ReminderPreferences {
  /** Reminder kinds this user does not want (in the app or in the digest). */
  mutedKinds: ReminderKind[];
  /** One e-mail a day with counts and case numbers only, when there is anything to remind of. */
  dailyDigest: boolean;
}

import type { ReminderKind } from './vocabularies.js';

/** GET/PUT /reminders/preferences: the signed-in user's own (the kinds are REMINDER_KINDS, vocabularies.ts). */
export interface ReminderPreferences {
  /** Reminder kinds this user does not want (in the app or in the digest). */
  mutedKinds: ReminderKind[];
  /** One e-mail a day with counts and case numbers only, when there is anything to remind of. */
  dailyDigest: boolean;
}

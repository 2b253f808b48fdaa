import type { EntityManager } from 'typeorm';

/** What the throttled secret is: a password, or a second factor (TOTP or recovery code). */
export type ThrottledSecret = 'password' | 'second-factor';

/**
 * What the sign-in and secret checks need to tell people, without importing the feature that does the
 * telling (docs/architecture.md, dependency rules): the notifications feature provides it
 * (features/notifications/notifications.module.ts), as it provides the record-access layer's alerts.
 */
export abstract class AuthAlerts {
  /**
   * Tells the organization's admins that an account met many failed guesses of its secret (from any
   * number of addresses), in the caller's transaction. The account is not locked: an attacker must not
   * be able to lock a person out.
   */
  abstract repeatedFailures(manager: EntityManager, user: { id: string; organizationId: string }, secret: ThrottledSecret): Promise<void>;
}

import type { ErrorCode } from './errors.js';
import type { Role } from './roles.js';

/** Languages of the interface (docs/architecture.md): English and Spanish, stored on the user. */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export interface MeUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string;
  partnerOrgId: string | null;
  /** The language the person chose for the interface. */
  locale: Locale;
}

/** `PATCH /auth/me`: what a person may change about their own account without an admin. */
export interface UpdateMeBody {
  locale?: Locale;
}

/** CASL's packed rules with `{"$var"}` and `{"$ref"}` markers, and the values the `$ref`s name. */
export interface MeRules {
  packed: unknown[];
  shared: unknown[];
}

export interface MeResponse {
  user: MeUser;
  /**
   * The person's CASL rules, packed (`packRules`) with their own ids as variables and repeated values
   * shared: decode with `decodeRules(rules, user)` from @lantern/permissions (client-rules.ts).
   */
  rules: MeRules;
  mfaEnabled: boolean;
  /** True while an admin without a second factor must enrol before doing anything else. */
  mfaEnrolmentRequired: boolean;
  /** Seconds of inactivity after which the session ends. */
  idleTimeoutSeconds: number;
  /** ISO time at which the session ends whatever the activity. */
  absoluteExpiresAt: string;
  demo: boolean;
}

/** Machine-readable codes of authentication failures, shown to users as plain sentences. */
export const AUTH_ERROR_CODES = [
  'AUTH_REQUIRED',
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_THROTTLED',
  'AUTH_MFA_REQUIRED',
  'AUTH_MFA_INVALID',
  'AUTH_STEP_UP_REQUIRED',
  'AUTH_STEP_UP_FAILED',
  'AUTH_SESSION_EXPIRED',
  'AUTH_MFA_ENROLMENT_REQUIRED',
] as const satisfies readonly ErrorCode[];
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export interface SessionResponse {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
}

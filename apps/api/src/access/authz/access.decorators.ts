import { SetMetadata } from '@nestjs/common';
import type { Action, SubjectType } from '@lantern/permissions';

export const ACCESS_KEY = 'lantern:access';
export const ALLOW_RESTRICTED_KEY = 'lantern:allow-restricted';

/** How a route is protected. Every route must declare one; the guards deny routes that do not. */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'policy'; action: Action; subject: SubjectType };

/** Open to anyone, signed in or not (login, health). */
export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);

/** Any signed-in user, whatever the role (own profile, own sessions, logout). */
export const SignedIn = () => SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessRule);

/**
 * The route-level check: the role may do `action` on some `subject`. The service still checks the
 * loaded record, and lists are scoped in SQL.
 */
export const Policy = (action: Action, subject: SubjectType) =>
  SetMetadata(ACCESS_KEY, { kind: 'policy', action, subject } satisfies AccessRule);

/** Reachable by an admin who must still enrol a second factor (the enrolment routes themselves). */
export const AllowRestricted = () => SetMetadata(ALLOW_RESTRICTED_KEY, true);

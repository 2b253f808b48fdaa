import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
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

/**
 * A route's metadata under `key` (the handler's, else its controller's), read once per route: the
 * decorators above are applied when the classes load and never change, and every request asked the
 * reflector for them again in each global guard (docs/benchmarks.md, 6 December 2026, session 12).
 * Keyed by handler and class together: a handler inherited by two controllers may differ by class.
 */
const routeMetadata = new Map<string, WeakMap<object, WeakMap<object, { value: unknown }>>>();

export function routeRule<T>(reflector: Reflector, key: string, context: ExecutionContext): T | undefined {
  const handler = context.getHandler();
  const controller = context.getClass();
  let byHandler = routeMetadata.get(key);
  if (!byHandler) routeMetadata.set(key, (byHandler = new WeakMap()));
  let byClass = byHandler.get(handler);
  if (!byClass) byHandler.set(handler, (byClass = new WeakMap()));
  let known = byClass.get(controller);
  if (!known) byClass.set(controller, (known = { value: reflector.getAllAndOverride<T | undefined>(key, [handler, controller]) }));
  return known.value as T | undefined;
}

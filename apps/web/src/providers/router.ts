import { useCallback } from 'react';
import { reactRouterProvider, type RouterNavigateFunction, type RouterNavigateOptions, type RouterProvider, type RouterTo } from 'react-admin';

/**
 * Pages the app sends a person to, rather than pages she asked for: the sign-in page (a session that
 * ended, a sign-out) and react-admin's "access denied" and "authentication error" pages.
 */
const REDIRECT_PAGES = new Set(['/login', '/access-denied', '/authentication-error']);

function pathnameOf(to: RouterTo, from: string): string {
  if (typeof to === 'string') return to.split(/[?#]/)[0] || from;
  return to.pathname ?? from;
}

/**
 * Whether a navigation replaces the current history entry instead of adding one (issue 13: Back and
 * Forward work inside the app). A redirect replaces the page that caused it, so Back never bounces
 * into the same redirect again; and leaving the sign-in page (back to where the person was) replaces
 * it, so Back after signing in again does not show a sign-in form.
 */
export function replacesEntry(from: string, to: RouterTo): boolean {
  return from === '/login' || REDIRECT_PAGES.has(pathnameOf(to, from));
}

/**
 * Where to go once signed in again on the sign-in page inside the app: the page react-admin's sign-out
 * kept in that page's location state (`nextPathname`, useLogout), else home.
 */
export function pageBeforeSignIn(state: unknown): string {
  const next = (state as { nextPathname?: unknown } | null | undefined)?.nextPathname;
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && next !== '/login' ? next : '/';
}

/**
 * react-admin's react-router binding with one change to `useNavigate`: the navigations of
 * `replacesEntry` replace the current entry. `currentPath` reads the router's location when a
 * navigation starts (App.tsx hands it the router's state).
 */
export function lanternRouterProvider(currentPath: () => string): RouterProvider {
  function useNavigate(): RouterNavigateFunction {
    const navigate = reactRouterProvider.useNavigate();
    return useCallback<RouterNavigateFunction>(
      (to, options?: RouterNavigateOptions) => {
        if (typeof to === 'number') return navigate(to);
        return navigate(to, replacesEntry(currentPath(), to) ? { ...options, replace: true } : options);
      },
      [navigate],
    );
  }
  return { ...reactRouterProvider, useNavigate };
}

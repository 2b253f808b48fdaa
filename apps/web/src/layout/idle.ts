/** How long before the end of the session the warning appears. */
export const WARNING_MS = 2 * 60_000;
/** Real activity (typing, clicking) refreshes the server session at most this often. */
export const ACTIVITY_REFRESH_MS = 60_000;

export interface Deadline {
  /** When the session ends if nothing happens. */
  at: number;
  /** True when the absolute lifetime, not inactivity, ends it: staying signed in cannot help. */
  absolute: boolean;
}

export function sessionDeadline(lastServerTouch: number, idleTimeoutSeconds: number, absoluteExpiresAt: string): Deadline {
  const idle = lastServerTouch + idleTimeoutSeconds * 1000;
  const absolute = Date.parse(absoluteExpiresAt);
  if (Number.isFinite(absolute) && absolute < idle) return { at: absolute, absolute: true };
  return { at: idle, absolute: false };
}

/** 125 000 ms → "2:05". */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Drafts with unsaved changes are saved this long before the session ends (layout/IdleWarning.tsx). */
export const END_SAVE_MS = 15_000;
/** Signing out waits at most this long for those saves. */
export const SAVE_AT_END_LIMIT_MS = 10_000;

/** Resolves with the promise's value, or with undefined once `ms` have passed (a save on a dead network). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

import { useSyncExternalStore } from 'react';

/**
 * Some changes (a user's role) need the password again within the last minutes (docs/security-model.md,
 * step-up). The HTTP client asks here when the API answers AUTH_STEP_UP_REQUIRED; the dialog in the
 * layout answers, and the request is retried once after a successful step-up.
 */
type Waiter = (confirmed: boolean) => void;

let waiters: Waiter[] = [];
let hosts = 0;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function requestStepUp(): Promise<boolean> {
  if (hosts === 0) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    waiters = [...waiters, resolve];
    emit();
  });
}

export function settleStepUp(confirmed: boolean): void {
  const settled = waiters;
  waiters = [];
  emit();
  for (const resolve of settled) resolve(confirmed);
}

/** Called by the dialog while it is mounted, so requests fail fast when nobody can answer. */
export function registerStepUpHost(): () => void {
  hosts += 1;
  return () => {
    hosts -= 1;
    if (hosts === 0) settleStepUp(false);
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const isRequested = (): boolean => waiters.length > 0;

export function useStepUpRequested(): boolean {
  return useSyncExternalStore(subscribe, isRequested);
}

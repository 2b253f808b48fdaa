import type { MeResponse } from '@lantern/contracts';
import { createAbilityFromRules, decodeRules, type AppAbility } from '@lantern/permissions';
import { useSyncExternalStore } from 'react';
import { api, ApiError } from './http';

/** The signed-in person as /auth/me describes them, and their CASL ability. Held in memory only. */
export interface Session {
  me: MeResponse;
  ability: AppAbility;
}

let current: Session | null = null;
let loading: Promise<Session> | null = null;
/** The server said "not signed in"; until the next sign-in there is no need to ask again. */
let knownSignedOut = false;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  return current;
}

export function setSession(me: MeResponse): Session {
  knownSignedOut = false;
  // A refresh that changes nothing (the usual case) keeps the same objects, so nothing re-renders.
  if (current && JSON.stringify(current.me) === JSON.stringify(me)) return current;
  const sameRules = current !== null && JSON.stringify(current.me.rules) === JSON.stringify(me.rules);
  current = {
    me,
    ability: sameRules && current ? current.ability : createAbilityFromRules(decodeRules(me.rules, me.user)),
  };
  emit();
  return current;
}

/** Loads /auth/me once (or again with `force`, which also tells the server the person is here). */
export function loadSession(options: { force?: boolean } = {}): Promise<Session> {
  if (current && !options.force) return Promise.resolve(current);
  if (!loading) {
    loading = api<MeResponse>('/auth/me', { stepUp: false })
      .then(setSession)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) knownSignedOut = true;
        throw error;
      })
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

export function isKnownSignedOut(): boolean {
  return knownSignedOut && !current;
}

/** After sign-out: forget the person, and know there is no session to ask about. */
export function clearSession(): void {
  knownSignedOut = true;
  if (!current) return;
  current = null;
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession);
}

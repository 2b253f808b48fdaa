import { onTabMessage, postToOtherTabs } from './tab-channel';

/**
 * When the server last saw a request that keeps the session alive. The server ends a session after
 * `idleTimeoutSeconds` without such a request, so the idle warning counts from here, not from mouse moves.
 */
let lastServerTouch = Date.now();
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function noteServerTouch(at: number = Date.now(), fromOtherTab = false): void {
  if (at <= lastServerTouch) return;
  lastServerTouch = at;
  if (!fromOtherTab) postToOtherTabs({ type: 'server-touch', at });
  emit();
}

export function getLastServerTouch(): number {
  return lastServerTouch;
}

export function subscribeServerTouch(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

onTabMessage((message) => {
  if (message.type === 'server-touch') noteServerTouch(message.at, true);
});

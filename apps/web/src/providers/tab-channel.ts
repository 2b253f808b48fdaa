/**
 * Messages between open Lantern tabs of the same browser: a Quick Exit in one tab empties them all,
 * and activity in one tab keeps the idle warning of the others in step with the shared session.
 * BroadcastChannel stays in memory; nothing is written to browser storage.
 */
export type TabMessage = { type: 'quick-exit' } | { type: 'server-touch'; at: number } | { type: 'signed-out' };

const CHANNEL_NAME = 'lantern-session';
type Listener = (message: TabMessage) => void;

let channel: BroadcastChannel | null = null;
const listeners = new Set<Listener>();

function open(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    for (const listener of listeners) listener(event.data);
  };
  return channel;
}

export function postToOtherTabs(message: TabMessage): void {
  try {
    open()?.postMessage(message);
  } catch {
    // A closed channel only means the other tabs are not told; this tab goes on.
  }
}

export function onTabMessage(listener: Listener): () => void {
  open();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

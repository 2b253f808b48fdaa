import { onTabMessage, postToOtherTabs } from '../providers/tab-channel';

/** A neutral page to land on: nothing about it suggests what was on screen a moment ago. */
export const NEUTRAL_SITE = 'https://www.weather.gov/';
const LOGOUT_URL = '/api/v1/auth/logout';
/** Three presses of Shift within this time leave the app. */
const SHIFT_WINDOW_MS = 1500;

const cleanups = new Set<() => void>();
let leaving = false;

/** Registers in-memory state to drop on Quick Exit (query cache, store, session). */
export function onQuickExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function endSessionOnServer(): void {
  // A beacon is delivered even though the page is going away; keepalive fetch is the fallback.
  let queued = false;
  try {
    queued = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(LOGOUT_URL);
  } catch {
    queued = false;
  }
  if (!queued) {
    // The beacon carries the page's Origin; the fetch also says it is the web app (the API's CSRF check).
    void fetch(LOGOUT_URL, { method: 'POST', credentials: 'same-origin', keepalive: true, headers: { 'X-Lantern-Client': 'web' } }).catch(() => undefined);
  }
}

/**
 * Leave at once, for someone who must hide what they were looking at: blank the page first, end the
 * session on the server, drop everything held in memory, and replace (not push) the history entry so
 * Back does not lead into Lantern.
 */
export function quickExit(options: { fromOtherTab?: boolean } = {}): void {
  if (leaving) return;
  leaving = true;
  try {
    document.documentElement.style.setProperty('display', 'none', 'important');
    document.title = '';
  } catch {
    // Keep going: leaving matters more than blanking.
  }
  if (!options.fromOtherTab) {
    endSessionOnServer();
    postToOtherTabs({ type: 'quick-exit' });
  }
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // Ignore: the page is being replaced anyway.
    }
  }
  window.location.replace(NEUTRAL_SITE);
}

/** Shift pressed three times (and nothing else in between) within 1.5 s, anywhere in the app. */
export function installQuickExitShortcut(target: Window): () => void {
  let presses: number[] = [];
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Shift') {
      // Typing capitals uses Shift too; any other key breaks the sequence.
      presses = [];
      return;
    }
    if (event.repeat) return;
    const now = performance.now();
    presses = [...presses.filter((at) => now - at <= SHIFT_WINDOW_MS), now];
    if (presses.length >= 3) {
      presses = [];
      quickExit();
    }
  };
  target.addEventListener('keydown', onKeyDown, { capture: true });
  const stopListening = onTabMessage((message) => {
    if (message.type === 'quick-exit') quickExit({ fromOtherTab: true });
  });
  return () => {
    target.removeEventListener('keydown', onKeyDown, { capture: true });
    stopListening();
  };
}

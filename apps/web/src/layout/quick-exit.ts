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

/** How the page can reach the server as it goes away (the browser's, or a test's). */
export interface ExitTransport {
  fetch?: (url: string, init: RequestInit) => Promise<unknown>;
  sendBeacon?: (url: string) => boolean;
  /** Whether fetch's `keepalive` is honoured (Chrome 66+, Safari 13+, Firefox 133+). */
  keepalive: boolean;
}

function browserTransport(): ExitTransport {
  return {
    fetch: typeof fetch === 'function' ? (url, init) => fetch(url, init) : undefined,
    sendBeacon: typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function' ? (url) => navigator.sendBeacon(url) : undefined,
    keepalive: typeof Request !== 'undefined' && 'keepalive' in Request.prototype,
  };
}

/**
 * Ends the session on the server as the page goes away. A keepalive fetch first: it outlives the page
 * and carries the web app's X-Lantern-Client header, which the API's CSRF check accepts whatever the
 * browser says of the request's origin (an older Safari sends no Sec-Fetch-Site). A beacon cannot carry
 * that header, so it is the fallback only for browsers without keepalive (Firefox before 133), which
 * send a same-origin Origin with it. Returns what was used.
 */
export function endSessionOnServer(transport: ExitTransport = browserTransport()): 'keepalive' | 'beacon' | 'fetch' | 'none' {
  const init: RequestInit = { method: 'POST', credentials: 'same-origin', headers: { 'X-Lantern-Client': 'web' } };
  try {
    if (transport.keepalive && transport.fetch) {
      void transport.fetch(LOGOUT_URL, { ...init, keepalive: true }).catch(() => undefined);
      return 'keepalive';
    }
    if (transport.sendBeacon?.(LOGOUT_URL)) return 'beacon';
    if (transport.fetch) {
      void transport.fetch(LOGOUT_URL, init).catch(() => undefined);
      return 'fetch';
    }
  } catch {
    // Leaving matters more than telling the server: the session also ends by its idle limit.
  }
  return 'none';
}

/**
 * Leave at once, for someone who must hide what they were looking at: blank the page first, end the
 * session on the server, drop everything held in memory, and replace (not push) the history entry, so
 * the page that was on screen is gone from the history. The app's earlier entries stay (addresses of
 * ids only); Back to one of them finds the session over and shows the sign-in page
 * (docs/security-model.md, "The browser").
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
  // Back from the neutral site may bring the page that was left out of the browser's back/forward
  // cache: blank, but with its old screen still behind the blank. Load it afresh instead; the session
  // is over, so that is the sign-in page.
  const onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted && leaving) target.location.reload();
  };
  target.addEventListener('pageshow', onPageShow);
  const stopListening = onTabMessage((message) => {
    if (message.type === 'quick-exit') quickExit({ fromOtherTab: true });
  });
  return () => {
    target.removeEventListener('keydown', onKeyDown, { capture: true });
    target.removeEventListener('pageshow', onPageShow);
    stopListening();
  };
}

/**
 * The token of an invitation or password-reset link (issue 14). Mails carry it in the URL fragment
 * (`https://host/#invitation=<token>`, `#reset=<token>`), which browsers never send to a server; main.tsx
 * hands it here before it wipes the address bar, so it stays in memory only: never in the history, a
 * URL, or browser storage.
 */
export interface LinkToken {
  kind: 'invitation' | 'reset';
  token: string;
}

let pending: LinkToken | null = null;

const LINK = /^#(invitation|reset)=([A-Za-z0-9_-]{43})$/;

export function captureLinkToken(hash: string): void {
  const match = LINK.exec(hash);
  pending = match ? { kind: match[1] as LinkToken['kind'], token: match[2]! } : null;
}

export function currentLinkToken(): LinkToken | null {
  return pending;
}

/** Forget the token (used, dead, or the person went to sign in instead). */
export function forgetLinkToken(): void {
  pending = null;
}

/**
 * A link opened in a tab where Lantern already runs changes only the fragment (no new page load): load
 * the page again so the token is taken at boot, like any other, and wiped from the address bar.
 */
export function reloadOnLinkToken(target: Window): void {
  target.addEventListener('hashchange', () => {
    if (LINK.test(target.location.hash)) target.location.reload();
  });
}

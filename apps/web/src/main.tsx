import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { cleanAddress } from './boot/address';
import { Root } from './boot/Root';
import { installQuickExitShortcut } from './layout/quick-exit';
import { captureLinkToken, reloadOnLinkToken } from './login/link-token';
import { prepareInitialLocale } from './providers/i18n-provider';

// Quick Exit works from the very first paint, before anything else has loaded.
installQuickExitShortcut(window);

// An invitation or reset link's token comes in the fragment: kept in memory, then wiped below (issue 14).
captureLinkToken(window.location.hash);
reloadOnLinkToken(window);

// Only a page of the app (`#/cases/<id>/show`) stays in the address bar; a path, a query string or a
// mail link's token is wiped from it and from the history (boot/address.ts).
const cleaned = cleanAddress(window.location);
if (cleaned !== null) window.history.replaceState(null, '', cleaned);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
// The static loading screen (with its own Quick Exit) stays until the starting language is there.
void prepareInitialLocale().finally(() =>
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  ),
);

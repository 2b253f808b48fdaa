import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './boot/Root';
import { installQuickExitShortcut } from './layout/quick-exit';
import { captureLinkToken, reloadOnLinkToken } from './login/link-token';
import { prepareInitialLocale } from './providers/i18n-provider';

// Quick Exit works from the very first paint, before anything else has loaded.
installQuickExitShortcut(window);

// An invitation or reset link's token comes in the fragment: kept in memory, then wiped below (issue 14).
captureLinkToken(window.location.hash);
reloadOnLinkToken(window);

// Lantern routes in memory, so no record or search ever reaches the address bar or the history;
// a typed deep link is put back to the root for the same reason.
if (window.location.pathname !== '/' || window.location.search || window.location.hash) {
  window.history.replaceState(null, '', '/');
}

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

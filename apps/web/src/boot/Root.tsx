import { lazy, Suspense, useEffect, useState } from 'react';
import { currentLinkToken } from '../login/link-token';
import { toApiError } from '../providers/http';
import { loadSession } from '../providers/session';
import { BootLoading, LightShell, SignInShell } from './SignInShell';

// The app itself (react-admin, every page) is loaded once someone is signed in (issue 13).
const LanternApp = lazy(() => import('../App').then((module) => ({ default: module.App })));

type Stage = 'checking' | 'signed-out' | 'app';

/**
 * The first screen: a live session goes straight into the app; anyone else gets the sign-in page
 * (or the page of a mail's link), light, with the app loaded only after signing in. Inside the app a
 * session that ends shows react-admin's own sign-in page (login/AdminSignIn.tsx).
 */
export function Root() {
  const [stage, setStage] = useState<Stage>(() => (currentLinkToken() ? 'signed-out' : 'checking'));
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (stage !== 'checking') return;
    let live = true;
    loadSession().then(
      () => live && setStage('app'),
      (error: unknown) => {
        if (!live) return;
        const apiError = toApiError(error);
        // A first visit needs no scolding; an ended session deserves a sentence.
        if (apiError.code === 'AUTH_SESSION_EXPIRED') setNotice(apiError.message);
        setStage('signed-out');
      },
    );
    return () => {
      live = false;
    };
  }, [stage]);

  if (stage === 'app') {
    return (
      <Suspense
        fallback={
          <LightShell>
            <BootLoading />
          </LightShell>
        }
      >
        <LanternApp />
      </Suspense>
    );
  }
  return <LightShell>{stage === 'checking' ? <BootLoading /> : <SignInShell notice={notice} onSignedIn={() => setStage('app')} />}</LightShell>;
}

import { lazy, Suspense, useState } from 'react';
import { loadSession } from '../providers/session';
import { LoginPage, type SignInActions } from './LoginPage';
import { currentLinkToken } from './link-token';

// The pages of a mail's link and "forgot password" are loaded when needed: the sign-in page stays light (issue 13).
const InvitationPage = lazy(() => import('./AccountLinkPages').then((module) => ({ default: module.InvitationPage })));
const ResetPasswordPage = lazy(() => import('./AccountLinkPages').then((module) => ({ default: module.ResetPasswordPage })));
const ForgotPasswordPage = lazy(() => import('./AccountLinkPages').then((module) => ({ default: module.ForgotPasswordPage })));

/**
 * The page shown to someone not signed in: the invitation or reset page when Lantern was opened from a
 * mail's link (login/link-token.ts), "forgot password", or the sign-in form.
 */
export function SignInOrLink(actions: SignInActions) {
  const [link, setLink] = useState(currentLinkToken);
  const [forgot, setForgot] = useState(false);

  if (link?.kind === 'invitation') {
    // Accepting signs the person in: on to Lantern (or back to sign-in when the link was dead).
    return (
      <Suspense fallback={null}>
        <InvitationPage
          token={link.token}
          onDone={() => {
            // The sign-in page, shown next, goes straight into Lantern when the session is live.
            void loadSession({ force: true })
              .catch(() => undefined)
              .finally(() => setLink(null));
          }}
        />
      </Suspense>
    );
  }
  if (link?.kind === 'reset') {
    return (
      <Suspense fallback={null}>
        <ResetPasswordPage token={link.token} onDone={() => setLink(null)} />
      </Suspense>
    );
  }
  if (forgot) {
    return (
      <Suspense fallback={null}>
        <ForgotPasswordPage onBack={() => setForgot(false)} />
      </Suspense>
    );
  }
  return <LoginPage {...actions} onForgotPassword={() => setForgot(true)} />;
}

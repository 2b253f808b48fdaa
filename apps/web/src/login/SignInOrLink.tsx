import { useState } from 'react';
import { loadSession } from '../providers/session';
import { ForgotPasswordPage, InvitationPage, ResetPasswordPage } from './AccountLinkPages';
import { LoginPage } from './LoginPage';
import { currentLinkToken } from './link-token';

/**
 * The page react-admin shows to someone not signed in: the invitation or reset page when Lantern was
 * opened from a mail's link (login/link-token.ts), "forgot password", or the sign-in form.
 */
export function SignInOrLink() {
  const [link, setLink] = useState(currentLinkToken);
  const [forgot, setForgot] = useState(false);

  if (link?.kind === 'invitation') {
    // Accepting signs the person in: on to Lantern (or back to sign-in when the link was dead).
    return (
      <InvitationPage
        token={link.token}
        onDone={() => {
          // The sign-in page, shown next, goes straight into Lantern when the session is live.
          void loadSession({ force: true })
            .catch(() => undefined)
            .finally(() => setLink(null));
        }}
      />
    );
  }
  if (link?.kind === 'reset') return <ResetPasswordPage token={link.token} onDone={() => setLink(null)} />;
  if (forgot) return <ForgotPasswordPage onBack={() => setForgot(false)} />;
  return <LoginPage onForgotPassword={() => setForgot(true)} />;
}

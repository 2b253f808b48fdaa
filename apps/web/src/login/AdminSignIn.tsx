import { useCallback, useState } from 'react';
import { Navigate, useCheckAuth, useLocation, useLogin, useNavigate } from 'react-admin';
import { pageBeforeSignIn } from '../providers/router';
import { getSession } from '../providers/session';
import { SignInOrLink } from './SignInOrLink';

/**
 * react-admin's login page, inside the app (a session that ended, a sign-out): react-admin's own login,
 * which goes back to the page the person was on (issue 13), replacing the sign-in page in the history
 * (providers/router.ts).
 */
export function AdminSignIn() {
  const login = useLogin();
  const checkAuth = useCheckAuth();
  const navigate = useNavigate();
  const next = pageBeforeSignIn(useLocation().state);
  const enterIfSignedIn = useCallback(() => checkAuth({}, false).then(() => navigate(next)), [checkAuth, navigate, next]);
  // Shown already signed in: this page was reloaded, and the person signed in on the light page
  // (boot/Root.tsx). Straight back to where she was.
  const [signedInAlready] = useState(() => getSession() !== null);
  if (signedInAlready) return <Navigate to={next} replace />;
  return <SignInOrLink login={login} enterIfSignedIn={enterIfSignedIn} />;
}

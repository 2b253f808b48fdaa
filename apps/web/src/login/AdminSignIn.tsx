import { useCallback } from 'react';
import { useCheckAuth, useLogin, useNavigate } from 'react-admin';
import { SignInOrLink } from './SignInOrLink';

/**
 * react-admin's login page, inside the app (a session that ended, a sign-out): react-admin's own login,
 * which goes back to the page the person was on.
 */
export function AdminSignIn() {
  const login = useLogin();
  const checkAuth = useCheckAuth();
  const navigate = useNavigate();
  const enterIfSignedIn = useCallback(() => checkAuth({}, false).then(() => navigate('/')), [checkAuth, navigate]);
  return <SignInOrLink login={login} enterIfSignedIn={enterIfSignedIn} />;
}

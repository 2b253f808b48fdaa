import { LoadingPage } from 'react-admin';
import { QuickExitButton } from './QuickExitButton';

/** react-admin's page while it checks the session: Quick Exit is on it too, as on every screen. */
export function AppLoading() {
  return (
    <>
      <QuickExitButton />
      <LoadingPage />
    </>
  );
}

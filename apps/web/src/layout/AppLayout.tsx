import { AbilityProvider } from '@casl/react';
import type { ReactNode } from 'react';
import { Layout, Loading, Sidebar, useTranslate, type SidebarProps } from 'react-admin';
import { MfaEnrolmentRequired } from '../account/MfaEnrolmentRequired';
import { UserLanguage } from '../i18n/language';
import { useSession } from '../providers/session';
import { IdleWarning } from './IdleWarning';
import { LanternAppBar } from './LanternAppBar';
import { LanternMenu } from './LanternMenu';
import { QuickExitButton } from './QuickExitButton';
import { SpinnerNames } from './SpinnerNames';
import { StepUpDialog } from './StepUpDialog';

/** react-admin's sidebar; on phones it is a drawer (a dialog), which needs a name. */
function LanternSidebar(props: SidebarProps) {
  const translate = useTranslate();
  return <Sidebar {...props} slotProps={{ paper: { 'aria-label': translate('lantern.a11y.mainMenu') } }} />;
}

export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  if (!session) {
    return (
      <SpinnerNames>
        <QuickExitButton />
        <Loading />
      </SpinnerNames>
    );
  }
  const { me, ability } = session;
  return (
    <AbilityProvider value={ability}>
      <SpinnerNames>
        {/* Pinned over the app bar and above every dialog; first in the document, so the first Tab reaches it. */}
        <QuickExitButton />
        {/*
          react-admin's layout is at least as wide as its content (min-width: fit-content): a wide row (a
          case's nine tabs) then widens the whole page past the screen, and a tab scrolled into view drags
          the page over the menu. With minWidth 0 the page keeps the screen's width and the row scrolls.
        */}
        <Layout appBar={LanternAppBar} menu={LanternMenu} sidebar={LanternSidebar} appBarAlwaysOn sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 } }}>
          {me.mfaEnrolmentRequired ? <MfaEnrolmentRequired /> : children}
        </Layout>
        <IdleWarning idleTimeoutSeconds={me.idleTimeoutSeconds} absoluteExpiresAt={me.absoluteExpiresAt} />
        <StepUpDialog />
        <UserLanguage />
      </SpinnerNames>
    </AbilityProvider>
  );
}

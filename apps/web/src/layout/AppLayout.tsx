import { AbilityProvider } from '@casl/react';
import type { ReactNode } from 'react';
import { Layout, Loading } from 'react-admin';
import { MfaEnrolmentRequired } from '../account/MfaEnrolmentRequired';
import { useSession } from '../providers/session';
import { IdleWarning } from './IdleWarning';
import { LanternAppBar } from './LanternAppBar';
import { LanternMenu } from './LanternMenu';
import { StepUpDialog } from './StepUpDialog';

export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  if (!session) return <Loading />;
  const { me, ability } = session;
  return (
    <AbilityProvider value={ability}>
      <Layout appBar={LanternAppBar} menu={LanternMenu} appBarAlwaysOn>
        {me.mfaEnrolmentRequired ? <MfaEnrolmentRequired /> : children}
      </Layout>
      <IdleWarning idleTimeoutSeconds={me.idleTimeoutSeconds} absoluteExpiresAt={me.absoluteExpiresAt} />
      <StepUpDialog />
    </AbilityProvider>
  );
}

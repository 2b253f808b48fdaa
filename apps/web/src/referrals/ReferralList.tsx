import { useSession } from '../providers/session';
import { PartnerInbox } from './PartnerInbox';
import { ReferralBoard } from './ReferralBoard';

/** Partners get their inbox; coordinators the board of the whole program. */
export function ReferralList() {
  const session = useSession();
  return session?.me.user.role === 'partner' ? <PartnerInbox /> : <ReferralBoard />;
}

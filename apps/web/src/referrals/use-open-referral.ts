import { useCallback } from 'react';
import { useCreatePath, useNavigate } from 'react-admin';
import { useSession } from '../providers/session';

/**
 * Opens a referral where this person follows it: partner staff on their referral page, staff on the
 * case's Referrals tab with that referral in view. The referral to show travels in the location's
 * state (the history entry's, an id), never in the address. `replace`: for a page that only forwards
 * (ReferralShow.tsx), so Back does not lead into the same forwarding again.
 */
export function useOpenReferral(): (target: { referralId?: string | null; caseId?: string | null }, options?: { replace?: boolean }) => void {
  const session = useSession();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const partner = session?.me.user.role === 'partner';
  return useCallback(
    ({ referralId, caseId }, { replace = false } = {}) => {
      if (!partner && caseId) {
        navigate(`${createPath({ resource: 'cases', type: 'show', id: caseId })}/referrals`, { state: { referralId: referralId ?? undefined }, replace });
      } else if (referralId) {
        navigate(createPath({ resource: 'referrals', type: 'show', id: referralId }), { replace });
      }
    },
    [partner, navigate, createPath],
  );
}

import { useCallback } from 'react';
import { useCreatePath, useNavigate } from 'react-admin';
import { useSession } from '../providers/session';

/**
 * Opens a referral where this person follows it: partner staff on their referral page, staff on the
 * case's Referrals tab with that referral in view. The referral to show travels in the in-memory
 * router's state, never in an address.
 */
export function useOpenReferral(): (target: { referralId?: string | null; caseId?: string | null }) => void {
  const session = useSession();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const partner = session?.me.user.role === 'partner';
  return useCallback(
    ({ referralId, caseId }) => {
      if (!partner && caseId) {
        navigate(`${createPath({ resource: 'cases', type: 'show', id: caseId })}/referrals`, { state: { referralId: referralId ?? undefined } });
      } else if (referralId) {
        navigate(createPath({ resource: 'referrals', type: 'show', id: referralId }));
      }
    },
    [partner, navigate, createPath],
  );
}

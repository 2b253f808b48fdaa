import { api } from '../providers/http';
import type { ReferralRerouteBody } from '@lantern/contracts';
import type { Referral } from './referral-types';

/** Referral moves beyond the data provider's: re-routing, one call (the API does it in one transaction). */
export const referralApi = {
  /** Answers with the new referral (`reroutedFromId` names the one re-routed). */
  reroute: (referralId: string, body: ReferralRerouteBody) =>
    api<Referral>(`/referrals/${encodeURIComponent(referralId)}/reroute`, { method: 'POST', body }),
};

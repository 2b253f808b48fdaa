import SendIcon from '@mui/icons-material/Send';
import { lazyPage } from '../lazy';

/**
 * Referrals: the coordinator's board and the partner's inbox (one list, chosen by role), and the
 * partner's referral page. Staff follow a referral on its case (the Referrals tab).
 */
export const referrals = {
  list: lazyPage(() => import('./ReferralList'), 'ReferralList'),
  show: lazyPage(() => import('./ReferralShow'), 'ReferralShow'),
  icon: SendIcon,
};

import { Box, CircularProgress } from '@mui/material';
import { useEffect } from 'react';
import { useGetOne, useResourceContext, useTranslate } from 'react-admin';
import { useParams } from 'react-router';
import { RecordUnavailable } from '../common/RecordUnavailable';
import { useSession } from '../providers/session';
import { PartnerReferralShow } from './PartnerReferralShow';
import type { Referral } from './referral-types';
import { useOpenReferral } from './use-open-referral';

/** Staff follow a referral on its case: this page only forwards them there, in place of itself. */
function OnItsCase() {
  const { id } = useParams<{ id: string }>();
  const resource = useResourceContext() ?? 'referrals';
  const openReferral = useOpenReferral();
  const translate = useTranslate();
  const { data, error } = useGetOne<Referral>(resource, { id: id ?? '' }, { enabled: Boolean(id) });
  useEffect(() => {
    if (data?.caseId) openReferral({ referralId: data.id, caseId: data.caseId }, { replace: true });
  }, [data, openReferral]);
  if (error) return <RecordUnavailable error={error} />;
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }}>
      <CircularProgress size={28} aria-label={translate('ra.page.loading')} />
    </Box>
  );
}

export function ReferralShow() {
  const session = useSession();
  return session?.me.user.role === 'partner' ? <PartnerReferralShow /> : <OnItsCase />;
}

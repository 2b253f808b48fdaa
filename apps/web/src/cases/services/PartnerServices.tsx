import { PARTNER_SERVICE_REFERRAL_STATUSES, type ReferralStatus } from '@lantern/contracts';
import { Card, CardContent } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ServiceLog } from './ServiceLog';

/**
 * Partner staff, on a referral they accepted (issue 16): the services their organization gave under it,
 * logged and corrected here while the referral is accepted or in progress and stands on its grounds.
 */
export function PartnerServices({ referralId, status }: { referralId: string; status: ReferralStatus }) {
  const translate = useTranslate();
  if (!(PARTNER_SERVICE_REFERRAL_STATUSES as readonly string[]).includes(status)) return null;
  const title = translate('lantern.services.partnerTitle');
  return (
    <Card component="section" aria-label={title} data-testid="partner-services">
      <CardContent>
        <ServiceLog
          mode="partner"
          filter={{ referralId }}
          referralId={referralId}
          manage
          heading={title}
          intro={translate('lantern.services.partnerIntro')}
        />
      </CardContent>
    </Card>
  );
}

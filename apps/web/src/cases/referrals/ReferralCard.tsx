import AltRouteIcon from '@mui/icons-material/AltRoute';
import BlockIcon from '@mui/icons-material/Block';
import EditIcon from '@mui/icons-material/Edit';
import GppMaybeIcon from '@mui/icons-material/GppMaybe';
import SendIcon from '@mui/icons-material/Send';
import type { CaseResponse } from '@lantern/contracts';
import { referralMovesFor } from '@lantern/permissions';
import { Alert, AlertTitle, Box, Button, Card, CardContent, Divider, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ValueChips } from '../../common/CaseChips';
import { CustomValuesPanel } from '../../custom-fields/CustomValuesPanel';
import { formatDateTime, SURVIVOR_FIELD_LABELS } from '../../common/labels';
import { OverdueChip, ReferralStatusChip, serviceLabel, UrgencyChip } from '../../common/ReferralChips';
import { ReasonDialog } from '../../common/ReasonDialog';
import { useCan } from '../../common/use-can';
import type { LanternDataProvider } from '../../providers/data-provider';
import { useSession } from '../../providers/session';
import { notServedReasonLabel, outcomeLabel } from '../../referrals/outcome';
import { PartnerName, usePartnerName } from '../../referrals/PartnerName';
import type { Referral } from '../../referrals/referral-types';
import { Detail } from '../../survivors/SurvivorDetails';
import { ReferralTimeline, type RerouteLinks } from './ReferralTimeline';
import { SendReferralDialog } from './SendReferralDialog';

function Dates({ referral }: { referral: Referral }) {
  const translate = useTranslate();
  const parts: [string, string | null | undefined][] = [
    [translate('lantern.referralCard.drafted'), referral.createdAt],
    [translate('lantern.referralCard.sent'), referral.sentAt],
    [translate('lantern.referralCard.answered'), referral.respondedAt],
    [translate('lantern.referralCard.started'), referral.startedAt],
    [translate('lantern.referralCard.completed'), referral.completedAt],
    [translate('lantern.referralCard.cancelled'), referral.cancelledAt],
  ];
  return (
    <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {parts
        .filter(([, value]) => Boolean(value))
        .map(([label, value]) => (
          <Detail key={label} label={label}>
            {formatDateTime(value)}
          </Detail>
        ))}
    </Stack>
  );
}

/** One referral of the case (cases/referrals/ReferralsTab.tsx): its state, what was shared, its moves and timeline. */
export function ReferralCard({
  referral,
  record,
  focused,
  links,
  onReroute,
  onEdit,
}: {
  referral: Referral;
  record: CaseResponse;
  focused: boolean;
  links: RerouteLinks;
  onReroute: (referral: Referral, partnerOrgId?: string | null) => void;
  onEdit: (referral: Referral) => void;
}) {
  const can = useCan();
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const partnerName = usePartnerName(referral.partnerOrgId) ?? translate('lantern.referralCard.thePartner');
  const suggestedName = usePartnerName(referral.suggestedPartnerOrgId);
  const [sending, setSending] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const session = useSession();
  // The rules tie a referral to its case's caseworker: the case is given for the check.
  const onCase = { ...referral, case: { assignedCaseworkerId: record.assignedCaseworkerId } };
  // Who may make which move is the API's own table (@lantern/permissions); the rules say whether this
  // person may change this referral at all.
  const tableMoves = referralMovesFor(session?.me.user.role, referral.status);
  const moves = can('update', 'Referral', onCase, 'status') ? tableMoves : [];
  const sends = moves.includes('sent');
  const cancels = moves.includes('cancelled');
  const editsDraft = referral.status === 'draft' && can('update', 'Referral', onCase, 'sharedFields');
  // Re-routing (one move of the API) cancels an open referral, so it needs the right to cancel it; a
  // declined one is left as it is. Either way a new referral is created on the case, and only once.
  const reroutes =
    tableMoves.includes('reroute') &&
    !referral.reroutedToId &&
    Boolean(record.permissions?.referrals.create) &&
    (referral.status === 'declined' || cancels);
  const withdraws = cancels && referral.status === 'draft' && session?.me.user.role === 'caseworker';
  // A closed case takes no new referrals and sends none; what is still open can only be cancelled.
  const caseOpen = record.status !== 'closed';
  const sendsNow = sends && caseOpen;
  const editsNow = editsDraft && caseOpen;
  const reroutesNow = reroutes && caseOpen;

  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'center' });
  }, [focused]);

  const cancel = async (reason: string | undefined): Promise<void> => {
    if (!reason) return;
    await dataProvider.transitionReferral(referral.id, { to: 'cancelled', reason, version: referral.version });
    notify('lantern.referralCard.cancelledNotice', { type: 'success' });
    refresh();
  };

  return (
    <Card
      ref={ref}
      component="article"
      aria-label={translate('lantern.referralCard.label', { service: serviceLabel(referral.serviceType), partner: partnerName })}
      data-testid="referral-card"
      sx={focused ? { borderColor: 'primary.main', borderWidth: 2 } : undefined}
    >
      <CardContent>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ alignItems: { md: 'center' }, mb: 1.5 }}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              {serviceLabel(referral.serviceType)} · <PartnerName partnerOrgId={referral.partnerOrgId} />
            </Typography>
          </Box>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
            <ReferralStatusChip status={referral.status} size="medium" />
            <UrgencyChip urgency={referral.urgency} />
            {referral.overdue && <OverdueChip ageHours={referral.ageHours} />}
          </Stack>
        </Stack>

        {referral.consentOverrideReason && (
          <Alert severity="warning" icon={<GppMaybeIcon />} sx={{ mb: 1.5 }} data-testid="referral-override">
            <AlertTitle>{translate('lantern.referralCard.sentWithoutConsent')}</AlertTitle>
            {translate('lantern.referralCard.overrideReason', { reason: referral.consentOverrideReason })}
          </Alert>
        )}
        {referral.status === 'declined' && (
          <Alert severity="info" variant="outlined" sx={{ mb: 1.5 }}>
            <AlertTitle>{translate('lantern.referralCard.declined', { partner: partnerName })}</AlertTitle>
            {referral.declineReason ?? translate('lantern.referralCard.noReason')}
            {referral.suggestedPartnerOrgId && (
              <Box sx={{ mt: 0.5 }}>
                {translate('lantern.referralCard.suggestedInstead')} <strong>{suggestedName ?? translate('lantern.referralCard.anotherPartner')}</strong>
              </Box>
            )}
          </Alert>
        )}

        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, mb: 1.5 }}>
          <Detail label={translate('lantern.referralCard.detailsShared')}>
            <Box sx={{ mt: 0.5 }}>
              <ValueChips values={referral.sharedFields} labels={SURVIVOR_FIELD_LABELS} empty={translate('lantern.referralCard.noDetails')} />
            </Box>
          </Detail>
          {referral.reason && <Detail label={translate('lantern.referralCard.reasonStaff')}>{referral.reason}</Detail>}
          {referral.outcome && (
            <Detail label={translate('lantern.referralCard.outcome')}>
              <span data-testid="referral-outcome">{outcomeLabel(referral.outcome)}</span>
            </Detail>
          )}
          {referral.outcomeReason && (
            <Detail label={translate('lantern.referralCard.notServedReason')}>
              <span data-testid="referral-outcome-reason">{notServedReasonLabel(referral.outcomeReason)}</span>
            </Detail>
          )}
          {referral.outcomeNote && <Detail label={translate('lantern.referralCard.outcomeNote')}>{referral.outcomeNote}</Detail>}
        </Box>
        <Dates referral={referral} />
        {/* The organization's own questions about the referral (issue 18), where it has some she may read. */}
        <CustomValuesPanel
          resource="custom-values/referral"
          recordId={referral.id}
          editable={caseOpen && can('update', 'Referral', onCase)}
          variant="section"
          subject={serviceLabel(referral.serviceType)}
          hideWhenEmpty
        />

        {(sendsNow || cancels || editsNow || reroutesNow) && (
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 2 }}>
            {sendsNow && (
              <Button size="small" variant="contained" startIcon={<SendIcon />} onClick={() => setSending(true)}>
                {translate('lantern.referralCard.send')}
              </Button>
            )}
            {editsNow && (
              <Button size="small" variant="outlined" startIcon={<EditIcon />} onClick={() => onEdit(referral)}>
                {translate('lantern.referralCard.editDraft')}
              </Button>
            )}
            {reroutesNow && referral.status === 'declined' && referral.suggestedPartnerOrgId && (
              <Button size="small" variant="contained" startIcon={<AltRouteIcon />} onClick={() => onReroute(referral, referral.suggestedPartnerOrgId)}>
                {translate('lantern.referralCard.rerouteTo', { partner: suggestedName ?? translate('lantern.referralCard.theSuggested') })}
              </Button>
            )}
            {reroutesNow && (
              <Button size="small" variant="outlined" startIcon={<AltRouteIcon />} onClick={() => onReroute(referral)}>
                {referral.status === 'declined' ? translate('lantern.referralCard.referElsewhere') : translate('lantern.referralCard.reroute')}
              </Button>
            )}
            {cancels && (
              <Button size="small" color="error" startIcon={<BlockIcon />} onClick={() => setCancelling(true)}>
                {withdraws ? translate('lantern.referralCard.withdraw') : translate('lantern.referralCard.cancel')}
              </Button>
            )}
          </Stack>
        )}

        <Divider sx={{ my: 1.5 }} />
        <Typography variant="subtitle2" component="h4" color="text.secondary" sx={{ mb: 0.5 }}>
          {translate('lantern.referralCard.timeline')}
        </Typography>
        <ReferralTimeline referral={referral} links={links} />
      </CardContent>

      <SendReferralDialog open={sending} onClose={() => setSending(false)} referral={referral} partnerName={partnerName} />
      <ReasonDialog
        open={cancelling}
        title={translate(withdraws ? 'lantern.referralCard.withdrawTitle' : 'lantern.referralCard.cancelTitle', {
          service: serviceLabel(referral.serviceType).toLowerCase(),
          partner: partnerName,
        })}
        description={
          referral.status === 'draft'
            ? translate('lantern.referralCard.cancelDraftText')
            : translate('lantern.referralCard.cancelText')
        }
        confirmLabel={withdraws ? translate('lantern.referralCard.withdraw') : translate('lantern.referralCard.cancel')}
        confirmColor="error"
        required
        minLength={3}
        reasonLabel={translate('lantern.referralCard.cancelReason')}
        onConfirm={cancel}
        onClose={() => setCancelling(false)}
      />
    </Card>
  );
}

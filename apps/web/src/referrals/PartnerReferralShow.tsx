import { Box, Stack, Typography } from '@mui/material';
import { Show, useRecordContext, useShowContext, useTranslate } from 'react-admin';
import { formatDateTime, REFERRAL_URGENCY_LABELS } from '../common/labels';
import { OverdueChip, ReferralStatusChip, serviceLabel, UrgencyChip } from '../common/ReferralChips';
import { Detail } from '../survivors/SurvivorDetails';
import { SharedDocuments } from '../documents/SharedDocuments';
import { PartnerServices } from '../cases/services/PartnerServices';
import { notServedReasonLabel, outcomeLabel } from './outcome';
import { PartnerReferralActions } from './PartnerReferralActions';
import { Panel, ProgramContact, SharedCustomDetails, SharedSurvivor, WaitingNotice } from './PartnerReferralPanels';
import type { Referral } from './referral-types';
import { ShowUnavailable } from '../common/RecordUnavailable';

function PartnerReferralLayout() {
  const record = useRecordContext<Referral>();
  const { isFetching } = useShowContext<Referral>();
  const t = useTranslate();
  if (!record) return null;
  const dates: [string, string | null | undefined][] = [
    [t('lantern.inbox.received'), record.sentAt],
    [t('lantern.referralCard.answered'), record.respondedAt],
    [t('lantern.partnerReferral.serviceStarted'), record.startedAt],
    [t('lantern.referralCard.completed'), record.completedAt],
    [t('lantern.partnerReferral.cancelledByProgram'), record.cancelledAt],
  ];
  return (
    <Box sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ alignItems: { md: 'center' }, mb: 2 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="overline" color="text.secondary">
            {t('resources.referrals.name', { smart_count: 1 })}
          </Typography>
          <Typography variant="h5" component="h1">
            {t('lantern.partnerReferral.heading', { service: serviceLabel(record.serviceType) })}
          </Typography>
        </Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <ReferralStatusChip status={record.status} size="medium" />
          <UrgencyChip urgency={record.urgency} />
          {record.overdue && <OverdueChip ageHours={record.ageHours} />}
        </Stack>
      </Stack>
      <WaitingNotice record={record} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, alignItems: 'start' }}>
        <Stack spacing={2}>
          <Panel title={t('lantern.partnerReferral.request')} testId="referral-request">
            <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', mb: 2 }}>
              {record.caseNumber && (
                <Detail label={t('lantern.partnerReferral.caseNumber')}>
                  <span data-testid="referral-case-number">{record.caseNumber}</span>
                </Detail>
              )}
              <Detail label={t('resources.referrals.fields.serviceType')}>{serviceLabel(record.serviceType)}</Detail>
              <Detail label={t('resources.referrals.fields.urgency')}>{REFERRAL_URGENCY_LABELS[record.urgency] ?? record.urgency}</Detail>
              {dates
                .filter(([, value]) => Boolean(value))
                .map(([label, value]) => (
                  <Detail key={label} label={label}>
                    {formatDateTime(value)}
                  </Detail>
                ))}
            </Box>
            {record.declineReason && (
              <Box sx={{ mb: 2 }}>
                <Detail label={t('lantern.partnerReferral.whyDeclined')}>{record.declineReason}</Detail>
              </Box>
            )}
            {record.outcome && (
              <Box sx={{ mb: 2, display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))' }}>
                <Detail label={t('lantern.partnerReferral.outcome')}>{outcomeLabel(record.outcome)}</Detail>
                {record.outcomeReason && <Detail label={t('lantern.partnerReferral.notServedReason')}>{notServedReasonLabel(record.outcomeReason)}</Detail>}
              </Box>
            )}
            {record.outcomeNote && (
              <Box sx={{ mb: 2 }}>
                <Detail label={t('lantern.partnerReferral.outcomeNote')}>{record.outcomeNote}</Detail>
              </Box>
            )}
            <PartnerReferralActions record={record} />
          </Panel>
          {record.caseworkerContact !== undefined && <ProgramContact contact={record.caseworkerContact} />}
        </Stack>
        <Stack spacing={2}>
          <SharedSurvivor survivor={record.survivor} loading={isFetching} status={record.status} />
          <SharedCustomDetails values={record.sharedCustom} />
          <SharedDocuments referralId={record.id} status={record.status} />
          <PartnerServices referralId={record.id} status={record.status} />
        </Stack>
      </Box>
    </Box>
  );
}

/**
 * A referral as a partner sees it: the service requested and only the details the survivor agreed
 * to share with this organization. Each opening is a fresh read (and an audited disclosure), so a
 * revoked consent takes the details away at once.
 */
export function PartnerReferralShow() {
  return (
    <Show error={<ShowUnavailable />} title="lantern.partnerReferral.title" actions={false} emptyWhileLoading queryOptions={{ staleTime: 0, gcTime: 0 }}>
      <PartnerReferralLayout />
    </Show>
  );
}

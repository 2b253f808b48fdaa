import AddIcon from '@mui/icons-material/Add';
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUSES, type CaseResponse, type ReferralStatus } from '@lantern/contracts';
import { Alert, Button, Chip, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { useGetList, useRecordContext, useTranslate } from 'react-admin';
import { REFERRAL_STATUS_LABELS } from '../../common/labels';
import { toApiError } from '../../providers/http';
import { useSession } from '../../providers/session';
import type { Referral } from '../../referrals/referral-types';
import { ReferralCard } from './ReferralCard';
import { ReferralDialog, type ReferralDialogMode } from './ReferralDialog';
import type { RerouteLinks } from './ReferralTimeline';

/** What a referral page in memory may ask for: which referral to bring into view. */
export interface ReferralFocusState {
  referralId?: string;
}

const isOpen = (status: ReferralStatus): boolean => OPEN_REFERRAL_STATUSES.includes(status);

/** The case's referrals, newest first, each with its timeline; requests, sending and re-routing from here. */
export function ReferralsTab() {
  const record = useRecordContext<CaseResponse>();
  const session = useSession();
  const translate = useTranslate();
  const location = useLocation();
  const focusId = (location.state as ReferralFocusState | null)?.referralId;
  const [dialog, setDialog] = useState<ReferralDialogMode | null>(null);
  const [statusFilter, setStatusFilter] = useState<'open' | 'all'>('all');
  const caseId = record?.id ?? '';
  const { data = [], isPending, error } = useGetList<Referral>(
    'referrals',
    { filter: { caseId }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: Boolean(caseId) },
  );
  if (!record) return null;
  const asCaseworker = session?.me.user.role === 'caseworker';
  const creates = Boolean(record.permissions?.referrals.create) && record.status !== 'closed';
  const shown = statusFilter === 'open' ? data.filter((referral) => isOpen(referral.status)) : data;
  const byId = new Map(data.map((referral) => [referral.id, referral]));
  const linksOf = (referral: Referral): RerouteLinks => ({
    to: referral.reroutedToId ? byId.get(referral.reroutedToId) : undefined,
    from: referral.reroutedFromId ? byId.get(referral.reroutedFromId) : undefined,
  });
  const counts = REFERRAL_STATUSES.map((status) => [status, data.filter((r) => r.status === status).length] as const).filter(([, n]) => n > 0);

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Stack direction="row" spacing={1} sx={{ flex: 1, flexWrap: 'wrap' }} useFlexGap aria-label={translate('lantern.referralCard.atAGlance')}>
          {isPending ? (
            <Skeleton width={240} height={32} />
          ) : (
            <>
              <Chip
                label={translate('lantern.referralCard.all', { count: data.length })}
                color={statusFilter === 'all' ? 'primary' : 'default'}
                variant={statusFilter === 'all' ? 'filled' : 'outlined'}
                onClick={() => setStatusFilter('all')}
              />
              <Chip
                label={translate('lantern.referralCard.open', { count: data.filter((r) => isOpen(r.status)).length })}
                color={statusFilter === 'open' ? 'primary' : 'default'}
                variant={statusFilter === 'open' ? 'filled' : 'outlined'}
                onClick={() => setStatusFilter('open')}
              />
              {counts.map(([status, n]) => (
                <Typography key={status} variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
                  {translate('lantern.referralCard.statusCount', { count: n, status: REFERRAL_STATUS_LABELS[status].toLowerCase() })}
                </Typography>
              ))}
            </>
          )}
        </Stack>
        {creates && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'new' })}>
            {asCaseworker ? translate('lantern.referralCard.request') : translate('lantern.referralCard.new')}
          </Button>
        )}
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={160} />
      ) : shown.length === 0 ? (
        <Alert severity="info" variant="outlined">
          {data.length === 0
            ? asCaseworker
              ? translate('lantern.referralCard.emptyCaseworker')
              : translate('lantern.referralCard.empty')
            : translate('lantern.referralCard.noneOpen')}
        </Alert>
      ) : (
        shown.map((referral) => (
          <ReferralCard
            key={referral.id}
            referral={referral}
            record={record}
            focused={referral.id === focusId}
            links={linksOf(referral)}
            onReroute={(source, partnerOrgId) => setDialog({ kind: 'reroute', referral: source, partnerOrgId })}
            onEdit={(source) => setDialog({ kind: 'edit', referral: source })}
          />
        ))
      )}
      {dialog && (
        <ReferralDialog open onClose={() => setDialog(null)} record={record} mode={dialog} asCaseworker={asCaseworker} />
      )}
    </Stack>
  );
}

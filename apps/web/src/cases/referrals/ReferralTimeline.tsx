import type { ReferralStatus } from '@lantern/contracts';
import { Alert, Box, Chip, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import { Actor } from '../../common/Actor';
import { formatDateTime, REFERRAL_STATUS_LABELS } from '../../common/labels';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import type { Referral, ReferralTimelineEntry } from '../../referrals/referral-types';

const VERBS: Partial<Record<ReferralStatus, string>> = {
  draft: 'drafted the referral',
  sent: 'sent it',
  accepted: 'accepted it',
  declined: 'declined it',
  in_progress: 'started the service',
  completed: 'completed it',
  cancelled: 'cancelled it',
};

function Entry({ entry, override }: { entry: ReferralTimelineEntry; override: string | null }) {
  // A send without a covering consent stands out: who decided it, and why.
  const overridden = entry.toStatus === 'sent' && Boolean(override);
  return (
    <Box
      component="li"
      data-testid={overridden ? 'referral-timeline-override' : 'referral-timeline-entry'}
      sx={{
        listStyle: 'none',
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: '170px 1fr' },
        gap: { xs: 0.25, md: 1.5 },
        py: 0.75,
        px: 1,
        borderRadius: 1,
        ...(overridden ? { bgcolor: 'rgba(154, 91, 0, 0.08)', border: 1, borderColor: 'warning.main' } : {}),
      }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatDateTime(entry.occurredAt)}
      </Typography>
      <Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <Actor name={entry.actorName} role={entry.actorRole} />
          <Typography variant="body2">
            {VERBS[entry.toStatus] ?? `moved it to ${REFERRAL_STATUS_LABELS[entry.toStatus] ?? entry.toStatus}`}
          </Typography>
          {overridden && <Chip size="small" color="warning" label="Sent without consent" />}
        </Stack>
        {overridden && override ? (
          <Typography variant="body2" sx={{ mt: 0.25, whiteSpace: 'pre-line' }}>
            Override reason: {override}
          </Typography>
        ) : (
          entry.reason && (
            <Typography variant="body2" sx={{ mt: 0.25, whiteSpace: 'pre-line' }}>
              {entry.toStatus === 'completed' ? 'Outcome' : 'Reason'}: {entry.reason}
            </Typography>
          )
        )}
      </Box>
    </Box>
  );
}

/** Every move of one referral, oldest first: who, when, and why. */
export function ReferralTimeline({ referral }: { referral: Referral }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const { data, isPending, error } = useQuery({
    queryKey: ['referrals', referral.id, 'timeline', referral.version],
    queryFn: () => dataProvider.referralTimeline(referral.id),
  });
  if (error) return <Alert severity="warning" variant="outlined">The timeline could not be loaded: {toApiError(error).message}</Alert>;
  if (isPending) return <Skeleton variant="rounded" height={48} />;
  const entries = [...data].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No moves recorded yet.
      </Typography>
    );
  }
  return (
    <Box component="ol" sx={{ m: 0, p: 0 }} aria-label="Referral timeline">
      {entries.map((entry, index) => (
        <Entry key={`${entry.occurredAt}-${index}`} entry={entry} override={referral.consentOverrideReason ?? null} />
      ))}
    </Box>
  );
}

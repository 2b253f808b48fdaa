import AltRouteIcon from '@mui/icons-material/AltRoute';
import type { ReferralStatus } from '@lantern/contracts';
import { Alert, Box, Chip, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate } from 'react-admin';
import { Actor } from '../../common/Actor';
import { formatDateTime, REFERRAL_STATUS_LABELS } from '../../common/labels';
import { serviceLabel } from '../../common/ReferralChips';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { PartnerName } from '../../referrals/PartnerName';
import type { Referral, ReferralTimelineEntry } from '../../referrals/referral-types';

/** The moves with their own words after the person's name (lantern.referralTimeline.verbs.<status> in the catalogues). */
const VERBS: ReadonlySet<ReferralStatus> = new Set<ReferralStatus>(['draft', 'sent', 'accepted', 'declined', 'in_progress', 'completed', 'cancelled']);

/** One line of a timeline: the time, then what happened. */
const ENTRY_ROW = {
  listStyle: 'none',
  display: 'grid',
  gridTemplateColumns: { xs: '1fr', md: '170px 1fr' },
  gap: { xs: 0.25, md: 1.5 },
  py: 0.75,
  px: 1,
  borderRadius: 1,
} as const;

function Entry({ entry, override }: { entry: ReferralTimelineEntry; override: string | null }) {
  // A send without a covering consent stands out: who decided it, and why.
  const overridden = entry.toStatus === 'sent' && Boolean(override);
  const translate = useTranslate();
  return (
    <Box
      component="li"
      data-testid={overridden ? 'referral-timeline-override' : 'referral-timeline-entry'}
      sx={{ ...ENTRY_ROW, ...(overridden ? { bgcolor: 'rgba(154, 91, 0, 0.08)', border: 1, borderColor: 'warning.main' } : {}) }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatDateTime(entry.occurredAt)}
      </Typography>
      <Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <Actor name={entry.actorName} role={entry.actorRole} />
          <Typography variant="body2">
            {VERBS.has(entry.toStatus)
              ? translate(`lantern.referralTimeline.verbs.${entry.toStatus}`)
              : translate('lantern.referralTimeline.movedTo', { status: REFERRAL_STATUS_LABELS[entry.toStatus] ?? entry.toStatus })}
          </Typography>
          {overridden && <Chip size="small" color="warning" label={translate('lantern.referralTimeline.sentWithoutConsent')} />}
        </Stack>
        {overridden && override ? (
          <Typography variant="body2" sx={{ mt: 0.25, whiteSpace: 'pre-line' }}>
            {translate('lantern.referralCard.overrideReason', { reason: override })}
          </Typography>
        ) : (
          entry.reason && (
            <Typography variant="body2" sx={{ mt: 0.25, whiteSpace: 'pre-line' }}>
              {translate(entry.toStatus === 'completed' ? 'lantern.referralTimeline.outcome' : 'lantern.referralTimeline.reason', { reason: entry.reason })}
            </Typography>
          )
        )}
      </Box>
    </Box>
  );
}

/** The referrals a re-route linked to this one, when the page has them (the case's referrals). */
export interface RerouteLinks {
  to?: Referral | undefined;
  from?: Referral | undefined;
}

/**
 * A re-route: "re-routed from" opens the new referral's timeline, "re-routed to" closes the old one's
 * (nothing follows it: the old referral was cancelled by it, or had been declined).
 */
function RerouteEntry({ direction, linked, at }: { direction: 'to' | 'from'; linked: Referral | undefined; at: string | null | undefined }) {
  const translate = useTranslate();
  return (
    <Box
      component="li"
      data-testid="referral-timeline-reroute"
      sx={{ ...ENTRY_ROW, bgcolor: 'action.hover' }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {at ? formatDateTime(at) : ''}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <AltRouteIcon fontSize="small" color="action" aria-hidden />
        <Typography variant="body2">
          {linked ? (
            <>
              {direction === 'to' ? translate('lantern.referralTimeline.reroutedTo') : translate('lantern.referralTimeline.reroutedFrom')}{' '}
              <strong>
                <PartnerName partnerOrgId={linked.partnerOrgId} />
              </strong>{' '}
              ({serviceLabel(linked.serviceType).toLowerCase()})
            </>
          ) : direction === 'to' ? (
            translate('lantern.referralTimeline.reroutedToOther')
          ) : (
            translate('lantern.referralTimeline.reroutedFromEarlier')
          )}
        </Typography>
      </Stack>
    </Box>
  );
}

/** Every move of one referral, oldest first: who, when, and why; and where a re-route led from or to. */
export function ReferralTimeline({ referral, links = {} }: { referral: Referral; links?: RerouteLinks }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const translate = useTranslate();
  const { data, isPending, error } = useQuery({
    queryKey: ['referrals', referral.id, 'timeline', referral.version],
    queryFn: () => dataProvider.referralTimeline(referral.id),
  });
  if (error) return <Alert severity="warning" variant="outlined">{translate('lantern.referralTimeline.failed', { message: toApiError(error).message })}</Alert>;
  if (isPending) return <Skeleton variant="rounded" height={48} />;
  const entries = [...data].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  const from = referral.reroutedFromId ? <RerouteEntry key="rerouted-from" direction="from" linked={links.from} at={referral.createdAt} /> : null;
  const to = referral.reroutedToId ? <RerouteEntry key="rerouted-to" direction="to" linked={links.to} at={links.to?.createdAt} /> : null;
  if (entries.length === 0 && !from && !to) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('lantern.referralTimeline.empty')}
      </Typography>
    );
  }
  return (
    <Box component="ol" sx={{ m: 0, p: 0 }} aria-label={translate('lantern.referralTimeline.label')}>
      {from}
      {entries.map((entry, index) => (
        <Entry key={`${entry.occurredAt}-${index}`} entry={entry} override={referral.consentOverrideReason ?? null} />
      ))}
      {to}
    </Box>
  );
}

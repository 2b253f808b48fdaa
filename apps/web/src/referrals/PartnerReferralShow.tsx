import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import LockIcon from '@mui/icons-material/Lock';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { REFERRAL_RESPONSE_HOURS, SHAREABLE_SURVIVOR_FIELDS, type ReferralStatus } from '@lantern/contracts';
import { referralMovesFor, type ReferralMove } from '@lantern/permissions';
import { Alert, Box, Button, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Show, useDataProvider, useNotify, useRecordContext, useRefresh, useShowContext } from 'react-admin';
import {
  countryName,
  formatDate,
  formatDateTime,
  formatHours,
  humanize,
  languageName,
  REFERRAL_URGENCY_LABELS,
  SURVIVOR_FIELD_LABELS,
} from '../common/labels';
import { ReasonDialog } from '../common/ReasonDialog';
import { OverdueChip, ReferralStatusChip, serviceLabel, UrgencyChip } from '../common/ReferralChips';
import { useCan } from '../common/use-can';
import type { LanternDataProvider } from '../providers/data-provider';
import { Detail } from '../survivors/SurvivorDetails';
import { useSession } from '../providers/session';
import type { Referral, ReferralTransitionBody } from './referral-types';

function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card component="section" aria-label={title} data-testid={testId}>
      <CardContent>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1.5 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

const LIST_FORMATTERS: Record<string, (value: string) => string> = {
  languages: languageName,
  citizenship: countryName,
  immediateNeeds: humanize,
};

/** One shared value as a person reads it; nothing is inferred about what was not sent. */
function display(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not recorded';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'None recorded';
    const format = LIST_FORMATTERS[field] ?? String;
    return value.map((item) => format(String(item))).join(', ');
  }
  if (field === 'dateOfBirth') return formatDate(String(value));
  if (field === 'gender') return humanize(String(value));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Exactly the survivor fields the API returned (those consented for this organization), each labelled. */
function SharedSurvivor({ survivor, loading, status }: { survivor: Record<string, unknown> | undefined; loading: boolean; status: ReferralStatus }) {
  // A list row carries no survivor details; until the referral itself is read, nothing is said about them.
  if (survivor === undefined && loading) {
    return (
      <Panel title="About the person" testId="shared-survivor">
        <Skeleton variant="rounded" height={72} />
      </Panel>
    );
  }
  const keys = survivor ? Object.keys(survivor) : [];
  const known = SHAREABLE_SURVIVOR_FIELDS.filter((field) => keys.includes(field));
  const others = keys.filter((key) => !(SHAREABLE_SURVIVOR_FIELDS as readonly string[]).includes(key) && key !== 'id');
  const fields = [...known, ...others];
  return (
    <Panel title="About the person" testId="shared-survivor">
      {fields.length === 0 && (status === 'declined' || status === 'cancelled') ? (
        <Alert severity="info" variant="outlined" icon={<LockIcon />}>
          This referral was {status === 'declined' ? 'declined' : 'withdrawn by the program'}: the survivor’s details are no longer
          shown to your organization.
        </Alert>
      ) : fields.length === 0 ? (
        <Alert severity="info" variant="outlined" icon={<LockIcon />}>
          The survivor has not agreed to share any details with your organization. Ask the program’s contact if you need to
          reach them.
        </Alert>
      ) : (
        <>
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', mb: 2 }}>
            {fields.map((field) => (
              <Detail key={field} label={SURVIVOR_FIELD_LABELS[field] ?? humanize(field)}>
                <span data-testid={`shared-${field}`}>{display(field, survivor?.[field])}</span>
              </Detail>
            ))}
          </Box>
          <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', color: 'text.secondary' }}>
            <LockIcon sx={{ fontSize: 16 }} />
            <Typography variant="body2" color="inherit">
              The survivor has not agreed to share other details.
            </Typography>
          </Stack>
        </>
      )}
    </Panel>
  );
}

type PartnerMove = 'accepted' | 'declined' | 'in_progress' | 'completed';

const MOVES: Record<PartnerMove, { label: string; title: string; description: string; icon: ReactNode; done: string }> = {
  accepted: {
    label: 'Accept',
    title: 'Accept this referral?',
    description: 'The program is told that your organization takes the referral. Start the service when it begins.',
    icon: <CheckIcon />,
    done: 'Referral accepted.',
  },
  declined: {
    label: 'Decline',
    title: 'Decline this referral?',
    description: 'The program is told, with your reason, and looks for another partner.',
    icon: <CloseIcon />,
    done: 'Referral declined. The program is told.',
  },
  in_progress: {
    label: 'Start service',
    title: 'Has the service started?',
    description: 'Mark the referral as in progress once the person is receiving the service.',
    icon: <PlayArrowIcon />,
    done: 'Service started.',
  },
  completed: {
    label: 'Complete',
    title: 'Complete this referral?',
    description: 'Close the referral when the service is delivered. A short outcome note helps the program follow up; keep it free of details the person did not agree to share.',
    icon: <DoneAllIcon />,
    done: 'Referral completed. Thank you.',
  },
};

const isPartnerMove = (move: ReferralMove): move is PartnerMove => Object.hasOwn(MOVES, move);

function Actions({ record }: { record: Referral }) {
  const can = useCan();
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const session = useSession();
  const [move, setMove] = useState<PartnerMove | null>(null);
  const moves = referralMovesFor(session?.me.user.role, record.status).filter(isPartnerMove);
  if (moves.length === 0 || !can('update', 'Referral', record, 'status')) return null;
  const copy = move ? MOVES[move] : null;

  const confirm = async (text: string | undefined): Promise<void> => {
    if (!move) return;
    const body: ReferralTransitionBody = { to: move, version: record.version };
    if (move === 'completed') {
      if (text) body.outcomeNote = text;
    } else if (text) {
      body.reason = text;
    }
    await dataProvider.transitionReferral(record.id, body);
    notify(MOVES[move].done, { type: 'success' });
    refresh();
  };

  return (
    <>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {moves.map((to) => (
          <Button
            key={to}
            variant={to === 'declined' ? 'outlined' : 'contained'}
            color={to === 'declined' ? 'error' : 'primary'}
            startIcon={MOVES[to].icon}
            onClick={() => setMove(to)}
          >
            {MOVES[to].label}
          </Button>
        ))}
      </Stack>
      {copy && move && (
        <ReasonDialog
          open
          title={copy.title}
          description={copy.description}
          confirmLabel={copy.label}
          confirmColor={move === 'declined' ? 'error' : 'primary'}
          required={move === 'declined'}
          minLength={move === 'declined' ? 3 : 0}
          maxLength={move === 'completed' ? 1000 : 500}
          reasonLabel={move === 'completed' ? 'Outcome note' : move === 'declined' ? 'Why your organization declines' : 'Note for the program'}
          errorField={move === 'completed' ? 'outcomeNote' : 'reason'}
          onConfirm={confirm}
          onClose={() => setMove(null)}
        />
      )}
    </>
  );
}

function WaitingNotice({ record }: { record: Referral }) {
  if (record.status !== 'sent') return null;
  return record.overdue ? (
    <Alert severity="error" sx={{ mb: 2 }}>
      Sent {formatHours(record.ageHours)} ago. The program hoped for an answer within {REFERRAL_RESPONSE_HOURS} hours: please accept or
      decline now.
    </Alert>
  ) : (
    <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
      Please accept or decline within {REFERRAL_RESPONSE_HOURS} hours of receiving it ({formatHours(Math.max(0, REFERRAL_RESPONSE_HOURS - record.ageHours))} left).
    </Alert>
  );
}

function PartnerReferralLayout() {
  const record = useRecordContext<Referral>();
  const { isFetching } = useShowContext<Referral>();
  if (!record) return null;
  const dates: [string, string | null | undefined][] = [
    ['Received', record.sentAt],
    ['Answered', record.respondedAt],
    ['Service started', record.startedAt],
    ['Completed', record.completedAt],
    ['Cancelled by the program', record.cancelledAt],
  ];
  return (
    <Box sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ alignItems: { md: 'center' }, mb: 2 }}>
        <Box sx={{ flex: 1 }}>
          <Typography variant="overline" color="text.secondary">
            Referral
          </Typography>
          <Typography variant="h5" component="h1">
            {serviceLabel(record.serviceType)} referral
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
          <Panel title="The request" testId="referral-request">
            <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', mb: 2 }}>
              <Detail label="Service">{serviceLabel(record.serviceType)}</Detail>
              <Detail label="Urgency">{REFERRAL_URGENCY_LABELS[record.urgency] ?? record.urgency}</Detail>
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
                <Detail label="Why it was declined">{record.declineReason}</Detail>
              </Box>
            )}
            {record.outcomeNote && (
              <Box sx={{ mb: 2 }}>
                <Detail label="Outcome note">{record.outcomeNote}</Detail>
              </Box>
            )}
            <Actions record={record} />
          </Panel>
        </Stack>
        <SharedSurvivor survivor={record.survivor} loading={isFetching} status={record.status} />
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
    <Show title="Referral" actions={false} emptyWhileLoading queryOptions={{ staleTime: 0, gcTime: 0 }}>
      <PartnerReferralLayout />
    </Show>
  );
}

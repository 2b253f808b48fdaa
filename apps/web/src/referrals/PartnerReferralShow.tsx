import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import LockIcon from '@mui/icons-material/Lock';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import {
  PARTNER_OPEN_REFERRAL_STATUSES,
  REFERRAL_RESPONSE_HOURS,
  SHAREABLE_SURVIVOR_FIELDS,
  type ReferralNotServedReason,
  type ReferralOutcome,
  type ReferralStatus,
} from '@lantern/contracts';
import { referralMovesFor, type ReferralMove } from '@lantern/permissions';
import { Alert, Box, Button, Card, CardContent, Link, MenuItem, Skeleton, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Show, useDataProvider, useNotify, useRecordContext, useRedirect, useRefresh, useShowContext, useTranslate } from 'react-admin';
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
import { translate } from '../i18n/translate';
import { vocabLabel } from '../i18n/vocabulary';
import { OverdueChip, ReferralStatusChip, serviceLabel, UrgencyChip } from '../common/ReferralChips';
import { useCan } from '../common/use-can';
import type { LanternDataProvider } from '../providers/data-provider';
import { Detail } from '../survivors/SurvivorDetails';
import { SharedDocuments } from '../documents/SharedDocuments';
import { PartnerServices } from '../cases/services/PartnerServices';
import { useSession } from '../providers/session';
import { NOT_SERVED_REASON_CHOICES, notServedReasonLabel, outcomeLabel, REFERRAL_OUTCOME_CHOICES } from './outcome';
import type { Referral, ReferralTransitionBody } from './referral-types';
import { ShowUnavailable } from '../common/RecordUnavailable';

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
  immediateNeeds: (value) => vocabLabel('immediateNeed', value, humanize(value)),
};

/** One shared value as a person reads it; nothing is inferred about what was not sent. */
function display(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return translate('lantern.common.notRecorded');
  if (Array.isArray(value)) {
    if (value.length === 0) return translate('lantern.intake.noneRecorded');
    const format = LIST_FORMATTERS[field] ?? String;
    return value.map((item) => format(String(item))).join(', ');
  }
  if (field === 'dateOfBirth') return formatDate(String(value));
  if (field === 'gender') return vocabLabel('gender', String(value), humanize(String(value)));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Exactly the survivor fields the API returned (those consented for this organization), each labelled. */
function SharedSurvivor({ survivor, loading, status }: { survivor: Record<string, unknown> | undefined; loading: boolean; status: ReferralStatus }) {
  const t = useTranslate();
  // A list row carries no survivor details; until the referral itself is read, nothing is said about them.
  if (survivor === undefined && loading) {
    return (
      <Panel title={t('lantern.partnerReferral.aboutPerson')} testId="shared-survivor">
        <Skeleton variant="rounded" height={72} />
      </Panel>
    );
  }
  const keys = survivor ? Object.keys(survivor) : [];
  const known = SHAREABLE_SURVIVOR_FIELDS.filter((field) => keys.includes(field));
  const others = keys.filter((key) => !(SHAREABLE_SURVIVOR_FIELDS as readonly string[]).includes(key) && key !== 'id');
  const fields = [...known, ...others];
  return (
    <Panel title={t('lantern.partnerReferral.aboutPerson')} testId="shared-survivor">
      {fields.length === 0 && (status === 'declined' || status === 'cancelled') ? (
        <Alert severity="info" variant="outlined" icon={<LockIcon />}>
          {t(status === 'declined' ? 'lantern.partnerReferral.declinedHidden' : 'lantern.partnerReferral.withdrawnHidden')}
        </Alert>
      ) : fields.length === 0 ? (
        <Alert severity="info" variant="outlined" icon={<LockIcon />}>
          {t('lantern.partnerReferral.nothingShared')}
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
              {t('lantern.partnerReferral.noOtherDetails')}
            </Typography>
          </Stack>
        </>
      )}
    </Panel>
  );
}

type PartnerMove = 'accepted' | 'declined' | 'in_progress' | 'completed';

/** Each move's words are lantern.partnerReferral.moves.<move>.{label,title,description,done} in the catalogues. */
const MOVES: Record<PartnerMove, { icon: ReactNode }> = {
  accepted: { icon: <CheckIcon /> },
  declined: { icon: <CloseIcon /> },
  in_progress: { icon: <PlayArrowIcon /> },
  completed: { icon: <DoneAllIcon /> },
};

function moveCopy(move: PartnerMove): { label: string; title: string; description: string; icon: ReactNode; done: string } {
  const words = (part: string): string => translate(`lantern.partnerReferral.moves.${move}.${part}`);
  return { label: words('label'), title: words('title'), description: words('description'), icon: MOVES[move].icon, done: words('done') };
}

const isPartnerMove = (move: ReferralMove): move is PartnerMove => Object.hasOwn(MOVES, move);

function Actions({ record }: { record: Referral }) {
  const can = useCan();
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const session = useSession();
  const t = useTranslate();
  const [move, setMove] = useState<PartnerMove | null>(null);
  const [outcome, setOutcome] = useState<ReferralOutcome | ''>('');
  const [notServedReason, setNotServedReason] = useState<ReferralNotServedReason | ''>('');
  const moves = referralMovesFor(session?.me.user.role, record.status).filter(isPartnerMove);
  // A partner's rules follow relations the browser cannot see (the live consent, the partner org's
  // state): that the API returned this open referral to them is the proof of its grounds. The API
  // decides again on the move.
  const onItsGrounds = session?.me.user.role === 'partner' && PARTNER_OPEN_REFERRAL_STATUSES.includes(record.status);
  if (moves.length === 0 || !(onItsGrounds || can('update', 'Referral', record, 'status'))) return null;
  const copy = move ? moveCopy(move) : null;

  const confirm = async (text: string | undefined): Promise<void> => {
    if (!move) return;
    const body: ReferralTransitionBody = { to: move, version: record.version };
    if (move === 'completed') {
      if (outcome) body.outcome = outcome;
      if (outcome === 'not_served' && notServedReason) body.outcomeReason = notServedReason;
      if (text) body.outcomeNote = text;
    } else if (text) {
      body.reason = text;
    }
    await dataProvider.transitionReferral(record.id, body);
    notify(moveCopy(move).done, { type: 'success' });
    // Answering (or finishing) a referral clears the notifications that asked for it: the bell counts again.
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    // Declining or completing ends the partner's access to the referral (issue 11): back to the inbox.
    if (PARTNER_OPEN_REFERRAL_STATUSES.includes(move)) refresh();
    else redirect('list', 'referrals');
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
            {moveCopy(to).label}
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
          reasonLabel={t(
            move === 'completed'
              ? 'lantern.partnerReferral.outcomeNote'
              : move === 'declined'
                ? 'lantern.partnerReferral.whyDecline'
                : 'lantern.partnerReferral.noteForProgram',
          )}
          errorField={move === 'completed' ? 'outcomeNote' : 'reason'}
          confirmDisabled={move === 'completed' && (!outcome || (outcome === 'not_served' && !notServedReason))}
          onConfirm={confirm}
          onClose={() => {
            setMove(null);
            setOutcome('');
            setNotServedReason('');
          }}
        >
          {move === 'completed' && (
            <Stack spacing={2} sx={{ mb: 2 }}>
              <TextField
                select
                required
                fullWidth
                label={t('lantern.partnerReferral.outcome')}
                value={outcome}
                onChange={(event) => setOutcome(event.target.value as ReferralOutcome)}
                slotProps={{ htmlInput: { 'data-testid': 'referral-outcome' } }}
              >
                {REFERRAL_OUTCOME_CHOICES.map((choice) => (
                  <MenuItem key={choice.id} value={choice.id}>
                    {choice.name}
                  </MenuItem>
                ))}
              </TextField>
              {outcome === 'not_served' && (
                <TextField
                  select
                  required
                  fullWidth
                  label={t('lantern.partnerReferral.notServedReason')}
                  value={notServedReason}
                  onChange={(event) => setNotServedReason(event.target.value as ReferralNotServedReason)}
                >
                  {NOT_SERVED_REASON_CHOICES.map((choice) => (
                    <MenuItem key={choice.id} value={choice.id}>
                      {choice.name}
                    </MenuItem>
                  ))}
                </TextField>
              )}
            </Stack>
          )}
        </ReasonDialog>
      )}
    </>
  );
}

/** The referring caseworker's work contact (name and work e-mail), as the API gives it on the referral's grounds. */
function ProgramContact({ contact }: { contact: Referral['caseworkerContact'] }) {
  const t = useTranslate();
  return (
    <Panel title={t('lantern.partnerReferral.contact')} testId="program-contact">
      {contact ? (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {t('lantern.partnerReferral.contactHint')}
          </Typography>
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))' }}>
            <Detail label={t('lantern.partnerReferral.contactName')}>
              <span data-testid="contact-name">{contact.displayName}</span>
            </Detail>
            <Detail label={t('lantern.partnerReferral.contactEmail')}>
              <Link href={`mailto:${contact.email}`} data-testid="contact-email">
                {contact.email}
              </Link>
            </Detail>
          </Box>
        </>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {t('lantern.partnerReferral.noContact')}
        </Typography>
      )}
    </Panel>
  );
}

function WaitingNotice({ record }: { record: Referral }) {
  const t = useTranslate();
  if (record.status !== 'sent') return null;
  return record.overdue ? (
    <Alert severity="error" sx={{ mb: 2 }}>
      {t('lantern.partnerReferral.overdue', { time: formatHours(record.ageHours), hours: REFERRAL_RESPONSE_HOURS })}
    </Alert>
  ) : (
    <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
      {t('lantern.partnerReferral.answerWithin', {
        hours: REFERRAL_RESPONSE_HOURS,
        left: formatHours(Math.max(0, REFERRAL_RESPONSE_HOURS - record.ageHours)),
      })}
    </Alert>
  );
}

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
            <Actions record={record} />
          </Panel>
          {record.caseworkerContact !== undefined && <ProgramContact contact={record.caseworkerContact} />}
        </Stack>
        <Stack spacing={2}>
          <SharedSurvivor survivor={record.survivor} loading={isFetching} status={record.status} />
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

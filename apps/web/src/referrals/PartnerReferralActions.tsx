import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { PARTNER_OPEN_REFERRAL_STATUSES, type ReferralNotServedReason, type ReferralOutcome } from '@lantern/contracts';
import { referralMovesFor, type ReferralMove } from '@lantern/permissions';
import { Button, MenuItem, Stack, TextField } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useDataProvider, useNotify, useRedirect, useRefresh, useTranslate } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { useCan } from '../common/use-can';
import { translate } from '../i18n/translate';
import type { LanternDataProvider } from '../providers/data-provider';
import { useSession } from '../providers/session';
import { NOT_SERVED_REASON_CHOICES, REFERRAL_OUTCOME_CHOICES } from './outcome';
import type { Referral, ReferralTransitionBody } from './referral-types';

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

/** A partner's moves on a referral (accept, decline, start, complete), each confirmed in a dialog. */
export function PartnerReferralActions({ record }: { record: Referral }) {
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

import ArchiveIcon from '@mui/icons-material/Archive';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import ReplayIcon from '@mui/icons-material/Replay';
import { CASE_TRANSITIONS, type CaseResponse, type CaseStatus } from '@lantern/contracts';
import { Button, Stack } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import { CASE_STATUS_LABELS } from '../../common/labels';
import { ReasonDialog } from '../../common/ReasonDialog';
import type { LanternDataProvider } from '../../providers/data-provider';
import type { CaseAccess } from '../case-access';
import { CloseCaseDialog } from './CloseCaseDialog';

interface TransitionCopy {
  label: string;
  title: string;
  description: string;
  icon: ReactNode;
  color: 'primary' | 'warning' | 'error';
}

function copyFor(from: CaseStatus, to: CaseStatus): TransitionCopy {
  switch (to) {
    case 'active':
      return from === 'on_hold'
        ? { label: 'Resume', title: 'Resume this case?', description: 'The case becomes active again.', icon: <PlayCircleIcon />, color: 'primary' }
        : {
            label: 'Start services',
            title: 'Move this case from intake to active?',
            description: 'Do this once the intake is done and services begin.',
            icon: <PlayCircleIcon />,
            color: 'primary',
          };
    case 'on_hold':
      return {
        label: 'Put on hold',
        title: 'Put this case on hold?',
        description: 'For a pause in services, for example while the person is away or unreachable.',
        icon: <PauseCircleIcon />,
        color: 'warning',
      };
    default:
      return { label: CASE_STATUS_LABELS[to], title: `Change the status to ${CASE_STATUS_LABELS[to]}?`, description: '', icon: null, color: 'primary' };
  }
}

/**
 * The status changes this person may make from here. Plain moves (start, hold, resume) go through
 * transitions; closing has its own dialog (it checks what is missing first) and reopening is a
 * coordinator's decision with a reason (the API answers 409 to both as plain transitions).
 */
export function StatusActions({ record, access }: { record: CaseResponse; access: CaseAccess }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const refresh = useRefresh();
  const notify = useNotify();
  const [target, setTarget] = useState<CaseStatus | null>(null);
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState(false);
  if (!access.changeStatus) return null;
  if (record.status === 'closed') {
    if (!access.reopen) return null;
    return (
      <>
        <Button variant="contained" startIcon={<ReplayIcon />} onClick={() => setReopening(true)} size="small">
          Reopen case
        </Button>
        <ReasonDialog
          open={reopening}
          title="Reopen this case?"
          description="The case becomes active again and goes back to its caseworker’s caseload. Say why: the reason is kept in the case history."
          confirmLabel="Reopen case"
          required
          reasonLabel="Reason for reopening"
          onConfirm={async (reason) => {
            await dataProvider.reopenCase(record.id, { reason: reason ?? '', version: record.version });
            notify('The case is active again.', { type: 'success' });
            refresh();
          }}
          onClose={() => setReopening(false)}
        />
      </>
    );
  }
  const targets = CASE_TRANSITIONS[record.status].filter((to) => to !== 'closed');
  const closable = CASE_TRANSITIONS[record.status].includes('closed');
  const copy = target ? copyFor(record.status, target) : null;

  const confirm = async (reason: string | undefined): Promise<void> => {
    if (!target) return;
    await dataProvider.transitionCase(record.id, { to: target, reason, version: record.version });
    notify(`The case is now ${CASE_STATUS_LABELS[target].toLowerCase()}.`, { type: 'success' });
    refresh();
  };

  return (
    <>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {targets.map((to) => {
          const { label, icon, color } = copyFor(record.status, to);
          return (
            <Button key={to} variant="contained" color={color} startIcon={icon} onClick={() => setTarget(to)} size="small">
              {label}
            </Button>
          );
        })}
        {closable && (
          <Button variant="outlined" color="error" startIcon={<ArchiveIcon />} onClick={() => setClosing(true)} size="small">
            Close case
          </Button>
        )}
      </Stack>
      {copy && (
        <ReasonDialog
          open={target !== null}
          title={copy.title}
          description={copy.description}
          confirmLabel={copy.label}
          confirmColor={copy.color}
          required={false}
          reasonLabel="Reason"
          onConfirm={confirm}
          onClose={() => setTarget(null)}
        />
      )}
      {closing && <CloseCaseDialog record={record} onClose={() => setClosing(false)} />}
    </>
  );
}

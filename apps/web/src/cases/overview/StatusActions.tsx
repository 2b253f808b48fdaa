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

interface TransitionCopy {
  label: string;
  title: string;
  description: string;
  icon: ReactNode;
  color: 'primary' | 'warning' | 'error';
}

function copyFor(from: CaseStatus, to: CaseStatus): TransitionCopy {
  if (from === 'closed') {
    return {
      label: 'Reopen case',
      title: 'Reopen this case?',
      description: 'The case becomes active again and goes back to its caseworker’s caseload.',
      icon: <ReplayIcon />,
      color: 'primary',
    };
  }
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
    case 'closed':
      return {
        label: 'Close case',
        title: 'Close this case?',
        description: 'Closing ends this episode of service. Only a coordinator can reopen it.',
        icon: <ArchiveIcon />,
        color: 'error',
      };
    default:
      return { label: CASE_STATUS_LABELS[to], title: `Change the status to ${CASE_STATUS_LABELS[to]}?`, description: '', icon: null, color: 'primary' };
  }
}

/** The status changes this person may make from here (CASE_TRANSITIONS), each confirmed with a reason where needed. */
export function StatusActions({ record, access }: { record: CaseResponse; access: CaseAccess }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const refresh = useRefresh();
  const notify = useNotify();
  const [target, setTarget] = useState<CaseStatus | null>(null);
  if (!access.changeStatus) return null;
  const reopening = record.status === 'closed';
  const targets = CASE_TRANSITIONS[record.status].filter(() => !reopening || access.reopen);
  if (targets.length === 0) return null;
  const copy = target ? copyFor(record.status, target) : null;
  // Closing and reopening are decisions that must be explained (the API requires the reason too).
  const reasonRequired = target === 'closed' || reopening;

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
            <Button key={to} variant={to === 'closed' ? 'outlined' : 'contained'} color={color} startIcon={icon} onClick={() => setTarget(to)} size="small">
              {label}
            </Button>
          );
        })}
      </Stack>
      {copy && (
        <ReasonDialog
          open={target !== null}
          title={copy.title}
          description={copy.description}
          confirmLabel={copy.label}
          confirmColor={copy.color}
          required={reasonRequired}
          minLength={reasonRequired ? 3 : 0}
          reasonLabel={target === 'closed' ? 'Reason for closing' : reopening ? 'Reason for reopening' : 'Reason'}
          onConfirm={confirm}
          onClose={() => setTarget(null)}
        />
      )}
    </>
  );
}

import ArchiveIcon from '@mui/icons-material/Archive';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import ReplayIcon from '@mui/icons-material/Replay';
import { CASE_TRANSITIONS, type CaseResponse, type CaseStatus } from '@lantern/contracts';
import { Button, Stack } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { CASE_STATUS_LABELS } from '../../common/labels';
import { translate } from '../../i18n/translate';
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
        ? {
            label: translate('lantern.status.resume'),
            title: translate('lantern.status.resumeTitle'),
            description: translate('lantern.status.resumeText'),
            icon: <PlayCircleIcon />,
            color: 'primary',
          }
        : {
            label: translate('lantern.status.start'),
            title: translate('lantern.status.startTitle'),
            description: translate('lantern.status.startText'),
            icon: <PlayCircleIcon />,
            color: 'primary',
          };
    case 'on_hold':
      return {
        label: translate('lantern.status.hold'),
        title: translate('lantern.status.holdTitle'),
        description: translate('lantern.status.holdText'),
        icon: <PauseCircleIcon />,
        color: 'warning',
      };
    default:
      return {
        label: CASE_STATUS_LABELS[to],
        title: translate('lantern.status.changeTitle', { status: CASE_STATUS_LABELS[to] }),
        description: '',
        icon: null,
        color: 'primary',
      };
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
  const t = useTranslate();
  const [target, setTarget] = useState<CaseStatus | null>(null);
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState(false);
  if (!access.changeStatus) return null;
  if (record.status === 'closed') {
    if (!access.reopen) return null;
    return (
      <>
        <Button variant="contained" startIcon={<ReplayIcon />} onClick={() => setReopening(true)} size="small">
          {t('lantern.status.reopen')}
        </Button>
        <ReasonDialog
          open={reopening}
          title={t('lantern.status.reopenTitle')}
          description={t('lantern.status.reopenText')}
          confirmLabel={t('lantern.status.reopen')}
          required
          reasonLabel={t('lantern.status.reopenReason')}
          onConfirm={async (reason) => {
            await dataProvider.reopenCase(record.id, { reason: reason ?? '', version: record.version });
            notify('lantern.status.reopened', { type: 'success' });
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
    notify('lantern.status.changed', { type: 'success', messageArgs: { status: CASE_STATUS_LABELS[target].toLowerCase() } });
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
            {t('lantern.closeCase.close')}
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
          reasonLabel={t('lantern.common.reason')}
          onConfirm={confirm}
          onClose={() => setTarget(null)}
        />
      )}
      {closing && <CloseCaseDialog record={record} onClose={() => setClosing(false)} />}
    </>
  );
}

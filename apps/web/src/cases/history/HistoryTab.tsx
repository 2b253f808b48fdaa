import AddCircleOutlinedIcon from '@mui/icons-material/AddCircleOutlined';
import BlockIcon from '@mui/icons-material/Block';
import EditIcon from '@mui/icons-material/Edit';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import VisibilityIcon from '@mui/icons-material/Visibility';
import type { CaseHistoryEntry, CaseResponse } from '@lantern/contracts';
import { Alert, Box, Chip, FormControlLabel, Paper, Skeleton, Stack, Switch, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { Actor } from '../../common/Actor';
import { AUDIT_ACTION_LABELS } from '../../common/choices';
import { fieldLabel, formatDateTime, humanize, SUBJECT_LABELS } from '../../common/labels';
import { translate as translateNow } from '../../i18n/translate';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { sentenceKey } from './history-labels';

function actionLabel(entry: CaseHistoryEntry): string {
  if (entry.action === 'update' && entry.fields.includes('assignedCaseworkerId')) return translateNow('lantern.history.reassigned');
  return (AUDIT_ACTION_LABELS as Record<string, string>)[entry.action] ?? humanize(entry.action);
}

function actionIcon(entry: CaseHistoryEntry): ReactNode {
  if (entry.action === 'break_glass') return <LockOpenIcon fontSize="small" />;
  if (entry.outcome !== 'success') return <BlockIcon fontSize="small" />;
  if (entry.action === 'read') return <VisibilityIcon fontSize="small" />;
  if (entry.action === 'create') return <AddCircleOutlinedIcon fontSize="small" />;
  if (entry.fields.includes('assignedCaseworkerId')) return <SwapHorizIcon fontSize="small" />;
  return <EditIcon fontSize="small" />;
}

/** Field names only (values never reach the audit log); long lists are shortened. */
function Fields({ fields }: { fields: string[] }) {
  const translate = useTranslate();
  const shown = fields.filter((field) => !['id', 'organizationId', 'version', 'createdAt', 'updatedAt'].includes(field));
  if (shown.length === 0) return null;
  const first = shown.slice(0, 8).map(fieldLabel);
  return (
    <Typography variant="body2" color="text.secondary">
      {shown.length > first.length
        ? translate('lantern.history.fieldsMore', { fields: first.join(', '), more: shown.length - first.length })
        : translate('lantern.history.fields', { fields: first.join(', ') })}
    </Typography>
  );
}

function Entry({ entry }: { entry: CaseHistoryEntry }) {
  const breakGlass = entry.action === 'break_glass';
  const refused = entry.outcome !== 'success';
  const translate = useTranslate();
  const sentence = sentenceKey(entry);
  return (
    <Box
      component="li"
      data-testid={breakGlass ? (refused ? 'history-break-glass-refused' : 'history-break-glass') : entry.action === 'list' ? 'history-list-read' : 'history-entry'}
      sx={{
        listStyle: 'none',
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: '180px 36px 1fr' },
        gap: { xs: 0.5, md: 1.5 },
        py: 1.25,
        px: 1.5,
        borderRadius: 1,
        ...(breakGlass ? { bgcolor: 'rgba(154, 91, 0, 0.08)', border: 1, borderColor: 'warning.main' } : {}),
      }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatDateTime(entry.occurredAt)}
      </Typography>
      <Box
        sx={{
          display: { xs: 'none', md: 'flex' },
          alignItems: 'flex-start',
          justifyContent: 'center',
          color: breakGlass ? 'warning.main' : refused ? 'error.main' : 'primary.main',
          pt: 0.25,
        }}
        aria-hidden
      >
        {actionIcon(entry)}
      </Box>
      <Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <Actor name={entry.actorName} role={entry.actorRole} />
          <Typography variant="body2">
            {breakGlass
              ? refused
                ? translate('lantern.history.triedBreakGlass')
                : translate('lantern.history.breakGlass')
              : sentence
                ? translate(sentence)
                : actionLabel(entry).toLowerCase()}
            {!breakGlass && !sentence && entry.subjectType ? ` · ${SUBJECT_LABELS[entry.subjectType] ?? humanize(entry.subjectType)}` : ''}
          </Typography>
          {breakGlass && !refused && <Chip size="small" color="warning" icon={<LockOpenIcon />} label={translate('lantern.history.emergencyAccess')} />}
          {refused && <Chip size="small" color="error" variant="outlined" label={translate(entry.outcome === 'denied' ? 'lantern.history.refused' : 'lantern.history.failed')} />}
        </Stack>
        {entry.reason && !sentence && (
          <Typography variant="body2" sx={{ mt: 0.25 }}>
            {translate('lantern.referralTimeline.reason', { reason: entry.reason })}
          </Typography>
        )}
        {!sentence && <Fields fields={entry.fields} />}
      </Box>
    </Box>
  );
}

/** Who viewed and who changed what in this file, newest first; emergency accesses stand out. */
export function HistoryTab() {
  const record = useRecordContext<CaseResponse>();
  const dataProvider = useDataProvider<LanternDataProvider>();
  const translate = useTranslate();
  const [withViews, setWithViews] = useState(true);
  const caseId = record?.id ?? '';
  const { data, isPending, error } = useQuery({
    queryKey: ['cases', caseId, 'history'],
    queryFn: () => dataProvider.caseHistory(caseId),
    enabled: Boolean(caseId),
  });
  if (!record) return null;
  if (isPending) return <Skeleton variant="rounded" height={200} />;
  if (error) return <Alert severity="error">{toApiError(error).message}</Alert>;
  const entries = [...data].reverse().filter((entry) => withViews || (entry.action !== 'read' && entry.action !== 'list'));
  const emergencies = data.filter((entry) => entry.action === 'break_glass' && entry.outcome === 'success').length;
  const attempts = data.filter((entry) => entry.action === 'break_glass' && entry.outcome !== 'success').length;

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {translate('lantern.history.intro', { smart_count: data.length })}
        </Typography>
        <FormControlLabel
          control={<Switch checked={withViews} onChange={(event) => setWithViews(event.target.checked)} />}
          label={translate('lantern.history.showViews')}
        />
      </Stack>
      {emergencies > 0 && (
        <Alert severity="warning" icon={<LockOpenIcon />}>
          {translate('lantern.history.emergencies', { smart_count: emergencies })}
          {attempts > 0 ? translate('lantern.history.attempts', { smart_count: attempts }) : ''}
          {translate('lantern.history.eachMarked')}
        </Alert>
      )}
      <Paper variant="outlined" sx={{ p: 1 }}>
        <Box component="ol" sx={{ m: 0, p: 0 }} aria-label={translate('lantern.history.label')}>
          {entries.map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
        </Box>
      </Paper>
    </Stack>
  );
}

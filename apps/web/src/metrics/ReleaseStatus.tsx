import type { MetricReleaseResponse } from '@lantern/contracts';
import { Box, Chip, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatPercent } from '../i18n/format';
import { isActive, periodLabel, STATUS_COLORS, STATUS_LABELS } from './metrics-labels';

export function ReleaseStatusChip({ release }: { release: Pick<MetricReleaseResponse, 'status'> }) {
  return (
    <Chip
      size="small"
      label={STATUS_LABELS[release.status]}
      color={STATUS_COLORS[release.status]}
      variant={release.status === 'done' ? 'filled' : 'outlined'}
    />
  );
}

/** A determinate bar while the release is built; nothing once it is done or failed. */
export function ReleaseProgress({ release }: { release: Pick<MetricReleaseResponse, 'status' | 'progress' | 'period'> }) {
  const translate = useTranslate();
  if (!isActive(release)) return null;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 140 }}>
      <LinearProgress
        variant="determinate"
        value={release.progress}
        aria-label={translate('lantern.metrics.progressOf', { period: periodLabel(release.period) })}
        sx={{ flex: 1, height: 8, borderRadius: 1 }}
      />
      <Typography variant="body2" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums', minWidth: 36 }}>
        {formatPercent(release.progress / 100)}
      </Typography>
    </Box>
  );
}

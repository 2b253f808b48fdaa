import { METRIC_FREEZE_DAYS } from '@lantern/contracts';
import { Box, Skeleton, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { MODE_LABELS, periodLabel } from './metrics-labels';
import { ReleaseProgress, ReleaseStatusChip } from './ReleaseStatus';
import { useMetricReleases } from './use-metrics';

/** The dashboard's line on outcome metrics: the latest release and its state. */
export function MetricsSummary() {
  const { data, isPending, error } = useMetricReleases();
  const translate = useTranslate();
  if (isPending) return <Skeleton variant="rounded" height={48} />;
  if (error) {
    return <Typography color="text.secondary">{translate('lantern.metrics.loadFailed')}</Typography>;
  }
  const latest = data[0];
  if (!latest) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('lantern.metrics.noReleaseSummary', { days: METRIC_FREEZE_DAYS })}
      </Typography>
    );
  }
  const done = data.filter((release) => release.status === 'done').length;
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {translate('lantern.metrics.latest')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography sx={{ fontWeight: 600 }}>
          {periodLabel(latest.period)} · {MODE_LABELS[latest.mode].toLowerCase()}
        </Typography>
        <ReleaseStatusChip release={latest} />
      </Stack>
      <ReleaseProgress release={latest} />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {translate('lantern.metrics.ready', { smart_count: done })}
      </Typography>
    </Box>
  );
}

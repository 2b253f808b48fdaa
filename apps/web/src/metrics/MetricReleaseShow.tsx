import type { MetricReleaseResponse } from '@lantern/contracts';
import { parseMetricPeriod } from '@lantern/contracts';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Title, useNavigate, useNotify, useTranslate } from 'react-admin';
import { useParams } from 'react-router';
import { formatDate, formatDateTime } from '../common/labels';
import { useCan } from '../common/use-can';
import { toApiError } from '../providers/http';
import { downloadRelease } from './metrics-api';
import { formatBytes, formatEpsilon, formatShare, MODE_EXPLANATIONS, MODE_LABELS, periodLabel } from './metrics-labels';
import { MetricsRefused } from './MetricsPage';
import { MetricTableView } from './MetricTableView';
import { ReleaseProgress, ReleaseStatusChip } from './ReleaseStatus';
import { useMetricCatalogue, useMetricRelease } from './use-metrics';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'contents' }}>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {children}
      </Typography>
    </Box>
  );
}

function DownloadButton({ release }: { release: MetricReleaseResponse }) {
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const download = async (): Promise<void> => {
    setBusy(true);
    try {
      const filename = await downloadRelease(release);
      notify('lantern.metrics.saved', { type: 'info', messageArgs: { filename } });
    } catch (error) {
      notify(toApiError(error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="contained" startIcon={<DownloadIcon />} onClick={() => void download()} disabled={busy}>
      {translate('lantern.metrics.download')}
    </Button>
  );
}

function Metadata({ release }: { release: MetricReleaseResponse }) {
  const period = parseMetricPeriod(release.period);
  const translate = useTranslate();
  return (
    <Box
      component="dl"
      sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 0.75, m: 0, alignItems: 'baseline' }}
    >
      <Fact label={translate('lantern.metrics.period')}>
        {periodLabel(release.period)}
        {period
          ? ` (${translate('lantern.metrics.periodDates', { start: formatDate(period.start), end: formatDate(period.end), frozen: formatDate(period.frozenOn) })})`
          : ''}
      </Fact>
      <Fact label={translate('lantern.metrics.protection')}>
        {MODE_LABELS[release.mode]}
        <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
          {MODE_EXPLANATIONS[release.mode]}
        </Typography>
      </Fact>
      <Fact label={translate('lantern.metrics.budgetSpentLabel')}>
        {release.mode === 'noise' ? formatEpsilon(release.epsilonSpent) : translate('lantern.metrics.noneNoNoise')}
      </Fact>
      <Fact label={translate('resources.cases.fields.status')}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <ReleaseStatusChip release={release} />
          <ReleaseProgress release={release} />
        </Stack>
      </Fact>
      <Fact label={translate('lantern.metrics.tables')}>{release.tableCount}</Fact>
      {release.coverage && (
        <Fact label={translate('lantern.metrics.coverage')}>
          {translate('lantern.metrics.coverageText', {
            one: formatShare(release.coverage.oneDimension),
            two: formatShare(release.coverage.twoDimension),
          })}
        </Fact>
      )}
      <Fact label={translate('lantern.referralCard.started')}>{formatDateTime(release.createdAt)}</Fact>
      {release.finishedAt && <Fact label={translate('lantern.metrics.finished')}>{formatDateTime(release.finishedAt)}</Fact>}
      {release.sha256 && (
        <Fact label={translate('lantern.metrics.file')}>
          {translate('lantern.metrics.fileSize', { size: formatBytes(release.byteSize) })}{' '}
          <Box component="code" sx={{ wordBreak: 'break-all', fontSize: '0.8em' }}>
            {release.sha256}
          </Box>
        </Fact>
      )}
    </Box>
  );
}

function ReleaseDetail({ id }: { id: string }) {
  const can = useCan();
  const { data: release, isPending, error } = useMetricRelease(id);
  const catalogue = useMetricCatalogue();
  const translate = useTranslate();
  if (error) return <Alert severity="error">{toApiError(error).message}</Alert>;
  if (isPending) return <Skeleton variant="rounded" height={240} />;
  const populations = new Map((catalogue.data?.tables ?? []).map((t) => [t.id, t.population]));

  return (
    <>
      <Title title={translate('lantern.metrics.releaseTitle', { period: periodLabel(release.period) })} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', mb: 2 }} useFlexGap>
        <Typography variant="h5" component="h1">
          {translate('lantern.metrics.releaseHeading', { period: periodLabel(release.period), mode: MODE_LABELS[release.mode].toLowerCase() })}
        </Typography>
        {release.status === 'done' && can('export', 'Metrics') && <DownloadButton release={release} />}
      </Stack>
      <Card variant="outlined" sx={{ mb: 3 }}>
        <CardContent>
          <Metadata release={release} />
        </CardContent>
      </Card>
      {release.status === 'failed' && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {release.failure?.startsWith('SELF_CHECK_REFUSED')
            ? translate('lantern.metrics.selfCheckRefused')
            : translate('lantern.metrics.failed')}
        </Alert>
      )}
      {release.status !== 'done' && release.status !== 'failed' && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('lantern.metrics.building')}
        </Alert>
      )}
      {release.status === 'done' && (
        <Box component="section" aria-labelledby="release-tables">
          <Typography id="release-tables" variant="h6" component="h2">
            {translate('lantern.metrics.published')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('lantern.metrics.publishedText')}
          </Typography>
          {(release.tables ?? []).map((table) => (
            <MetricTableView key={table.id} table={table} population={populations.get(table.id)} />
          ))}
        </Box>
      )}
    </>
  );
}

/** One release: its metadata, and once done every table as a chart and a table, and the zip. */
export function MetricReleaseShow() {
  const { id } = useParams<{ id: string }>();
  const can = useCan();
  const navigate = useNavigate();
  const translate = useTranslate();
  if (!can('read', 'Metrics')) return <MetricsRefused />;
  return (
    <Box sx={{ py: 2, maxWidth: 1100 }}>
      <Button startIcon={<ArrowBackIcon />} onClick={() => navigate('/metrics')} sx={{ mb: 1 }}>
        {translate('lantern.metrics.allReleases')}
      </Button>
      {id ? <ReleaseDetail id={id} /> : <Alert severity="error">{translate('lantern.metrics.notFound')}</Alert>}
    </Box>
  );
}

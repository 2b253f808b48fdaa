import type { MetricReleaseResponse } from '@lantern/contracts';
import { parseMetricPeriod } from '@lantern/contracts';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Title, useNavigate, useNotify } from 'react-admin';
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
  const [busy, setBusy] = useState(false);
  const download = async (): Promise<void> => {
    setBusy(true);
    try {
      const filename = await downloadRelease(release);
      notify(`Saved ${filename}`, { type: 'info' });
    } catch (error) {
      notify(toApiError(error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="contained" startIcon={<DownloadIcon />} onClick={() => void download()} disabled={busy}>
      Download zip
    </Button>
  );
}

function Metadata({ release }: { release: MetricReleaseResponse }) {
  const period = parseMetricPeriod(release.period);
  return (
    <Box
      component="dl"
      sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 0.75, m: 0, alignItems: 'baseline' }}
    >
      <Fact label="Period">
        {periodLabel(release.period)}
        {period ? ` (${formatDate(period.start)} – ${formatDate(period.end)}, frozen ${formatDate(period.frozenOn)})` : ''}
      </Fact>
      <Fact label="Protection">
        {MODE_LABELS[release.mode]}
        <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
          {MODE_EXPLANATIONS[release.mode]}
        </Typography>
      </Fact>
      <Fact label="Privacy budget spent">{release.mode === 'noise' ? formatEpsilon(release.epsilonSpent) : 'None (no noise)'}</Fact>
      <Fact label="Status">
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <ReleaseStatusChip release={release} />
          <ReleaseProgress release={release} />
        </Stack>
      </Fact>
      <Fact label="Tables">{release.tableCount}</Fact>
      {release.coverage && (
        <Fact label="Coverage">
          {formatShare(release.coverage.oneDimension)} of counted people in published cells of one-dimension tables (lowest),{' '}
          {formatShare(release.coverage.twoDimension)} in two-dimension tables
        </Fact>
      )}
      <Fact label="Started">{formatDateTime(release.createdAt)}</Fact>
      {release.finishedAt && <Fact label="Finished">{formatDateTime(release.finishedAt)}</Fact>}
      {release.sha256 && (
        <Fact label="File">
          {formatBytes(release.byteSize)} · SHA-256{' '}
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
  if (error) return <Alert severity="error">{toApiError(error).message}</Alert>;
  if (isPending) return <Skeleton variant="rounded" height={240} />;
  const populations = new Map((catalogue.data?.tables ?? []).map((t) => [t.id, t.population]));

  return (
    <>
      <Title title={`Outcome metrics, ${periodLabel(release.period)}`} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', mb: 2 }} useFlexGap>
        <Typography variant="h5" component="h1">
          Release {periodLabel(release.period)} · {MODE_LABELS[release.mode].toLowerCase()}
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
            ? 'The release refused itself: its final check found a value that could point to fewer than 11 people, so no file was written. Nothing was published and no budget was spent.'
            : 'The release could not be built, and no file was written. Start a new one.'}
        </Alert>
      )}
      {release.status !== 'done' && release.status !== 'failed' && (
        <Alert severity="info" sx={{ mb: 2 }}>
          The tables are being counted and protected. This page updates by itself.
        </Alert>
      )}
      {release.status === 'done' && (
        <Box component="section" aria-labelledby="release-tables">
          <Typography id="release-tables" variant="h6" component="h2">
            Published tables
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            “&lt;11” marks a count from 0 to 10; “suppressed” marks a count hidden so that a small one cannot be worked out
            from the totals. Neither means zero.
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
  if (!can('read', 'Metrics')) return <MetricsRefused />;
  return (
    <Box sx={{ py: 2, maxWidth: 1100 }}>
      <Button startIcon={<ArrowBackIcon />} onClick={() => navigate('/metrics')} sx={{ mb: 1 }}>
        All releases
      </Button>
      {id ? <ReleaseDetail id={id} /> : <Alert severity="error">This release does not exist.</Alert>}
    </Box>
  );
}

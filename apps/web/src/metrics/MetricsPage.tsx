import type { MetricReleaseResponse } from '@lantern/contracts';
import AddIcon from '@mui/icons-material/Add';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Alert,
  Box,
  Button,
  Card,
  Chip,
  LinearProgress,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useState } from 'react';
import { Title, useNavigate, useNotify, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/labels';
import { useCan } from '../common/use-can';
import { toApiError } from '../providers/http';
import type { MetricCatalogue } from './metrics-api';
import { formatEpsilon, MODE_LABELS, periodLabel, tableWords, UNIT_LABELS } from './metrics-labels';
import { NewReleaseDialog } from './NewReleaseDialog';
import { ReleaseProgress, ReleaseStatusChip } from './ReleaseStatus';
import { useMetricCatalogue, useMetricReleases } from './use-metrics';

export const releasePath = (id: string): string => `/metrics/${encodeURIComponent(id)}`;

/** Shown instead of the page to roles the rules give no metrics (the API refuses them as well). */
export function MetricsRefused() {
  const translate = useTranslate();
  return (
    <Box sx={{ py: 2 }}>
      <Title title="lantern.menu.metrics" />
      <Alert severity="warning" role="alert" sx={{ maxWidth: 700 }}>
        {translate('lantern.metrics.refused')}
      </Alert>
    </Box>
  );
}

function ReleaseList({ onOpen }: { onOpen: (id: string) => void }) {
  const { data, isPending, error } = useMetricReleases();
  const translate = useTranslate();
  if (error) return <Alert severity="error">{toApiError(error).message}</Alert>;
  if (isPending) return <Skeleton variant="rounded" height={120} />;
  if (data.length === 0) {
    return (
      <Alert severity="info" variant="outlined">
        {translate('lantern.metrics.noRelease')}
      </Alert>
    );
  }
  return (
    <TableContainer component={Card} variant="outlined">
      <Table size="small" aria-label={translate('lantern.metrics.releases')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('lantern.metrics.period')}</TableCell>
            <TableCell>{translate('lantern.metrics.protection')}</TableCell>
            <TableCell>{translate('resources.cases.fields.status')}</TableCell>
            <TableCell>{translate('lantern.metrics.tables')}</TableCell>
            <TableCell>{translate('lantern.metrics.budget')}</TableCell>
            <TableCell>{translate('lantern.referralCard.started')}</TableCell>
            <TableCell>
              <Box component="span" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                {translate('lantern.metrics.actions')}
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.map((release: MetricReleaseResponse) => (
            <TableRow key={release.id} hover>
              <TableCell sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{periodLabel(release.period)}</TableCell>
              <TableCell>{MODE_LABELS[release.mode]}</TableCell>
              <TableCell>
                <Stack spacing={0.5}>
                  <Box>
                    <ReleaseStatusChip release={release} />
                  </Box>
                  <ReleaseProgress release={release} />
                </Stack>
              </TableCell>
              <TableCell>{release.tableCount}</TableCell>
              <TableCell>{release.mode === 'noise' ? formatEpsilon(release.epsilonSpent) : translate('lantern.metrics.none')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(release.createdAt)}</TableCell>
              <TableCell align="right">
                <Button size="small" variant="outlined" onClick={() => onOpen(release.id)} aria-label={translate('lantern.metrics.openRelease', { period: periodLabel(release.period), mode: MODE_LABELS[release.mode].toLowerCase() })}>
                  {translate('lantern.metrics.open')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function BudgetSummary({ catalogue }: { catalogue: MetricCatalogue }) {
  const translate = useTranslate();
  if (catalogue.budget.length === 0) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="body2" color="text.secondary">
        {translate('lantern.metrics.budgetPerYear')}
      </Typography>
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
        {catalogue.budget.map(({ year, spent, cap }) => (
          <Box key={year} sx={{ minWidth: 200 }}>
            <Typography variant="body2">
              {translate('lantern.metrics.budgetSpent', { year, spent: formatEpsilon(spent), cap: formatEpsilon(cap) })}
            </Typography>
            <LinearProgress
              variant="determinate"
              value={cap > 0 ? Math.min(100, (spent / cap) * 100) : 0}
              aria-label={translate('lantern.metrics.budgetOf', { year })}
              sx={{ height: 6, borderRadius: 1, mt: 0.5 }}
            />
          </Box>
        ))}
      </Stack>
    </Box>
  );
}

/** The fixed catalogue: what each table counts, by which coarse dimensions, from which vocabulary. */
function Catalogue({ catalogue }: { catalogue: MetricCatalogue }) {
  const translate = useTranslate();
  return (
    <Box>
      {catalogue.tables.map((table) => {
        const words = tableWords(table);
        return (
        // The summary is wrapped in an h3 by MUI: the table titles are the headings under "What is counted".
        <Accordion key={table.id} disableGutters variant="outlined" slotProps={{ region: { id: `table-${table.id}-details` } }}>
          <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`table-${table.id}-details`} id={`table-${table.id}-summary`}>
            <Box>
              <Typography component="span" sx={{ display: 'block', fontWeight: 600 }}>
                {words.title}
              </Typography>
              <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                {table.population} · {UNIT_LABELS[table.unit].toLowerCase()}
                {table.hud ? ` · ${translate('lantern.metrics.hud')}` : ''}
              </Typography>
            </Box>
          </AccordionSummary>
          <AccordionDetails>
            {table.dimensions.map((dimension) => (
              <Box key={dimension.name} sx={{ mb: 1.5 }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {words.dimension(dimension.name)}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {translate('lantern.metrics.vocabulary', { vocabulary: dimension.vocabulary })}
                  {dimension.sensitive ? ` · ${translate('lantern.metrics.sensitive')}` : ''}
                </Typography>
                <Stack
                  direction="row"
                  spacing={0.5}
                  useFlexGap
                  sx={{ flexWrap: 'wrap', mt: 0.5 }}
                  component="ul"
                  aria-label={translate('lantern.metrics.valuesOf', { dimension: words.dimension(dimension.name) })} style={{ padding: 0, margin: 0, listStyle: 'none' }}>
                  {dimension.values.map((value) => (
                    <li key={value}>
                      <Chip size="small" variant="outlined" label={words.value(value, dimension.name)} />
                    </li>
                  ))}
                </Stack>
              </Box>
            ))}
          </AccordionDetails>
        </Accordion>
        );
      })}
    </Box>
  );
}

/** Outcome metrics: releases of the anonymized tables (docs/metrics-method.md), how to start one, and what they count. */
export function MetricsPage() {
  const can = useCan();
  const allowed = can('read', 'Metrics');
  const mayExport = can('export', 'Metrics');
  const navigate = useNavigate();
  const notify = useNotify();
  const translate = useTranslate();
  const catalogue = useMetricCatalogue(allowed);
  const [dialogOpen, setDialogOpen] = useState(false);
  // A new dialog (fresh choices) each time it opens.
  const [dialogKey, setDialogKey] = useState(0);

  if (!allowed) return <MetricsRefused />;

  return (
    <Box sx={{ py: 2, maxWidth: 1100 }}>
      <Title title="lantern.menu.metrics" />
      <Typography variant="h5" component="h1" sx={{ mb: 0.5 }}>
        {translate('lantern.menu.metrics')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {translate('lantern.metrics.intro', { threshold: catalogue.data?.threshold ?? 11, base: catalogue.data?.roundingBase ?? 5 })}
      </Typography>

      <Box component="section" aria-labelledby="metrics-releases" sx={{ mb: 4 }}>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
          <Typography id="metrics-releases" variant="h6" component="h2">
            {translate('lantern.metrics.releases')}
          </Typography>
          {mayExport && (
            <Button
              variant="contained"
              startIcon={<AddIcon />}
              disabled={!catalogue.data}
              onClick={() => {
                setDialogKey((k) => k + 1);
                setDialogOpen(true);
              }}
            >
              {translate('lantern.metrics.newRelease')}
            </Button>
          )}
        </Stack>
        <ReleaseList onOpen={(id) => navigate(releasePath(id))} />
        {catalogue.data && <BudgetSummary catalogue={catalogue.data} />}
      </Box>

      <Box component="section" aria-labelledby="metrics-catalogue">
        <Typography id="metrics-catalogue" variant="h6" component="h2" sx={{ mb: 0.5 }}>
          {translate('lantern.metrics.whatCounted')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('lantern.metrics.catalogueText')}
        </Typography>
        {catalogue.error ? (
          <Alert severity="error">{toApiError(catalogue.error).message}</Alert>
        ) : catalogue.isPending ? (
          <Skeleton variant="rounded" height={200} />
        ) : (
          <Catalogue catalogue={catalogue.data} />
        )}
      </Box>

      {catalogue.data && (
        <NewReleaseDialog
          key={dialogKey}
          catalogue={catalogue.data}
          open={dialogOpen}
          onClose={() => setDialogOpen(false)}
          onStarted={(release, created) => {
            setDialogOpen(false);
            notify(created ? 'lantern.metrics.started' : 'lantern.metrics.releasedBefore', {
              type: created ? 'info' : 'warning',
              messageArgs: { period: periodLabel(release.period) },
            });
            navigate(releasePath(release.id));
          }}
        />
      )}
    </Box>
  );
}

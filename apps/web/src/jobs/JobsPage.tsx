import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Alert, Box, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography, useMediaQuery, type Theme } from '@mui/material';
import type { JobRunResponse, JobSummaryResponse } from '@lantern/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Title, useNotify, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/labels';
import { PageHeading } from '../common/PageHeading';
import { api, toApiError } from '../providers/http';

const STATE_COLOR: Record<string, 'default' | 'success' | 'error' | 'warning' | 'info'> = {
  created: 'info',
  retry: 'warning',
  active: 'info',
  completed: 'success',
  cancelled: 'default',
  failed: 'error',
};

/**
 * Admins: the background jobs (issue 14): when each last ran and how it ended, when it runs next, its
 * failures of the last day and last error (a short code, never data), and "Run now" (the API asks for
 * the password again when the last step-up is older than five minutes: the dialog opens by itself).
 */
export function JobsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const jobs = useQuery({ queryKey: ['jobs'], queryFn: () => api<JobSummaryResponse[]>('/jobs'), refetchInterval: 15_000 });
  const run = useMutation({
    mutationFn: (name: string) => api<JobRunResponse>(`/jobs/${encodeURIComponent(name)}/run`, { method: 'POST' }),
    onSuccess: (_result, name) => {
      notify('lantern.jobs.queued', { type: 'success', messageArgs: { name: translate(`lantern.jobs.names.${name.replace(/\./g, '_')}`, { _: name }) } });
      void client.invalidateQueries({ queryKey: ['jobs'] });
    },
    onError: (error) => notify(toApiError(error).message, { type: 'error' }),
  });
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');
  // On a phone each job is a card: seven columns do not fit 390 px.
  const phone = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  const rows = (jobs.data ?? []).map((job) => {
    const label = translate(`lantern.jobs.names.${job.name.replace(/\./g, '_')}`, { _: job.name });
    const state = job.running ? 'active' : job.lastState;
    return {
      job,
      label,
      schedule: job.schedule ? translate('lantern.jobs.schedule', { cron: job.schedule }) : translate('lantern.jobs.onDemand'),
      result: state ? <Chip size="small" color={STATE_COLOR[state] ?? 'default'} label={translate(`lantern.jobs.states.${state}`, { _: state })} /> : translate('lantern.jobs.never'),
      button: (
        <Button
          size="small"
          variant="outlined"
          startIcon={<PlayArrowIcon />}
          disabled={run.isPending}
          aria-label={translate('lantern.jobs.runNowLabel', { name: label })}
          onClick={() => run.mutate(job.name)}
        >
          {translate('lantern.jobs.runNow')}
        </Button>
      ),
    };
  });

  return (
    <Box sx={{ py: 2 }}>
      <Title title="lantern.jobs.title" />
      <PageHeading title="lantern.jobs.title" />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('lantern.jobs.intro')}
      </Typography>
      {jobs.error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {toApiError(jobs.error).message}
        </Alert>
      )}
      <Card component="section" aria-labelledby="jobs-heading">
        <Typography variant="h6" component="h2" id="jobs-heading" sx={{ px: 2, pt: 2 }}>
          {translate('lantern.jobs.tableTitle')}
        </Typography>
        {phone ? (
          <CardContent>
            <Stack spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
              {rows.map((row) => (
                <Box component="li" key={row.job.name} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
                  <Typography variant="subtitle1" component="h3">
                    {row.label}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
                    {row.schedule}
                  </Typography>
                  <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, m: 0, '& dd': { m: 0, wordBreak: 'break-word' } }}>
                    <dt>{translate('lantern.jobs.lastRun')}</dt>
                    <dd>{when(row.job.lastRunAt)}</dd>
                    <dt>{translate('lantern.jobs.state')}</dt>
                    <dd>{row.result}</dd>
                    <dt>{translate('lantern.jobs.nextRun')}</dt>
                    <dd>{when(row.job.nextRunAt)}</dd>
                    <dt>{translate('lantern.jobs.failures')}</dt>
                    <dd>{row.job.failures24h}</dd>
                    <dt>{translate('lantern.jobs.lastError')}</dt>
                    <dd>{row.job.lastError ?? '—'}</dd>
                  </Box>
                  <Box sx={{ mt: 1 }}>{row.button}</Box>
                </Box>
              ))}
            </Stack>
          </CardContent>
        ) : (
          <TableContainer>
            <Table size="small" aria-labelledby="jobs-heading">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('lantern.jobs.job')}</TableCell>
                  <TableCell>{translate('lantern.jobs.lastRun')}</TableCell>
                  <TableCell>{translate('lantern.jobs.state')}</TableCell>
                  <TableCell>{translate('lantern.jobs.nextRun')}</TableCell>
                  <TableCell>{translate('lantern.jobs.failures')}</TableCell>
                  <TableCell>{translate('lantern.jobs.lastError')}</TableCell>
                  <TableCell>
                    <Box component="span" sx={visuallyHidden}>
                      {translate('lantern.jobs.actions')}
                    </Box>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.job.name}>
                    <TableCell>
                      <Typography variant="body2">{row.label}</Typography>
                      <Typography variant="caption" color="text.secondary">
                        {row.schedule}
                      </Typography>
                    </TableCell>
                    <TableCell>{when(row.job.lastRunAt)}</TableCell>
                    <TableCell>{row.result}</TableCell>
                    <TableCell>{when(row.job.nextRunAt)}</TableCell>
                    <TableCell>{row.job.failures24h}</TableCell>
                    <TableCell sx={{ wordBreak: 'break-word' }}>{row.job.lastError ?? '—'}</TableCell>
                    <TableCell>{row.button}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Card>
    </Box>
  );
}

const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

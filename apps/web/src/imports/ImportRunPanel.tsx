import DownloadIcon from '@mui/icons-material/Download';
import type { ImportRunResponse } from '@lantern/contracts';
import { Alert, Box, Button, Card, CardContent, CircularProgress, LinearProgress, Typography } from '@mui/material';
import { useId } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { formatDateTime } from '../i18n/format';
import { downloadFile } from '../providers/download';
import { API_URL, toApiError } from '../providers/http';
import { ImportDryRunStep } from './ImportDryRunStep';
import { ImportMappingStep } from './ImportMappingStep';
import { useImportRun } from './imports-api';
import { useImportRunSteps } from './use-import-run-steps';

/** One import, step by step: the mapping, the dry run's findings, the import's progress and its result. */
export function ImportRunPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const translate = useTranslate();
  const run = useImportRun(id);
  const headingId = useId();
  if (run.error) return <Alert severity="error">{translate('lantern.imports.loadFailed')}</Alert>;
  if (!run.data) return <CircularProgress size={24} aria-label={translate('lantern.imports.loading')} />;
  const data = run.data;
  return (
    <Card component="section" aria-labelledby={headingId}>
      <CardContent sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 2 }}>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'baseline', justifyContent: 'space-between' }}>
          <Typography variant="h6" component="h2" id={headingId}>
            {translate('lantern.imports.run.title', { when: formatDateTime(data.createdAt), smart_count: data.rowCount })}
          </Typography>
          <Button size="small" onClick={onClose}>
            {translate('lantern.imports.run.close')}
          </Button>
        </Box>
        <Typography variant="body2" role="status">
          {translate('lantern.imports.run.status', { status: translate(`lantern.imports.status.${data.status}`) })}
        </Typography>
        <RunSteps key={`${data.id}-${data.version}`} run={data} />
      </CardContent>
    </Card>
  );
}

function RunSteps({ run }: { run: ImportRunResponse }) {
  const translate = useTranslate();
  const { draft, setDraft, errors, busy, check, start } = useImportRunSteps(run);

  return (
    <>
      <ImportMappingStep run={run} draft={draft} setDraft={setDraft} errors={errors} disabled={busy} onCheck={check} />
      {run.status === 'checking' && <Progress label={translate('lantern.imports.dryRun.running')} />}
      {run.dryRun && run.status !== 'uploaded' && (
        <ImportDryRunStep run={run} draft={draft} setDraft={setDraft} disabled={busy} onCheck={check} />
      )}
      {(run.status === 'checked' || run.status === 'failed') && run.dryRun && (
        <Box>
          {run.status === 'failed' && (
            <Alert severity="error" sx={{ mb: 1 }}>
              {translate('lantern.imports.run.failed')}
            </Alert>
          )}
          <Button variant="contained" onClick={start} disabled={busy || run.dryRun.ready === 0}>
            {translate('lantern.imports.run.start', { smart_count: run.dryRun.ready })}
          </Button>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('lantern.imports.run.startHelp')}
          </Typography>
        </Box>
      )}
      {(run.status === 'queued' || run.status === 'running') && (
        <Progress label={translate('lantern.imports.run.progress', { processed: run.processed, total: run.rowCount })} value={run.rowCount ? (100 * run.processed) / run.rowCount : 0} />
      )}
      {run.status === 'done' && <DoneStep run={run} />}
    </>
  );
}

function Progress({ label, value }: { label: string; value?: number }) {
  return (
    <Box>
      <Typography variant="body2">{label}</Typography>
      <LinearProgress variant={value === undefined ? 'indeterminate' : 'determinate'} value={value} aria-label={label} sx={{ mt: 1 }} />
    </Box>
  );
}

function DoneStep({ run }: { run: ImportRunResponse }) {
  const translate = useTranslate();
  const notify = useNotify();
  const download = async () => {
    try {
      await downloadFile(`${API_URL}/imports/${encodeURIComponent(run.id)}/failures`, { accept: 'text/csv', fallbackName: 'lantern-import-failed-rows.csv' });
    } catch (error) {
      notify(toApiError(error).message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 1 }}>
      <Alert severity={run.failed > 0 ? 'warning' : 'success'} data-testid="import-result">
        {translate('lantern.imports.run.done', { imported: run.imported, skipped: run.skipped, failed: run.failed })}
      </Alert>
      {run.hasFailures && (
        <Box>
          <Button variant="outlined" startIcon={<DownloadIcon />} onClick={download}>
            {translate('lantern.imports.run.downloadFailures', { smart_count: run.failed })}
          </Button>
        </Box>
      )}
    </Box>
  );
}

import DownloadIcon from '@mui/icons-material/Download';
import {
  IMPORT_DATE_FORMATS,
  IMPORT_FIELDS,
  type ImportDateFormat,
  type ImportField,
  type ImportMapping,
  type ImportRunResponse,
  type ImportVocabularyField,
} from '@lantern/contracts';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  LinearProgress,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useGetList, useNotify, useTranslate } from 'react-admin';
import { EXPLOITATION_CHOICES, GENDER_CHOICES, REFERRAL_SOURCE_CHOICES } from '../common/labels';
import { formatDateTime } from '../i18n/format';
import { downloadFile } from '../providers/download';
import { API_URL, ApiError, toApiError } from '../providers/http';
import { IMPORTS_KEY, isBusy, saveNamedMapping, saveRunMapping, startDryRun, startImport, useImportRun, useSavedMappings } from './imports-api';
import { suggestField } from './suggest';

const VOCABULARY_CHOICES: Record<ImportVocabularyField, { id: string; name: string }[]> = {
  gender: GENDER_CHOICES,
  referralSource: REFERRAL_SOURCE_CHOICES,
  exploitationTypes: EXPLOITATION_CHOICES,
};
/** The problems listed one by one on screen; the rest are in the counts (and the failed-rows file). */
const PROBLEMS_SHOWN = 100;

interface Draft {
  columns: Record<string, ImportField | ''>;
  values: ImportMapping['values'];
  dateFormat: ImportDateFormat;
  defaultCaseworkerId: string;
}

function draftOf(run: ImportRunResponse): Draft {
  const mapping = run.mapping;
  return {
    columns: Object.fromEntries(run.header.map((h) => [h, mapping ? (mapping.columns[h] ?? '') : suggestField(h, run.header)])),
    values: mapping?.values ?? {},
    dateFormat: mapping?.dateFormat ?? 'YYYY-MM-DD',
    defaultCaseworkerId: mapping?.defaultCaseworkerId ?? '',
  };
}

function mappingOf(draft: Draft): ImportMapping {
  return {
    columns: Object.fromEntries(Object.entries(draft.columns).filter(([, field]) => field !== '')) as Record<string, ImportField>,
    values: draft.values,
    dateFormat: draft.dateFormat,
    defaultCaseworkerId: draft.defaultCaseworkerId || null,
  };
}

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
  const notify = useNotify();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(run));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const busy = isBusy(run) || pending;
  const refresh = () => client.invalidateQueries({ queryKey: IMPORTS_KEY });

  const check = async () => {
    setPending(true);
    setErrors({});
    try {
      const mapped = await saveRunMapping(run, mappingOf(draft));
      await startDryRun(mapped.id);
    } catch (error) {
      const apiError = toApiError(error);
      setErrors(Object.fromEntries(Object.entries(apiError.body.fieldErrors ?? {}).map(([field, messages]) => [field, messages.join(' ')])));
      notify(apiError.message, { type: 'error' });
    } finally {
      setPending(false);
      await refresh();
    }
  };

  const start = async () => {
    setPending(true);
    try {
      await startImport(run.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'AUTH_STEP_UP_REQUIRED')) notify(toApiError(error).message, { type: 'error' });
    } finally {
      setPending(false);
      await refresh();
    }
  };

  return (
    <>
      <MappingStep run={run} draft={draft} setDraft={setDraft} errors={errors} disabled={busy} onCheck={check} />
      {run.status === 'checking' && <Progress label={translate('lantern.imports.dryRun.running')} />}
      {run.dryRun && run.status !== 'uploaded' && (
        <DryRunStep run={run} draft={draft} setDraft={setDraft} disabled={busy} onCheck={check} />
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

interface StepProps {
  run: ImportRunResponse;
  draft: Draft;
  setDraft: (update: (draft: Draft) => Draft) => void;
  disabled: boolean;
  onCheck: () => void;
}

function MappingStep({ run, draft, setDraft, errors, disabled, onCheck }: StepProps & { errors: Record<string, string> }) {
  const translate = useTranslate();
  const notify = useNotify();
  const headingId = useId();
  const saved = useSavedMappings();
  const [name, setName] = useState('');
  const caseworkers = useGetList('users', { filter: { role: 'caseworker', active: true }, pagination: { page: 1, perPage: 200 }, sort: { field: 'displayName', order: 'ASC' } });
  const fieldChoices = [{ id: '', name: translate('lantern.imports.mapping.skip') }, ...IMPORT_FIELDS.map((f) => ({ id: f, name: translate(`lantern.imports.fields.${f}`) }))];

  const applySaved = (savedId: string) => {
    const mapping = saved.data?.find((m) => m.id === savedId)?.mapping;
    if (!mapping) return;
    setDraft((d) => ({
      columns: Object.fromEntries(run.header.map((h) => [h, mapping.columns[h] ?? ''])),
      values: mapping.values,
      dateFormat: mapping.dateFormat,
      defaultCaseworkerId: mapping.defaultCaseworkerId ?? d.defaultCaseworkerId,
    }));
  };
  const saveNamed = async () => {
    try {
      await saveNamedMapping(name.trim(), mappingOf(draft));
      notify('lantern.imports.mapping.savedAs', { type: 'success', messageArgs: { name: name.trim() } });
      setName('');
      await saved.refetch();
    } catch (error) {
      notify(toApiError(error).message, { type: 'error' });
    }
  };

  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography variant="subtitle1" component="h3" id={headingId} sx={{ fontWeight: 600 }}>
        {translate('lantern.imports.mapping.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('lantern.imports.mapping.help')}
      </Typography>
      {errors['mapping.columns'] && (
        <Alert severity="error" role="alert" sx={{ mb: 1 }}>
          {errors['mapping.columns']}
        </Alert>
      )}
      {saved.data && saved.data.length > 0 && (
        <TextField select size="small" label={translate('lantern.imports.mapping.useSaved')} value="" onChange={(e) => applySaved(e.target.value)} disabled={disabled} sx={{ minWidth: 240, mb: 2 }}>
          {saved.data.map((m) => (
            <MenuItem key={m.id} value={m.id}>
              {m.name}
            </MenuItem>
          ))}
        </TextField>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', md: 'repeat(3, minmax(0, 1fr))' }, gap: 2 }}>
        {run.header.map((header) => (
          <TextField
            key={header}
            select
            size="small"
            label={translate('lantern.imports.mapping.column', { column: header })}
            value={draft.columns[header] ?? ''}
            onChange={(e) => setDraft((d) => ({ ...d, columns: { ...d.columns, [header]: e.target.value as ImportField | '' } }))}
            disabled={disabled}
          >
            {fieldChoices.map((c) => (
              <MenuItem key={c.id || 'skip'} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
        ))}
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mt: 2 }}>
        <TextField
          select
          size="small"
          label={translate('lantern.imports.mapping.dateFormat')}
          value={draft.dateFormat}
          onChange={(e) => setDraft((d) => ({ ...d, dateFormat: e.target.value as ImportDateFormat }))}
          disabled={disabled}
          error={!!errors['mapping.dateFormat']}
          helperText={errors['mapping.dateFormat']}
          sx={{ minWidth: 200 }}
        >
          {IMPORT_DATE_FORMATS.map((f) => (
            <MenuItem key={f} value={f}>
              {translate(`lantern.imports.dateFormats.${f}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={translate('lantern.imports.mapping.defaultCaseworker')}
          value={draft.defaultCaseworkerId}
          onChange={(e) => setDraft((d) => ({ ...d, defaultCaseworkerId: e.target.value }))}
          disabled={disabled}
          error={!!errors['mapping.defaultCaseworkerId']}
          helperText={errors['mapping.defaultCaseworkerId'] ?? translate('lantern.imports.mapping.defaultCaseworkerHelp')}
          sx={{ minWidth: 260 }}
        >
          <MenuItem value="">{translate('lantern.imports.mapping.noDefault')}</MenuItem>
          {(caseworkers.data ?? []).map((u) => (
            <MenuItem key={u.id} value={String(u.id)}>
              {String(u.displayName)}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mt: 2, alignItems: 'center' }}>
        <Button variant="contained" onClick={onCheck} disabled={disabled}>
          {translate('lantern.imports.mapping.check')}
        </Button>
        <TextField size="small" label={translate('lantern.imports.mapping.saveName')} value={name} onChange={(e) => setName(e.target.value)} disabled={disabled} slotProps={{ htmlInput: { maxLength: 80 } }} />
        <Button onClick={saveNamed} disabled={disabled || name.trim() === ''}>
          {translate('lantern.imports.mapping.save')}
        </Button>
      </Box>
    </Box>
  );
}

function DryRunStep({ run, draft, setDraft, disabled, onCheck }: StepProps) {
  const translate = useTranslate();
  const headingId = useId();
  const problemsId = useId();
  const dryRun = run.dryRun!;
  const failingRows = new Set(dryRun.problems.map((p) => p.row)).size;
  const shown = dryRun.problems.slice(0, PROBLEMS_SHOWN);
  const fieldLabel = (field: string) => ((IMPORT_FIELDS as readonly string[]).includes(field) ? translate(`lantern.imports.fields.${field}`) : field);
  const [placed, setPlaced] = useState<Record<string, string>>({});
  useEffect(() => setPlaced({}), [run.version]);
  const place = (field: ImportVocabularyField, value: string, code: string) => {
    setPlaced((p) => ({ ...p, [`${field}\u001f${value}`]: code }));
    setDraft((d) => ({ ...d, values: { ...d.values, [field]: { ...(d.values[field] ?? {}), [value]: code } } }));
  };

  return (
    <Box component="section" aria-labelledby={headingId} sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 2 }}>
      <Typography variant="subtitle1" component="h3" id={headingId} sx={{ fontWeight: 600 }}>
        {translate('lantern.imports.dryRun.title')}
      </Typography>
      <Typography variant="body2" data-testid="dry-run-summary">
        {translate('lantern.imports.dryRun.summary', { ready: dryRun.ready, failing: failingRows, already: dryRun.alreadyImported, duplicates: dryRun.likelyDuplicates.length })}
      </Typography>
      {dryRun.unmappedValues.length > 0 && (
        <Box>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {translate('lantern.imports.dryRun.unmapped')}
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))' }, gap: 2 }}>
            {dryRun.unmappedValues.map((u) => (
              <TextField
                key={`${u.field}-${u.value}`}
                select
                size="small"
                label={translate('lantern.imports.dryRun.valueLabel', { value: u.value, field: fieldLabel(u.field), smart_count: u.rows })}
                value={placed[`${u.field}\u001f${u.value}`] ?? draft.values[u.field]?.[u.value] ?? ''}
                onChange={(e) => place(u.field, u.value, e.target.value)}
                disabled={disabled}
              >
                {VOCABULARY_CHOICES[u.field].map((c) => (
                  <MenuItem key={c.id} value={c.id}>
                    {c.name}
                  </MenuItem>
                ))}
              </TextField>
            ))}
          </Box>
          <Button sx={{ mt: 1 }} variant="outlined" onClick={onCheck} disabled={disabled || Object.keys(placed).length === 0}>
            {translate('lantern.imports.dryRun.applyValues')}
          </Button>
        </Box>
      )}
      {shown.length > 0 && (
        <TableContainer tabIndex={0} role="region" aria-labelledby={problemsId} sx={{ maxHeight: 360 }}>
          <Typography variant="body2" id={problemsId} sx={{ mb: 1 }}>
            {translate('lantern.imports.dryRun.problems', { smart_count: failingRows })}
          </Typography>
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">{translate('lantern.imports.dryRun.row')}</TableCell>
                <TableCell component="th" scope="col">{translate('lantern.imports.dryRun.field')}</TableCell>
                <TableCell component="th" scope="col">{translate('lantern.imports.dryRun.reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((p) => (
                <TableRow key={`${p.row}-${p.field}-${p.problem}`}>
                  <TableCell>{p.row}</TableCell>
                  <TableCell>{fieldLabel(p.field)}</TableCell>
                  <TableCell>{translate(`lantern.imports.problems.${p.problem}`, { format: draft.dateFormat })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {dryRun.problems.length > shown.length && <Typography variant="body2">{translate('lantern.imports.dryRun.more', { smart_count: dryRun.problems.length - shown.length })}</Typography>}
      {dryRun.likelyDuplicates.length > 0 && (
        <Alert severity="warning">
          {translate('lantern.imports.dryRun.duplicates', { rows: dryRun.likelyDuplicates.slice(0, 50).map((d) => d.row).join(', '), smart_count: dryRun.likelyDuplicates.length })}
        </Alert>
      )}
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

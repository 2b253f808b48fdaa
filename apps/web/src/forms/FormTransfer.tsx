import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import type { FormImportResult, FormKey } from '@lantern/contracts';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { toApiError } from '../providers/http';
import { exportForm, FORMS_KEY, importForm } from './forms-api';

/** A refusal as the admin reads it: the API's message and the paths in the document it names. */
function problemOf(error: unknown): string {
  const apiError = toApiError(error);
  const fields = Object.entries(apiError.body.fieldErrors ?? {}).map(([path, problems]) => `${path}: ${problems.join(' ')}`);
  return fields.length > 0 ? fields.join('\n') : apiError.message;
}

/**
 * Export and import of a form as a JSON document (issue 18; docs/forms.md, "Sharing a form"). The export
 * is handed to the browser as a file, kept nowhere else; the import shows the dry run's answer first
 * and applies the document only when the admin says so.
 */
export function FormTransfer({ form }: { form: FormKey }) {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [document, setDocument] = useState<unknown>(null);
  const [summary, setSummary] = useState<FormImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);

  const download = async () => {
    try {
      const doc = await exportForm(form);
      const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
      const link = Object.assign(window.document.createElement('a'), { href: url, download: `lantern-${form}-form.json` });
      link.click();
      URL.revokeObjectURL(url);
    } catch (caught) {
      notify(toApiError(caught).message, { type: 'error' });
    }
  };

  const close = () => {
    setOpen(false);
    setDocument(null);
    setSummary(null);
    setError(null);
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setSummary(null);
    setError(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setError(translate('lantern.forms.transfer.notJson'));
      return;
    }
    setBusy(true);
    try {
      setSummary(await importForm(form, parsed, true));
      setDocument(parsed);
    } catch (caught) {
      setError(problemOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    setBusy(true);
    try {
      await importForm(form, document, false);
      await client.invalidateQueries({ queryKey: FORMS_KEY });
      notify('lantern.forms.transfer.applied', { type: 'success' });
      close();
    } catch (caught) {
      setError(problemOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const list = (label: string, keys: string[]) => (
    <ListItem disableGutters>
      <ListItemText primary={translate(label, { count: keys.length })} secondary={keys.length > 0 ? keys.join(', ') : null} />
    </ListItem>
  );

  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 2 }}>
      <Button variant="outlined" startIcon={<DownloadIcon />} onClick={() => void download()}>
        {translate('lantern.forms.transfer.export')}
      </Button>
      <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setOpen(true)}>
        {translate('lantern.forms.transfer.import')}
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <DialogTitle id={titleId}>{translate('lantern.forms.transfer.title', { form: translate(`lantern.forms.names.${form}`) })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('lantern.forms.transfer.help')}
          </Typography>
          <input ref={input} type="file" accept=".json,application/json" hidden onChange={(event) => void choose(event)} data-testid="form-import-file" />
          <Button variant="contained" onClick={() => input.current?.click()} disabled={busy}>
            {translate('lantern.forms.transfer.choose')}
          </Button>
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 2, whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              {error}
            </Alert>
          )}
          {summary && (
            <Box role="status" sx={{ mt: 2 }}>
              <Typography variant="subtitle1" component="h3">
                {translate('lantern.forms.transfer.summary')}
              </Typography>
              <List dense>
                {list('lantern.forms.transfer.settingsChanged', summary.settingsChanged)}
                {list('lantern.forms.transfer.created', summary.customFields.created)}
                {list('lantern.forms.transfer.updated', summary.customFields.updated)}
                {list('lantern.forms.transfer.unchanged', summary.customFields.unchanged)}
                {list('lantern.forms.transfer.notInDocument', summary.customFields.notInDocument)}
              </List>
              {summary.conflicts.map((conflict) => (
                <Alert key={conflict.path} severity="warning" sx={{ mt: 1, overflowWrap: 'anywhere' }}>
                  {translate('lantern.forms.transfer.conflict', { path: conflict.path, problem: conflict.problem, key: conflict.suggestedKey })}
                </Alert>
              ))}
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={() => void apply()} disabled={busy || !summary || summary.conflicts.length > 0}>
            {translate('lantern.forms.transfer.apply')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

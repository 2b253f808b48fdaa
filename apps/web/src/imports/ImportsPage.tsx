import UploadFileIcon from '@mui/icons-material/UploadFile';
import type { ImportRunSummary } from '@lantern/contracts';
import { Alert, Box, Button, Card, CardContent, List, ListItem, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { Title, useTranslate } from 'react-admin';
import { PageHeading } from '../common/PageHeading';
import { useCan } from '../common/use-can';
import { formatDateTime } from '../i18n/format';
import { useSession } from '../providers/session';
import { toApiError } from '../providers/http';
import { ImportRunPanel } from './ImportRunPanel';
import { IMPORTS_KEY, uploadSheet, useImportRuns } from './imports-api';

/**
 * Admins bring a program's existing caseload in from a spreadsheet (issue 17; docs/imports.md): upload,
 * map the columns and values, check every row with a dry run, import in the background, and download
 * the rows that failed. The admin sees row numbers, reasons and counts, never a survivor's record.
 */
export function ImportsPage() {
  const translate = useTranslate();
  const can = useCan();
  const session = useSession();
  const allowed = can('read', 'Imports') && !session?.me.mfaEnrolmentRequired;
  return (
    <Box sx={{ py: 2 }}>
      <Title title="lantern.imports.title" />
      <PageHeading title="lantern.imports.title" />
      {allowed ? (
        <ImportsBody />
      ) : (
        <Alert severity="warning" role="alert" sx={{ maxWidth: 700 }}>
          {translate('lantern.imports.refused')}
        </Alert>
      )}
    </Box>
  );
}

function ImportsBody() {
  const translate = useTranslate();
  const client = useQueryClient();
  const runs = useImportRuns();
  const [selected, setSelected] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const listId = useId();

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    try {
      const run = await uploadSheet(file);
      await client.invalidateQueries({ queryKey: IMPORTS_KEY });
      setSelected(run.id);
    } catch (error) {
      const apiError = toApiError(error);
      setUploadError(apiError.body.fieldErrors?.file?.join(' ') ?? apiError.message);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 2, maxWidth: 1100 }}>
      <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 800 }}>
        {translate('lantern.imports.intro')}
      </Typography>
      <Card component="section" aria-labelledby={headingId}>
        <CardContent>
          <Typography variant="h6" component="h2" id={headingId}>
            {translate('lantern.imports.upload.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('lantern.imports.upload.help')}
          </Typography>
          <input ref={input} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" hidden onChange={upload} data-testid="import-file" />
          <Button variant="contained" startIcon={<UploadFileIcon />} onClick={() => input.current?.click()} disabled={uploading}>
            {translate(uploading ? 'lantern.imports.upload.sending' : 'lantern.imports.upload.button')}
          </Button>
          {uploadError && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {uploadError}
            </Alert>
          )}
        </CardContent>
      </Card>
      {selected && <ImportRunPanel id={selected} onClose={() => setSelected(null)} />}
      <Card component="section" aria-labelledby={listId}>
        <CardContent>
          <Typography variant="h6" component="h2" id={listId}>
            {translate('lantern.imports.list.title')}
          </Typography>
          {runs.error && <Alert severity="error">{translate('lantern.imports.loadFailed')}</Alert>}
          {runs.data && runs.data.length === 0 && <Typography variant="body2">{translate('lantern.imports.list.empty')}</Typography>}
          {runs.data && runs.data.length > 0 && (
            <List dense aria-labelledby={listId}>
              {runs.data.map((run: ImportRunSummary) => (
                <ListItem key={run.id} disablePadding>
                  <ListItemButton selected={run.id === selected} onClick={() => setSelected(run.id)}>
                    <ListItemText
                      primary={translate('lantern.imports.list.item', { when: formatDateTime(run.createdAt), smart_count: run.rowCount })}
                      secondary={
                        run.status === 'done'
                          ? translate('lantern.imports.list.counts', { imported: run.imported, skipped: run.skipped, failed: run.failed })
                          : translate(`lantern.imports.status.${run.status}`)
                      }
                    />
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}


import DownloadIcon from '@mui/icons-material/Download';
import { Box, Button, LinearProgress, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useListContext, useNotify, useTranslate } from 'react-admin';
import { downloadFile, type DownloadProgress } from '../providers/download';
import { API_URL, ApiError } from '../providers/http';
import { flatCustomFilter } from '../custom-fields/custom-list-filter';

/** The API's cap on one export (apps/api/src/access/records/record-exports.ts, EXPORT_ROW_LIMIT). */
export const EXPORT_ROW_LIMIT = 10_000;

/**
 * "Export CSV" on a list (issue 16, record export): the list as it is filtered and sorted, whole, from
 * `GET /<resource>/export`. The file holds what the person may read, nothing more; survivor data asks
 * for the password again (the step-up dialog). A bar shows the download's progress. Over 10,000 records
 * the button says to narrow the filters instead. Hidden on phones.
 */
export function ExportCsvButton({ resource }: { resource: string }) {
  const { filterValues, sort, total } = useListContext();
  const translate = useTranslate();
  const notify = useNotify();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const tooMany = typeof total === 'number' && total > EXPORT_ROW_LIMIT;
  const nothing = total === 0;

  const onClick = async () => {
    setBusy(true);
    setProgress(null);
    try {
      const query = new URLSearchParams({ filter: JSON.stringify(flatCustomFilter(filterValues)), sort: JSON.stringify([sort.field, sort.order]) });
      await downloadFile(`${API_URL}/${resource}/export?${query.toString()}`, { accept: 'text/csv', fallbackName: `${resource}.csv`, onProgress: setProgress });
      notify('lantern.export.done', { type: 'info', messageArgs: { smart_count: total ?? 0 } });
    } catch (error) {
      // A closed step-up dialog is no failure to report.
      if (!(error instanceof ApiError && error.code === 'AUTH_STEP_UP_REQUIRED')) notify(error instanceof ApiError ? error.message : 'lantern.export.failed', { type: 'error' });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const percent = progress?.total ? Math.min(100, Math.round((100 * progress.received) / progress.total)) : null;
  const button = (
    <Button size="small" startIcon={<DownloadIcon />} onClick={() => void onClick()} disabled={busy || tooMany || nothing}>
      {translate('lantern.export.button')}
    </Button>
  );
  return (
    // Not on phones: a spreadsheet is desk work, and the phone's toolbar keeps its room for what is done on the way.
    <Box sx={{ display: { xs: 'none', sm: 'inline-flex' }, flexDirection: 'column', alignItems: 'stretch' }}>
      {tooMany ? (
        <Tooltip title={translate('lantern.export.tooMany', { limit: EXPORT_ROW_LIMIT.toLocaleString() })}>
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {busy && (
        <LinearProgress
          variant={percent === null ? 'indeterminate' : 'determinate'}
          value={percent ?? undefined}
          aria-label={translate('lantern.export.progress')}
          sx={{ mt: 0.5 }}
        />
      )}
    </Box>
  );
}

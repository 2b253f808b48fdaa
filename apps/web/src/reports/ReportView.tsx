import type { FunderReportResponse, ReportFormat } from '@lantern/contracts';
import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { formatDate, formatDateTime } from '../i18n/format';
import { toApiError } from '../providers/http';
import { ReportTableCard } from './ReportTableCard';
import { downloadReport, type ReportRequest } from './reports-api';

/** The report shown: its period, its downloads (CSV, XLSX) and each of its tables. */
export function ReportView({ report, request }: { report: FunderReportResponse; request: ReportRequest }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const download = async (format: ReportFormat): Promise<void> => {
    setBusy(format);
    try {
      const filename = await downloadReport(request, format);
      notify('lantern.reports.downloaded', { type: 'success', messageArgs: { filename } });
    } catch (error) {
      notify(toApiError(error).message, { type: 'error' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack spacing={2} sx={{ mt: 3 }} component="section" aria-labelledby="report-heading">
      <Box>
        <Typography variant="h5" component="h2" id="report-heading">
          {translate(`lantern.reports.kinds.${report.kind}`)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('lantern.reports.periodOf', { organization: report.organizationName, from: formatDate(report.from), to: formatDate(report.to) })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('lantern.reports.generated', { at: formatDateTime(report.generatedAt) })}
        </Typography>
      </Box>
      {report.empty ? (
        <Alert severity="info" role="status">
          {translate('lantern.reports.empty', { from: formatDate(report.from), to: formatDate(report.to) })}
        </Alert>
      ) : (
        <Box>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {(['csv', 'xlsx'] as const).map((format) => (
              <Button key={format} variant="outlined" startIcon={<DownloadIcon />} disabled={busy !== null} onClick={() => void download(format)}>
                {translate(`lantern.reports.download.${format}`)}
              </Button>
            ))}
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('lantern.reports.filesNote')}
          </Typography>
        </Box>
      )}
      {!report.empty && report.tables.map((table) => <ReportTableCard key={table.id} table={table} />)}
    </Stack>
  );
}

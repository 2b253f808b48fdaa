import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';
import { formatDateTime } from '../i18n/format';
import { usePurgeReports } from './retention-api';

/** What was anonymized, run by run: counts and case numbers only. */
export function PurgeReport() {
  const translate = useTranslate();
  const headingId = useId();
  const reports = usePurgeReports();
  return (
    <Card component="section" aria-labelledby={headingId}>
      <CardContent>
        <Typography variant="h6" component="h2" id={headingId}>
          {translate('lantern.retention.report.title')}
        </Typography>
        {reports.error && <Alert severity="error">{translate('lantern.retention.loadFailed')}</Alert>}
        {reports.data?.length === 0 && <Typography>{translate('lantern.retention.report.none')}</Typography>}
        <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0, mt: 1 }}>
          {(reports.data ?? []).map((run) => (
            <Box component="li" key={run.id} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
              <Typography variant="subtitle2" component="h3">
                {formatDateTime(run.ranAt)}: {translate(`lantern.retention.report.kind.${run.kind}`)}
              </Typography>
              <Typography variant="body2">{translate('lantern.retention.survivors', { smart_count: run.survivors })}, {translate('lantern.retention.cases', { smart_count: run.cases })}</Typography>
              <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
                {run.caseNumbers.join(', ')}
              </Typography>
            </Box>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

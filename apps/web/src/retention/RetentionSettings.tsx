import { RETENTION_MAX_YEARS, RETENTION_MIN_YEARS, RETENTION_PREVIEW_DAYS } from '@lantern/contracts';
import { Alert, Box, Button, Card, CardContent, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { formatDate } from '../i18n/format';
import { fieldErrors, usePolicy, usePreview, useRetentionChange } from './retention-api';

/** The organization's retention period, and what the job will anonymize in the next 30 days. */
export function RetentionSettings() {
  const translate = useTranslate();
  const headingId = useId();
  const previewId = useId();
  const policy = usePolicy();
  const preview = usePreview();
  const [years, setYears] = useState('');
  useEffect(() => {
    if (policy.data) setYears(String(policy.data.closedCaseYears));
  }, [policy.data]);
  const save = useRetentionChange<object>(() => '/retention/policy', 'PUT', 'lantern.retention.policy.saved');
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ body: { closedCaseYears: years.trim() === '' ? null : Number(years) } });
  };

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Card component="section" aria-labelledby={headingId}>
        <CardContent>
          <Typography variant="h6" component="h2" id={headingId}>
            {translate('lantern.retention.policy.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('lantern.retention.policy.intro')}
          </Typography>
          <Box component="form" onSubmit={submit} noValidate sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <TextField
              label={translate('lantern.retention.policy.years')}
              type="number"
              value={years}
              onChange={(e) => setYears(e.target.value)}
              slotProps={{ htmlInput: { min: RETENTION_MIN_YEARS, max: RETENTION_MAX_YEARS, step: 1 } }}
              error={!!errors.closedCaseYears}
              helperText={errors.closedCaseYears ?? translate('lantern.retention.policy.yearsHelp', { min: RETENTION_MIN_YEARS, max: RETENTION_MAX_YEARS })}
              sx={{ maxWidth: 260 }}
            />
            <Button type="submit" variant="contained" disabled={save.isPending || !policy.data} sx={{ mt: 1 }}>
              {translate('lantern.retention.policy.save')}
            </Button>
          </Box>
        </CardContent>
      </Card>
      <Card component="section" aria-labelledby={previewId}>
        <CardContent>
          <Typography variant="h6" component="h2" id={previewId}>
            {translate('lantern.retention.preview.title', { days: RETENTION_PREVIEW_DAYS })}
          </Typography>
          {preview.error && <Alert severity="error">{translate('lantern.retention.loadFailed')}</Alert>}
          {preview.data && (
            <Typography variant="body2" sx={{ my: 1 }}>
              {translate('lantern.retention.survivors', { smart_count: preview.data.survivors })}, {translate('lantern.retention.cases', { smart_count: preview.data.cases.length })}.{' '}
              {translate('lantern.retention.preview.held', { smart_count: preview.data.held })}
              {preview.data.withoutCase > 0 && ` ${translate('lantern.retention.preview.withoutCase', { smart_count: preview.data.withoutCase })}`}
            </Typography>
          )}
          {preview.data && preview.data.cases.length > 0 && (
            <TableContainer tabIndex={0} role="region" aria-labelledby={previewId}>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell component="th" scope="col">{translate('lantern.retention.caseNumber')}</TableCell>
                    <TableCell component="th" scope="col">{translate('lantern.retention.preview.lastActivity')}</TableCell>
                    <TableCell component="th" scope="col">{translate('lantern.retention.preview.due')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.data.cases.map((c) => (
                    <TableRow key={c.caseId}>
                      <TableCell>{c.caseNumber}</TableCell>
                      <TableCell>{formatDate(c.lastActivityAt)}</TableCell>
                      <TableCell>{formatDate(c.dueOn)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}

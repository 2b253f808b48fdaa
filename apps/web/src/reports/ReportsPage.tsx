import type { ReportKind } from '@lantern/contracts';
import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import type { FormEvent } from 'react';
import { Title, useTranslate } from 'react-admin';
import { PageHeading } from '../common/PageHeading';
import { useCan } from '../common/use-can';
import { useSession } from '../providers/session';
import { CustomSectionPicker } from './CustomSectionPicker';
import { ReportView } from './ReportView';
import { useReportForm } from './use-report-form';

const KINDS: ReportKind[] = ['trafficking_grant', 'caseload'];

/** Shown instead of the page to roles the rules give no funder reports (the API refuses them as well). */
function ReportsRefused() {
  const translate = useTranslate();
  return (
    <Box sx={{ py: 2 }}>
      <Title title="lantern.reports.title" />
      <PageHeading title="lantern.reports.title" />
      <Alert severity="warning" role="alert" sx={{ maxWidth: 700 }}>
        {translate('lantern.reports.refused')}
      </Alert>
    </Box>
  );
}

/**
 * Funder reports (issue 16, part 2): admins and coordinators pick a report and a period, see it as
 * charts and tables, and download it as CSV or XLSX. Exact counts of the program: each run asks for
 * the password again when the last one is older than five minutes (the step-up dialog opens by
 * itself), and each is audited.
 */
export function ReportsPage() {
  const translate = useTranslate();
  const can = useCan();
  const session = useSession();
  const { kind, setKind, custom, setCustom, period, setPeriod, shown, error, busy, fieldError, submit, quarter, hmis } = useReportForm();
  if (!can('read', 'FunderReports') || session?.me.mfaEnrolmentRequired) return <ReportsRefused />;

  return (
    <Box sx={{ py: 2, maxWidth: 1100 }}>
      <Title title="lantern.reports.title" />
      <PageHeading title="lantern.reports.title" />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, px: { xs: 1, sm: 0 } }}>
        {translate('lantern.reports.intro')}
      </Typography>
      <Card variant="outlined" component="form" onSubmit={(event: FormEvent) => void submit(event)} noValidate aria-label={translate('lantern.reports.formLabel')}>
        <CardContent>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr 1fr' } }}>
            <TextField select label={translate('lantern.reports.report')} value={kind} onChange={(event) => setKind(event.target.value as ReportKind)}>
              {KINDS.map((value) => (
                <MenuItem key={value} value={value}>
                  {translate(`lantern.reports.kinds.${value}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={translate('lantern.reports.from')}
              type="date"
              required
              value={period.from}
              onChange={(event) => setPeriod({ ...period, from: event.target.value })}
              error={Boolean(fieldError('from'))}
              helperText={fieldError('from')}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              label={translate('lantern.reports.to')}
              type="date"
              required
              value={period.to}
              onChange={(event) => setPeriod({ ...period, to: event.target.value })}
              error={Boolean(fieldError('to'))}
              helperText={fieldError('to') ?? translate('lantern.reports.toHelp')}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Box>
          {kind === 'trafficking_grant' && <CustomSectionPicker value={custom} onChange={setCustom} error={fieldError('custom')} />}
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 2, alignItems: 'center' }}>
            <Button type="submit" variant="contained" disabled={busy}>
              {translate('lantern.reports.show')}
            </Button>
            <Button size="small" onClick={quarter(-1)}>
              {translate('lantern.reports.lastQuarter')}
            </Button>
            <Button size="small" onClick={quarter(0)}>
              {translate('lantern.reports.thisQuarter')}
            </Button>
          </Stack>
          <Box sx={{ mt: 2, pt: 2, borderTop: 1, borderColor: 'divider' }}>
            <Button variant="outlined" startIcon={<DownloadIcon />} disabled={busy} onClick={() => void hmis()}>
              {translate('lantern.reports.hmisCsv')}
            </Button>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {translate('lantern.reports.hmisCsvNote')}
            </Typography>
          </Box>
        </CardContent>
      </Card>
      {/* A refused field is named under its input; the alert is for everything else. */}
      {error && Object.keys(error.body.fieldErrors).length === 0 && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {error.message}
        </Alert>
      )}
      {shown && <ReportView report={shown.report} request={shown.request} />}
    </Box>
  );
}

import type { FunderReportResponse, ReportCustomFieldResponse, ReportFormat, ReportKind, ReportTableResponse } from '@lantern/contracts';
import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { PageHeading } from '../common/PageHeading';
import { useCan } from '../common/use-can';
import { formatDate, formatDateTime } from '../i18n/format';
import { currentLocale } from '../i18n/translate';
import { toApiError, type ApiError } from '../providers/http';
import { useSession } from '../providers/session';
import { ReportChart } from './ReportChart';
import { columnLabel, figure, quarterPeriod, rowLabel, shownRows, tableTitle } from './report-labels';
import { downloadHmisCsv, downloadReport, fetchReport, fetchReportableFields, type ReportRequest } from './reports-api';

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

/** One table of a report: its chart, then every figure (the table is what a screen reader reads). */
function ReportTableCard({ table }: { table: ReportTableResponse }) {
  const translate = useTranslate();
  const headingId = useId();
  const rows = shownRows(table);
  const hidden = table.rows.length - rows.length;
  const total = table.total;
  return (
    <Card component="section" variant="outlined" aria-labelledby={headingId} data-table={table.id}>
      <CardContent>
        <Typography variant="h6" component="h3" id={headingId}>
          {tableTitle(table)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate(`lantern.reports.counts.${table.unit}`)}
        </Typography>
        {table.id !== 'services_by_pmt_service' && <ReportChart table={table} />}
        {/* Wide tables scroll on a phone; the region takes the keyboard's focus so it can be scrolled without a mouse. */}
        <TableContainer tabIndex={0} role="region" aria-label={translate('lantern.reports.figuresOf', { table: tableTitle(table) })} sx={{ mt: 1 }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">
                  {translate(table.id === 'caseload' ? 'lantern.reports.caseworker' : 'lantern.reports.row')}
                </TableCell>
                {table.columns.map((column) => (
                  <TableCell key={column} component="th" scope="col" align="right">
                    {columnLabel(column)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.key} data-row={row.key}>
                  <TableCell component="th" scope="row">
                    {rowLabel(table, row)}
                  </TableCell>
                  {table.columns.map((column, i) => (
                    <TableCell key={column} align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                      {figure(row.values[i], column)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
              {total && (
                <TableRow data-row={total.key}>
                  <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                    {rowLabel(table, total)}
                  </TableCell>
                  {table.columns.map((column, i) => (
                    <TableCell key={column} align="right" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
                      {figure(total.values[i], column)}
                    </TableCell>
                  ))}
                </TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
        {hidden > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('lantern.reports.hiddenServices', { smart_count: hidden })}
          </Typography>
        )}
        {table.id === 'services_by_voca_category' || table.id === 'services_by_pmt_service' ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('lantern.reports.peopleOnce')}
          </Typography>
        ) : null}
      </CardContent>
    </Card>
  );
}

function ReportView({ report, request }: { report: FunderReportResponse; request: ReportRequest }) {
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

/**
 * The trafficking-grant report's custom section (issue 18; docs/reports.md): which of the organization's
 * own fields to count, among those the API offers (choices, yes/no and numbers, never PII).
 */
function CustomSectionPicker({ value, onChange, error }: { value: string[]; onChange: (value: string[]) => void; error?: string }) {
  const translate = useTranslate();
  const [fields, setFields] = useState<ReportCustomFieldResponse[] | null>(null);
  useEffect(() => {
    let live = true;
    fetchReportableFields()
      .then((list) => live && setFields(list))
      .catch(() => live && setFields([]));
    return () => {
      live = false;
    };
  }, []);
  if (!fields || fields.length === 0) return null;
  const labelOf = (field: ReportCustomFieldResponse): string => field.label[currentLocale()] ?? field.label.en ?? field.key;
  return (
    <TextField
      select
      fullWidth
      sx={{ mt: 2 }}
      label={translate('lantern.reports.customSection')}
      value={value}
      onChange={(event) => onChange(event.target.value as unknown as string[])}
      error={Boolean(error)}
      helperText={error ?? translate('lantern.reports.customSectionHelp')}
      slotProps={{ select: { multiple: true, renderValue: (selected) => (selected as string[]).map((id) => { const field = fields.find((x) => x.id === id); return field ? labelOf(field) : id; }).join(', ') } }}
    >
      {fields.map((field) => (
        <MenuItem key={field.id} value={field.id}>
          {labelOf(field)}
          {field.retired ? ` (${translate('lantern.reports.retiredField')})` : ''}
        </MenuItem>
      ))}
    </TextField>
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
  const [kind, setKind] = useState<ReportKind>('trafficking_grant');
  const [custom, setCustom] = useState<string[]>([]);
  const [period, setPeriod] = useState(() => quarterPeriod(new Date(), -1));
  const [shown, setShown] = useState<{ report: FunderReportResponse; request: ReportRequest } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useNotify();
  if (!can('read', 'FunderReports') || session?.me.mfaEnrolmentRequired) return <ReportsRefused />;

  const fieldError = (field: string): string | undefined => error?.body.fieldErrors[field]?.join('; ');
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const request = { kind, ...period, ...(kind === 'trafficking_grant' ? { custom } : {}) };
    setBusy(true);
    setError(null);
    try {
      setShown({ report: await fetchReport(request), request });
    } catch (caught) {
      setShown(null);
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const quarter = (offset: number) => () => setPeriod(quarterPeriod(new Date(), offset));
  // The HMIS CSV of the same period: a file only, nothing on screen.
  const hmis = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const filename = await downloadHmisCsv(period);
      notify('lantern.reports.downloaded', { type: 'success', messageArgs: { filename } });
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

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

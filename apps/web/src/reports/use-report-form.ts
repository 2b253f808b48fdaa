import type { FunderReportResponse, ReportKind } from '@lantern/contracts';
import { useState, type FormEvent } from 'react';
import { useNotify } from 'react-admin';
import { toApiError, type ApiError } from '../providers/http';
import { quarterPeriod } from './report-labels';
import { downloadHmisCsv, fetchReport, type ReportRequest } from './reports-api';

/**
 * The report form's state (docs/reports.md): the report, its period (last quarter at first) and the
 * custom section's fields; `submit` shows the report asked for, `hmis` downloads the HMIS CSV of the
 * period. A refusal is kept in `error`, and `fieldError` names what the API said of one field.
 */
export function useReportForm() {
  const [kind, setKind] = useState<ReportKind>('trafficking_grant');
  const [custom, setCustom] = useState<string[]>([]);
  const [period, setPeriod] = useState(() => quarterPeriod(new Date(), -1));
  const [shown, setShown] = useState<{ report: FunderReportResponse; request: ReportRequest } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useNotify();
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
  return { kind, setKind, custom, setCustom, period, setPeriod, shown, error, busy, fieldError, submit, quarter, hmis };
}

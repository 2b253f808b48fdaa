import type { FunderReportResponse, ReportCustomFieldResponse, ReportFormat, ReportKind } from '@lantern/contracts';
import { downloadFile } from '../providers/download';
import { api, API_URL } from '../providers/http';

/** The API's path of each report (apps/api/src/features/reports/reports.controller.ts). */
export const REPORT_PATHS: Record<ReportKind, string> = {
  trafficking_grant: '/reports/trafficking-grant',
  caseload: '/reports/caseload',
};

export interface ReportRequest {
  kind: ReportKind;
  /** `YYYY-MM-DD`, both days included. */
  from: string;
  to: string;
  /** The custom section's fields, `<form>.<key>` (issue 18; the trafficking-grant report only). */
  custom?: string[];
}

const query = ({ from, to, custom }: ReportRequest, extra: Record<string, string> = {}): string =>
  new URLSearchParams({ from, to, ...(custom && custom.length > 0 ? { custom: custom.join(',') } : {}), ...extra }).toString();

/** The organization's fields a custom section may count (choices, yes/no, numbers; never PII). */
export function fetchReportableFields(): Promise<ReportCustomFieldResponse[]> {
  return api<ReportCustomFieldResponse[]>('/reports/custom-fields');
}

/** The report on screen. The HTTP client asks for the password again (the step-up dialog) when the API wants it. */
export function fetchReport(request: ReportRequest): Promise<FunderReportResponse> {
  return api<FunderReportResponse>(`${REPORT_PATHS[request.kind]}?${query(request)}`);
}

/**
 * The report as a file, handed to the browser through an object URL (nothing of it stays in the page
 * or the history). Resolves to the file's name; a period with nothing in it is refused by the API
 * (REPORT_PERIOD_EMPTY) and never becomes a file.
 */
export function downloadReport(request: ReportRequest, format: ReportFormat): Promise<string> {
  return downloadFile(`${API_URL}${REPORT_PATHS[request.kind]}/download?${query(request, { format })}`, {
    accept: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fallbackName: `lantern-${request.kind.replace(/_/g, '-')}-${request.from}-to-${request.to}.${format}`,
  });
}

/**
 * The HMIS CSV export (FY2024) of a period: a zip of the HMIS files with the program's exact records,
 * for a comparable database under a data-use agreement (docs/reports.md, "HMIS CSV"). Step-up and audit
 * as for the reports; a period with no enrollment is refused (REPORT_PERIOD_EMPTY).
 */
export function downloadHmisCsv({ from, to }: { from: string; to: string }): Promise<string> {
  return downloadFile(`${API_URL}/reports/hmis-csv/download?${new URLSearchParams({ from, to }).toString()}`, {
    accept: 'application/zip',
    fallbackName: `hmis-csv-fy2024-${from}-${to}.zip`,
  });
}

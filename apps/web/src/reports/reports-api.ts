import type { FunderReportResponse, ReportFormat, ReportKind } from '@lantern/contracts';
import { HttpError } from 'react-admin';
import { noteServerTouch } from '../providers/activity';
import { api, API_URL, ApiError, lanternHeaders, toApiError } from '../providers/http';
import { requestStepUp } from '../providers/step-up';

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
}

const query = ({ from, to }: ReportRequest, extra: Record<string, string> = {}): string => new URLSearchParams({ from, to, ...extra }).toString();

/** The report on screen. The HTTP client asks for the password again (the step-up dialog) when the API wants it. */
export function fetchReport(request: ReportRequest): Promise<FunderReportResponse> {
  return api<FunderReportResponse>(`${REPORT_PATHS[request.kind]}?${query(request)}`);
}

export function filenameOf(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ?? fallback;
}

async function fetchFile(url: string, stepUp: boolean): Promise<Response> {
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: lanternHeaders({ Accept: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/problem+json' }) });
  } catch (error) {
    throw toApiError(error);
  }
  if (response.status !== 401) noteServerTouch(started);
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => ({}));
  const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : response.statusText;
  const error = toApiError(new HttpError(message, response.status, body));
  // The same step-up as every other call (providers/http.ts): the dialog, then one more try.
  if (stepUp && error.status === 403 && error.code === 'AUTH_STEP_UP_REQUIRED' && (await requestStepUp())) return fetchFile(url, false);
  throw error;
}

/**
 * The report as a file, handed to the browser through an object URL (nothing of it stays in the page
 * or the history). Resolves to the file's name; a period with nothing in it is refused by the API
 * (REPORT_PERIOD_EMPTY) and never becomes a file.
 */
export async function downloadReport(request: ReportRequest, format: ReportFormat): Promise<string> {
  const response = await fetchFile(`${API_URL}${REPORT_PATHS[request.kind]}/download?${query(request, { format })}`, true);
  const blob = await response.blob();
  if (blob.size === 0) throw new ApiError('The download was empty. Try again.', 502, { message: 'The download was empty. Try again.', fieldErrors: {} });
  const filename = filenameOf(response.headers.get('Content-Disposition'), `lantern-${request.kind.replace(/_/g, '-')}-${request.from}-to-${request.to}.${format}`);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return filename;
}

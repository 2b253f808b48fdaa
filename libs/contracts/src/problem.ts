import type { ErrorCode } from './errors.js';

/** RFC 9457 problem details, extended with react-admin's `message` and per-field `errors`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  message: string;
  /** Stable and machine-readable; always answered with the same status (`ERROR_CODES`). */
  code: ErrorCode;
  errors?: Record<string, string[]>;
  requestId?: string;
}

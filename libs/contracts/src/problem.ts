/** RFC 9457 problem details, extended with react-admin's `message` and per-field `errors`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  message: string;
  code?: string;
  errors?: Record<string, string[]>;
  requestId?: string;
}

import { isErrorCode, type ErrorCode, type ProblemDetails } from '@lantern/contracts';
import { fetchUtils, HttpError } from 'react-admin';
import type lanternEnglish from '../i18n/en.json';
import { currentLocale, translate } from '../i18n/translate';
import { noteServerTouch } from './activity';
import { requestStepUp } from './step-up';

export const API_URL = '/api/v1';

/** Field errors in the shape react-admin forms expect: one string per field, plus the overall message. */
export type FormErrors = Record<string, string | { serverError: string }>;

/** The codes the web app gives failures that never reached the API. */
export type ClientErrorCode = 'NETWORK';

/** An API code of the catalogue (`ERROR_CODES`), or one of the web app's own. */
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export interface ApiErrorBody {
  /** Undefined when the answer carried no code the catalogue knows. */
  code?: ApiErrorCode | undefined;
  message: string;
  /** Per-field messages as the API sent them. */
  fieldErrors: Record<string, string[]>;
  /** Set only when there are field errors, so react-admin shows them under the inputs. */
  errors?: FormErrors;
  /** The answer's Retry-After, in seconds, when it had one (a 503 or 429). */
  retryAfterSeconds?: number;
}

/** An API failure: `message` is the API's plain sentence, `code` its machine-readable code. */
export class ApiError extends HttpError {
  declare readonly body: ApiErrorBody;

  constructor(message: string, status: number, body: ApiErrorBody) {
    super(message, status, body);
    // HttpError resets the prototype to its own; put ours back so `instanceof ApiError` holds.
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
  }

  get code(): ApiErrorCode | undefined {
    return this.body.code;
  }
}

export interface RequestOptions extends fetchUtils.Options {
  /** Polling and other requests no person asked for: the server does not count them as activity. */
  background?: boolean;
  /** Offer the step-up dialog and retry once when the API asks for the password again. */
  stepUp?: boolean;
}

type NoneOf<T extends never> = T;
/** Does not compile while a code has no sentence in the catalogue (the Spanish one is checked by tools/check-web-i18n.mjs). */
export type CodesWithoutSentence = NoneOf<Exclude<ApiErrorCode | 'UNKNOWN', keyof (typeof lanternEnglish)['lantern']['errors']>>;

/** The sentence for a code, in the reader's language (`lantern.errors.*` of the catalogues). */
export function errorMessageOf(code: ApiErrorCode | 'UNKNOWN'): string {
  return translate(`lantern.errors.${code}`);
}

/** A problem+json body as it arrived: every member still to be checked. */
type UncheckedProblem = { [K in keyof ProblemDetails]?: unknown };

function isProblem(value: unknown): value is UncheckedProblem {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formErrorsOf(message: string, fieldErrors: Record<string, string[]>): FormErrors | undefined {
  // `version` is not an input: a stale version is told by the message alone.
  const fields = Object.entries(fieldErrors).filter(([field]) => field !== 'version');
  if (fields.length === 0) return undefined;
  const errors: FormErrors = { root: { serverError: message } };
  for (const [field, messages] of fields) errors[field] = messages.join('; ');
  return errors;
}

function fieldErrorsOf(raw: unknown): Record<string, string[]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const result: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(raw)) {
    result[field] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
  }
  return result;
}

/**
 * The sentence to show. The API writes its own, more specific sentences in English: an English reader
 * gets the API's sentence, anyone else the catalogue's sentence for the code. Without either, what
 * react-admin made of the failure.
 */
function messageOf(problem: UncheckedProblem | null, code: ErrorCode | undefined, fallback: string): string {
  const own = typeof problem?.message === 'string' && problem.message.trim() ? problem.message : undefined;
  if (code && (!own || currentLocale() !== 'en')) return errorMessageOf(code);
  return own ?? fallback;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HttpError) {
    const body: unknown = error.body;
    const problem = isProblem(body) ? body : null;
    const code = problem && isErrorCode(problem.code) ? problem.code : undefined;
    const message = messageOf(problem, code, error.message);
    const fieldErrors = fieldErrorsOf(problem?.errors);
    const retryAfterSeconds = RETRY_AFTER.get(error);
    return new ApiError(message || errorMessageOf('UNKNOWN'), error.status, {
      code,
      message,
      fieldErrors,
      errors: formErrorsOf(message, fieldErrors),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
  }
  const networkMessage = errorMessageOf('NETWORK');
  return new ApiError(networkMessage, 0, { code: 'NETWORK', message: networkMessage, fieldErrors: {} });
}

/**
 * How often a request the API could not answer (503, or no answer at all) is tried again, and after how
 * long: 0.5 s, then 1 s, or longer when the answer's Retry-After asks for it (the API says 1 s while it
 * shuts down, 2 s past a request's deadline, 5 s while its database is out of reach). An answer that asks
 * for more than RETRY_AFTER_LIMIT_S is not waited for: the person sees the message at once.
 */
const RETRY_WAITS_MS = [500, 1_000];
const RETRY_AFTER_LIMIT_S = 10;

/** The Retry-After of a failed answer, kept beside react-admin's HttpError, which drops the headers. */
const RETRY_AFTER = new WeakMap<HttpError, number>();

/** Retry-After as seconds: a number of seconds, or an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * react-admin's `fetchUtils.fetchJson`, the same answer and the same HttpError on failure, except that
 * the failure keeps the answer's Retry-After (RETRY_AFTER).
 */
async function fetchJson(url: string, options: fetchUtils.Options): ReturnType<typeof fetchUtils.fetchJson> {
  const response = await fetch(url, { ...options, headers: fetchUtils.createHeadersFromOptions(options) });
  const body = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // Not JSON: json stays undefined, as react-admin has it.
  }
  if (response.status < 200 || response.status >= 300) {
    const message = (json as { message?: unknown } | undefined)?.message;
    const error = new HttpError(typeof message === 'string' && message ? message : response.statusText, response.status, json);
    const seconds = retryAfterSeconds(response.headers.get('Retry-After'));
    if (seconds !== undefined) RETRY_AFTER.set(error, seconds);
    throw error;
  }
  return { status: response.status, headers: response.headers, body, json };
}

/**
 * A random key for `Idempotency-Key`. `crypto.randomUUID` exists only on HTTPS pages and localhost;
 * a deployment reached over plain HTTP on a local network still gets 122 random bits.
 */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The one way the web app talks to the API: same-origin cookie session, problem+json errors turned
 * into ApiError, activity noted for the idle warning, step-up handled once. A create (POST) carries an
 * Idempotency-Key, so when the API is briefly unavailable (503) or the answer is lost on the way, the
 * same request is sent again with the same key and the record is made once (docs/operations.md,
 * retries and idempotency keys). Reads are retried the same way; other changes (PUT, PATCH, DELETE)
 * are not, because they carry a version and would be refused as stale anyway.
 */
export async function httpClient(url: string, options: RequestOptions = {}): ReturnType<typeof fetchUtils.fetchJson> {
  const method = (options.method ?? 'GET').toUpperCase();
  const retriable = method === 'GET' || method === 'POST';
  const headers = new Headers(options.headers ?? undefined);
  if (method === 'POST' && !headers.has('Idempotency-Key')) headers.set('Idempotency-Key', idempotencyKey());
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(url, { ...options, headers });
    } catch (error) {
      const unavailable = error instanceof ApiError && (error.status === 503 || error.status === 0);
      const asked = error instanceof ApiError ? error.body.retryAfterSeconds : undefined;
      const wait = RETRY_WAITS_MS[attempt];
      if (!retriable || !unavailable || wait === undefined || (asked ?? 0) > RETRY_AFTER_LIMIT_S) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.max(wait, (asked ?? 0) * 1000)));
    }
  }
}

/**
 * The headers of every request to the API, for the few calls that cannot go through `httpClient` (an
 * upload with progress: apps/web/src/documents/document-transfer.ts).
 */
export function lanternHeaders(init?: HeadersInit, options: { background?: boolean } = {}): Headers {
  const headers = new Headers(init);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (options.background) headers.set('X-Lantern-Background', '1');
  // Proof for the API's CSRF check that the request comes from Lantern's own pages: another site cannot
  // add a custom header without a CORS preflight, which the API never grants.
  headers.set('X-Lantern-Client', 'web');
  return headers;
}

/** Marks the session as used just now, as `httpClient` does for each answer (the idle warning). */
export function noteActivity(started: number): void {
  noteServerTouch(started);
}

async function send(url: string, options: RequestOptions): ReturnType<typeof fetchUtils.fetchJson> {
  const { background = false, stepUp = true, ...init } = options;
  const headers = lanternHeaders(init.headers ?? undefined, { background });
  const started = Date.now();
  try {
    const response = await fetchJson(url, { ...init, headers, credentials: 'same-origin' });
    if (!background) noteServerTouch(started);
    return response;
  } catch (error) {
    // A query react-admin no longer needs was cancelled: let it end as a cancellation.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    const apiError = toApiError(error);
    // Any answer but 401 came through a live session, which the server has just refreshed.
    if (!background && apiError.status !== 401 && apiError.status !== 0) noteServerTouch(started);
    if (stepUp && apiError.status === 403 && apiError.code === 'AUTH_STEP_UP_REQUIRED' && (await requestStepUp())) {
      return send(url, { ...options, stepUp: false });
    }
    throw apiError;
  }
}

export interface ApiCallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  background?: boolean;
  stepUp?: boolean;
}

/** JSON call to an endpoint under /api/v1 (auth, account); resolves to the parsed body or undefined. */
export async function api<T>(path: string, options: ApiCallOptions = {}): Promise<T> {
  const { method = 'GET', body, background, stepUp } = options;
  const { json } = await httpClient(`${API_URL}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    background,
    stepUp,
  });
  return json as T;
}

import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ErrorCode, ProblemDetails } from '@lantern/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import { DomainError, staleVersion } from './domain-error.js';
import { requestContext } from './request-context.js';

const UNIQUE_FIELDS: Record<string, { field: string; message: string }> = {
  uq_app_user_email: { field: 'email', message: 'is already used by another account' },
  uq_partner_org_name: { field: 'name', message: 'is already used by another partner organization' },
  uq_organization_slug: { field: 'slug', message: 'is already used' },
};

// Connection failures, too many connections, a statement cancelled by statement_timeout (57014), a lock
// not obtained within lock_timeout (55P03), a deadlock victim (40P01): all worth a retry, so 503.
const DB_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300', '57014', '55P03', '40P01']);
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);

/** Duck-typed: errors raised by Node's own modules may come from another realm (jest's sandbox). */
export function isErrorLike(error: unknown): error is Error {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

function isDatabaseUnavailable(error: unknown): boolean {
  if (!isErrorLike(error)) return false;
  const code = (error as { code?: string }).code ?? (error as { driverError?: { code?: string } }).driverError?.code;
  if (code && (DB_UNAVAILABLE_CODES.has(code) || NETWORK_ERRORS.has(code))) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|Cannot use a pool after calling end/i.test(
    error.message,
  );
}

/**
 * The codes of Nest's own HttpExceptions (an unknown route, the readiness check), each of the
 * status Nest gave; any other status becomes BAD_REQUEST (400) or INTERNAL (500), so a code keeps
 * its one status.
 */
export const HTTP_EXCEPTION_CODES: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'BAD_REQUEST',
  401: 'AUTH_REQUIRED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'BODY_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

function toDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error instanceof OptimisticLockVersionMismatchError) return staleVersion();
  if (error instanceof QueryFailedError) {
    const driver = error.driverError as { code?: string; constraint?: string };
    if (driver.code === '23505') {
      const known = driver.constraint ? UNIQUE_FIELDS[driver.constraint] : undefined;
      if (known) return new DomainError('CONFLICT', `${known.field} ${known.message}`, { [known.field]: [known.message] });
      return new DomainError('CONFLICT');
    }
    if (driver.code === '23503') return new DomainError('REFERENCE_INVALID');
    if (driver.code === '23514') return new DomainError('CHECK_FAILED');
    if (driver.code === '22P02' || driver.code === '22007' || driver.code === '22003') {
      return new DomainError('VALIDATION_FAILED', 'A value has the wrong format');
    }
    if (driver.code === '22001') return new DomainError('VALIDATION_FAILED', 'A value is too long');
  }
  if (isDatabaseUnavailable(error)) {
    return new DomainError('SERVICE_UNAVAILABLE', 'The database is not reachable right now. Try again in a moment.', undefined, {
      'Retry-After': '5',
    });
  }
  // Fastify's own refusals (a body too large, a malformed URL) arrive as HttpExceptions of their status;
  // the JSON parser of configure-app.ts raises DomainErrors itself.
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return new DomainError(HTTP_EXCEPTION_CODES[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL'));
  }
  return null;
}

/** What a log line may say about an error: its kind and code, never its message (it can carry values). */
export function describeError(error: unknown): Record<string, unknown> {
  if (!isErrorLike(error)) return { type: typeof error };
  const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return {
    type: error.name,
    code: (error as { code?: string }).code ?? driver?.code,
    constraint: driver?.constraint,
    // Frames only: the first stack line repeats the message.
    stack: error.stack?.split('\n').slice(1, 8).map((l) => l.trim()),
  };
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The one place errors become HTTP answers: application/problem+json with `message` (react-admin
 * shows it) and per-field `errors`. Never a stack trace, SQL, or a value the user sent.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    const known = toDomainError(exception);
    if (process.env.LANTERN_DEBUG_ERRORS) process.stderr.write(`${String((exception as Error)?.stack)}\n`);
    const error =
      known ?? new DomainError('INTERNAL');
    if (!known || error.status >= 500) {
      this.logger.error({ err: describeError(exception), status: error.status, route: req.routeOptions?.url }, 'request failed');
    }
    const body: ProblemDetails = {
      type: `https://lantern.invalid/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[error.status] ?? 'Error',
      status: error.status,
      detail: error.message,
      message: error.message,
      code: error.code,
      ...(error.errors ? { errors: error.errors } : {}),
      ...(requestContext.get()?.requestId ? { requestId: requestContext.get()!.requestId } : {}),
    };
    if (res.sent || res.raw.headersSent) return;
    for (const [name, value] of Object.entries(error.headers ?? {})) void res.header(name, value);
    void res.status(error.status).type('application/problem+json').send(JSON.stringify(body));
  }
}

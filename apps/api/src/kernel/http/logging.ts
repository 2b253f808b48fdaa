import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Global, Inject, Injectable, type LoggerService, Module } from '@nestjs/common';
import type { DestinationStream, Level, Logger } from 'pino';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';
import type { AppConfig } from '../config/config.js';
import { describeError, isErrorLike } from './problem.filter.js';
import { requestContext } from './request-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type RoutedRequest = IncomingMessage & { routePattern?: string; params?: Record<string, string>; originalUrl?: string };

/** Known once routing is done: the matched pattern (set by AuthGuard) and a record id from the path. */
function routeOf(req: RoutedRequest): Record<string, string> {
  const id = req.params?.id;
  return { route: req.routePattern ?? '(unmatched)', ...(id && UUID.test(id) ? { recordId: id } : {}) };
}

/** Probes are polled every few seconds: their access lines would drown the rest. */
function isProbe(req: RoutedRequest): boolean {
  const url = req.originalUrl ?? req.url;
  return url === '/api/health' || url === '/api/ready';
}

/**
 * Structured JSON logs with the request id. Only method, route pattern, record id and status are
 * logged: raw paths and query strings (a name typed into a search box or a probing URL), bodies,
 * cookies and headers never are.
 *
 * The serializers get the raw request and response (`wrapSerializers: false`): pino's standard ones
 * would first copy the URL, query and every header of each request only for these to drop them.
 */
export function accessLogOptions(config: AppConfig): Options {
  return {
    level: config.logLevel,
    wrapSerializers: false,
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { requestId?: string }).requestId ?? 'unknown',
    serializers: {
      req: (req: { id?: unknown; method?: string }) => ({ id: req.id, method: req.method }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      // Never an error's message (it can carry values or SQL): kind, code and stack frames only.
      err: (err: unknown) => (isErrorLike(err) ? describeError(err) : err),
    },
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: object) => ({
      ...value,
      ...routeOf(req as RoutedRequest),
    }),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _error: Error, value: object) => ({
      ...value,
      ...routeOf(req as RoutedRequest),
    }),
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req: IncomingMessage) => isProbe(req as RoutedRequest) },
    base: { service: 'lantern-api' },
    messageKey: 'msg',
  };
}

/**
 * The access-log line of one answered API request (configure-app.ts calls it from Fastify's `onResponse`
 * hook), in the shape of pino-http's: `req` (id, method), `res` (status), `responseTime`, route pattern and
 * record id; `request completed`, or `request errored` with an `err` for a 5xx. Written straight to the root
 * logger, so a request pays nothing for a line its level does not write: pino-http made two child loggers
 * and three listeners for every request (docs/benchmarks.md, per-request cost).
 */
export function logAccess(logger: Logger, raw: IncomingMessage & { requestId?: string; routePattern?: string; params?: unknown }, statusCode: number, responseTime: number): void {
  const req = raw as RoutedRequest & { requestId?: string };
  if (isProbe(req)) return;
  const level: Level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const request = { id: req.requestId ?? 'unknown', method: req.method };
  const res = { statusCode };
  const time = Math.round(responseTime);
  if (statusCode >= 500) {
    logger.error({ req: request, res, err: new Error(`failed with status code ${statusCode}`), responseTime: time, ...routeOf(req) }, 'request errored');
  } else {
    logger[level]({ req: request, res, responseTime: time, ...routeOf(req) }, 'request completed');
  }
}

/** The root logger (`.logger`) every log line goes through, access lines included (`logAccess`). */
export function createHttpLogger(config: AppConfig, stream?: DestinationStream): HttpLogger {
  return pinoHttp(accessLogOptions(config), stream);
}

export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Nest's logger (`new Logger('Errors').error({...}, 'request failed')`) onto pino: the last argument
 * is the context, an object argument is merged into the line, and inside a request the line carries
 * the request id. Nest's exception handlers call `error(message, stack)`: that becomes an `err`,
 * which the serializer reduces to kind and stack frames (the message, which can carry values, is dropped).
 */
@Injectable()
export class NestPinoLogger implements LoggerService {
  private readonly root: Logger;

  constructor(@Inject(HTTP_LOGGER) http: HttpLogger) {
    this.root = http.logger;
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.call('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.call('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.call('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.call('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.call('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.call('fatal', message, params);
  }

  private call(level: Level, message: unknown, params: unknown[]): void {
    if (!this.root.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const requestId = requestContext.get()?.requestId;
    if (requestId) fields.req = { id: requestId };
    let rest = params;
    if (params.length) {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    // Pino would make an error's message the line's message when given none: name the kind instead.
    if (message instanceof Error) {
      fields.err = message;
      this.root[level](fields, ...((rest.length ? rest : [message.name]) as [string]));
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
      this.root[level](fields, ...(rest as [string?]));
    } else if (level === 'error' && typeof message === 'string' && rest.length === 1 && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0])) {
      const err = new Error('logged by Nest');
      err.stack = rest[0];
      fields.err = err;
      this.root[level](fields, 'unhandled error');
    } else {
      this.root[level](fields, String(message), ...(rest as []));
    }
  }
}

/** The root logger and the access log, writing to stdout (or to `stream`: the tests read it). */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, stream?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: HTTP_LOGGER, useFactory: () => createHttpLogger(config, stream) }, NestPinoLogger],
      exports: [HTTP_LOGGER, NestPinoLogger],
    };
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/config.js';
import { describeError, isErrorLike } from './problem.filter.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type RoutedRequest = IncomingMessage & { routePattern?: string; params?: Record<string, string> };

/** Known once routing is done: the matched pattern (set by AuthGuard) and a record id from the path. */
function routeOf(req: RoutedRequest): Record<string, string> {
  const id = req.params?.id;
  return { route: req.routePattern ?? '(unmatched)', ...(id && UUID.test(id) ? { recordId: id } : {}) };
}

/**
 * Structured JSON logs with the request id. Only method, route pattern, record id and status are
 * logged: raw paths and query strings (a name typed into a search box or a probing URL), bodies,
 * cookies and headers never are.
 */
export function loggerOptions(config: AppConfig, stream?: DestinationStream): Params {
  const options = {
    level: config.logLevel,
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { requestId?: string }).requestId ?? 'unknown',
    serializers: {
      req: (req: { id?: string; method?: string }) => ({ id: req.id, method: req.method }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      // Never an error's message (it can carry values or SQL): kind, code and stack frames only.
      err: (err: unknown) => (isErrorLike(err) ? describeError(err) : err),
    },
    customSuccessObject: (req: IncomingMessage, _res: ServerResponse, value: Record<string, unknown>) => ({
      ...value,
      ...routeOf(req as RoutedRequest),
    }),
    customErrorObject: (req: IncomingMessage, _res: ServerResponse, _error: Error, value: Record<string, unknown>) => ({
      ...value,
      ...routeOf(req as RoutedRequest),
    }),
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' || req.url === '/api/ready' },
    base: { service: 'lantern-api' },
    messageKey: 'msg',
  };
  return { pinoHttp: stream ? [options, stream] : options };
}

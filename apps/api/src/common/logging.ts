import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/config.js';
import { describeError } from './problem.filter.js';

/**
 * Structured JSON logs with the request id. Only method, path and status are logged: query strings
 * (list filters may hold a name typed into a search box), bodies, cookies and headers never are.
 */
export function loggerOptions(config: AppConfig, stream?: DestinationStream): Params {
  const options = {
    level: config.logLevel,
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { requestId?: string }).requestId ?? 'unknown',
    serializers: {
      req: (req: { id?: string; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      // Never an error's message (it can carry values or SQL): kind, code and stack frames only.
    err: (err: unknown) => (err instanceof Error ? describeError(err) : err),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' || req.url === '/api/ready' },
    base: { service: 'lantern-api' },
    messageKey: 'msg',
  };
  return { pinoHttp: stream ? [options, stream] : options };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/config.js';
import { describeError, isErrorLike } from './problem.filter.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SerializedRequest {
  id?: string;
  method?: string;
  raw?: { route?: { path?: string }; params?: Record<string, string> };
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
      req: (req: SerializedRequest) => ({
        id: req.id,
        method: req.method,
        route: req.raw?.route?.path ?? '(unmatched)',
        ...(req.raw?.params?.id && UUID.test(req.raw.params.id) ? { recordId: req.raw.params.id } : {}),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      // Never an error's message (it can carry values or SQL): kind, code and stack frames only.
      err: (err: unknown) => (isErrorLike(err) ? describeError(err) : err),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' || req.url === '/api/ready' },
    base: { service: 'lantern-api' },
    messageKey: 'msg',
  };
  return { pinoHttp: stream ? [options, stream] : options };
}

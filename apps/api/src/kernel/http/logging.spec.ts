import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { createHttpLogger, NestPinoLogger } from './logging.js';
import { requestContext } from './request-context.js';

function capture(level: AppConfig['logLevel'] = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const logger = new NestPinoLogger(createHttpLogger({ logLevel: level } as AppConfig, stream));
  return { lines, logger };
}

describe('NestPinoLogger (Nest logging onto pino)', () => {
  it('merges an object argument, names the context, and carries the request id inside a request', () => {
    const { lines, logger } = capture();
    requestContext.run({ requestId: 'req-12345678', ip: null, userAgent: null }, () => {
      logger.error({ status: 500, route: '/api/v1/things' }, 'request failed', 'Errors');
    });
    logger.log('started', 'Bootstrap');
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, service: 'lantern-api', req: { id: 'req-12345678' }, context: 'Errors', status: 500, route: '/api/v1/things', msg: 'request failed' }),
      expect.objectContaining({ level: 30, context: 'Bootstrap', msg: 'started' }),
    ]);
    expect(lines[1]).not.toHaveProperty('req');
  });

  it("reduces Nest's error(message, stack) and Error arguments to kind and frames, never the message", () => {
    const { lines, logger } = capture();
    logger.error('duplicate key Zyxsecret', 'Error: duplicate key Zyxsecret\n    at save (repo.js:1:1)', 'ExceptionsHandler');
    logger.error(new TypeError('cannot read Zyxsecret'), 'Errors');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 50, context: 'ExceptionsHandler', err: { type: 'Error', stack: ['at save (repo.js:1:1)'] } });
    expect(lines[1]).toMatchObject({ level: 50, context: 'Errors', err: { type: 'TypeError' } });
    expect(JSON.stringify(lines)).not.toContain('Zyxsecret');
  });

  it("is what Nest's Logger writes to once installed, and honours the level", () => {
    const { lines, logger } = capture('warn');
    Logger.overrideLogger(logger);
    try {
      new Logger('PolicyGuard').error({ handler: 'list' }, 'route has no access rule; refused');
      new Logger('Chatty').log('ignored below warn');
      new Logger('Chatty').debug('ignored too');
    } finally {
      Logger.overrideLogger(false);
    }
    expect(lines).toEqual([expect.objectContaining({ level: 50, context: 'PolicyGuard', handler: 'list', msg: 'route has no access rule; refused' })]);
  });
});

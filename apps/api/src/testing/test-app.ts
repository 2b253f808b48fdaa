import 'reflect-metadata';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import type { AppConfig } from '../kernel/config/config.js';
import { configureApp, createHttpAdapter } from '../configure-app.js';
import type { DatabaseTarget } from '../kernel/database/data-source-options.js';
import { testConfig } from './test-config.js';
import { TestClock } from './test-clock.js';
export { TEST_KEYS, testConfig } from './test-config.js';
// Every supertest request of the tests carries what the web app sends (the CSRF check's header).
import './web-client.js';

/** This jest worker's database (see test/global-setup.cjs). */
export function testDatabase(): DatabaseTarget {
  const targets = JSON.parse(process.env.LANTERN_TEST_DATABASES ?? '[]') as DatabaseTarget[];
  const index = Number(process.env.JEST_WORKER_ID ?? '1') - 1;
  const target = targets[index % Math.max(1, targets.length)];
  if (!target) throw new Error('No test database: run the tests through jest (globalSetup starts them)');
  return target;
}

export interface TestApp {
  app: NestFastifyApplication;
  http: Server;
  dataSource: DataSource;
  clock: TestClock;
  config: AppConfig;
  /** Every JSON log line the app wrote. */
  logs: string[];
  close(): Promise<void>;
}

/** An app on this worker's database, or on `target`; both arrive migrated (test/global-setup.cjs). */
export async function createTestApp(options: { config?: Partial<AppConfig>; target?: DatabaseTarget } = {}): Promise<TestApp> {
  const target = options.target ?? testDatabase();
  const config = testConfig(options.config);
  const clock = new TestClock();
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, target, clock, stream), createHttpAdapter(config), {
    bodyParser: false,
    logger: false,
    abortOnError: false,
  });
  await configureApp(app, config);
  await app.init();
  // Fastify takes requests once its plugins have loaded; supertest talks to the bare server.
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: app.getHttpServer() as Server,
    dataSource: app.get(DataSource),
    clock,
    config,
    logs,
    close: () => app.close(),
  };
}

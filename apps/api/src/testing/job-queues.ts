import 'reflect-metadata';
import { Writable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import type { DatabaseTarget } from '../kernel/database/data-source-options.js';
import { testConfig } from './test-config.js';

/**
 * Starts the app's context once on a freshly migrated database and closes it, so that the database
 * holds every job's pg-boss queue (a partition table each, kernel/jobs/jobs.ts). Global setup does
 * it to the migrated template (test/global-setup.cjs): otherwise the first app of every worker's
 * database, and of every scratch database, made them, 1.6 to 4.4 s of that test file's setup under
 * load (docs/architecture.md, "Test databases").
 */
export async function createJobQueues(target: DatabaseTarget): Promise<void> {
  const silent = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(testConfig(), target, undefined, silent), { logger: false, abortOnError: false });
  try {
    await app.init();
  } finally {
    await app.close();
  }
}

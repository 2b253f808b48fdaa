import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities.js';
import { dataSourceOptions, type DatabaseTarget } from '../kernel/database/data-source-options.js';
import { seedDemo } from '../seed/demo-seed.js';
import { loadSyntheticCases } from '../seed/synthetic-loader.js';
import { createOrgFixture } from './fixtures.js';
import { testConfig } from './test-config.js';

import { runMigrations } from '../kernel/database/migrate.js';

/**
 * The migrated template of test/global-setup.cjs: the migrations, then the job queues the app makes
 * at its first start (testing/job-queues.ts), so that no test file's setup makes them.
 */
export async function prepareTemplate(target: DatabaseTarget): Promise<void> {
  await runMigrations(target);
  const { createJobQueues } = await import('./job-queues.js');
  await createJobQueues(target);
}

/** The metrics suite's caseload: enough cases per period for its small-cell rules to bite. */
export const METRICS_CASES = 1500;

/**
 * Bulk data some suites read, built once per run in jest's global setup (test/global-setup.cjs, which
 * names the suite of each) into a copy of the migrated database; the suite starts from a copy of it
 * (testing/scratch-database.ts, `preparedScratch`). What a builder returns reaches the suite as JSON.
 */
const BUILDERS = {
  /** features/metrics/metrics.int-spec.ts: one organization (createOrgFixture) with 1,500 synthetic cases. */
  async metrics(dataSource: DataSource) {
    const org = await createOrgFixture(dataSource);
    await loadSyntheticCases(dataSource, testConfig(), { org: org.slug, cases: METRICS_CASES, seed: 7, batchSize: 500 });
    return { slug: org.slug };
  },
  /** seed/synthetic.int-spec.ts: the demo seed on a database of its own, timed (the suite checks the time). */
  async demo(dataSource: DataSource) {
    const started = performance.now();
    const { seeded } = await seedDemo(dataSource, testConfig());
    return { seeded, seconds: (performance.now() - started) / 1000 };
  },
};

export type PreparedName = keyof typeof BUILDERS;
export type PreparedInfo<N extends PreparedName> = Awaited<ReturnType<(typeof BUILDERS)[N]>>;

/** Builds a data set into a migrated database (one connection: the embedded database has no second). */
export async function buildPreparedData<N extends PreparedName>(name: N, target: DatabaseTarget): Promise<PreparedInfo<N>> {
  const dataSource = new DataSource(dataSourceOptions(target, 1, ENTITIES));
  await dataSource.initialize();
  try {
    return (await BUILDERS[name](dataSource)) as PreparedInfo<N>;
  } finally {
    await dataSource.destroy();
  }
}

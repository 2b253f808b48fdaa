import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseTarget } from './data-source-options.js';

/**
 * Applies pending migrations. Several instances starting together take turns: the advisory lock is
 * held on the migration connection for the whole run.
 */
export async function runMigrations(target: DatabaseTarget): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(target, 1) });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', ['lantern:migrations']);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', ['lantern:migrations']);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** The SQL TypeORM would run to make the schema match the entities; empty when migrations are complete. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

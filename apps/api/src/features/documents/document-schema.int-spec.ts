import { DataSource } from 'typeorm';
import { ENTITIES } from '../../entities.js';
import { dataSourceOptions } from '../../kernel/database/data-source-options.js';
import { pendingSchemaChanges } from '../../kernel/database/migrate.js';
import { createScratchDatabase, type ScratchDatabase } from '../../testing/scratch-database.js';
import { allowingQueuedQueries } from '../../testing/queued-queries.js';

/**
 * The entities (documents' among them, src/entities.ts) against the migrations, as `migration:check`
 * compares them in CI. Also: the view behind ConsentShareItem answers with the entity's columns.
 */
describe('documents schema', () => {
  let scratch: ScratchDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    ds = new DataSource(dataSourceOptions(scratch.target, 2, ENTITIES));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await scratch?.drop();
  });

  it('the entities match what the migrations build', async () => {
    // TypeORM's schema builder reads the catalogue with Promise.all on one connection
    // (PostgresQueryRunner.loadTables): allowed here only (apps/api/test/one-query-at-a-time.cjs).
    const pending = await allowingQueuedQueries(() => pendingSchemaChanges(ds));
    if (pending.length > 0) process.stdout.write(`${pending.join(';\n')}\n`);
    expect(pending).toEqual([]);
  });

  it('the consent_share_item view has the columns of its entity', async () => {
    const rows = await ds.getRepository('ConsentShareItem').find({ take: 1 });
    expect(rows).toEqual([]);
  });
});

import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { reindexSurvivorNames } from '../../case-file/survivor-name-index.js';

class Stopping extends Error {}

/** Small batches: on the embedded database each one holds its only connection while it runs. */
const BACKGROUND_BATCH = 50;

/**
 * Fills the name tokens of survivors that have none under the current blind-index key (survivors
 * written before the token table, bulk-loaded ones): the migration cannot, for SQL has no key. It runs
 * in the background once the API serves, in small batches, so a large database (about 4 ms a survivor)
 * does not hold up the start; until it is done, name search finds the survivors already indexed.
 * Stopped between batches on shutdown; the next start carries on. A no-op once every survivor is
 * indexed (one index-only query).
 */
@Injectable()
export class SurvivorNameIndexer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SurvivorNameIndexer');
  private stopping = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.index();
  }

  /** Resolves when the background run is over (tests, shutdown). */
  settled(): Promise<void> {
    return this.running;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async index(): Promise<void> {
    const started = Date.now();
    try {
      const { survivors } = await reindexSurvivorNames(
        this.dataSource,
        this.cipher,
        this.blindIndex,
        () => {
          if (this.stopping) throw new Stopping();
        },
        BACKGROUND_BATCH,
      );
      if (survivors > 0) this.logger.log({ survivors, millis: Date.now() - started }, 'indexed survivor names for search');
    } catch (error) {
      if (error instanceof Stopping) return;
      // Never the error's text (it may quote a value): the next start tries again.
      this.logger.warn({ error: error instanceof Error ? error.name : 'Error' }, 'indexing survivor names stopped; the next start carries on');
    }
  }
}

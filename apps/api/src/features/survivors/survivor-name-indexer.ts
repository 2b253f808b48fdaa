import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { reindexSurvivorNames } from '../../case-file/survivor-name-index.js';
import { reindexSurvivorMatches } from '../../case-file/survivor-match-index.js';

/**
 * Fills the name tokens of survivors that have none under the current blind-index key, before the
 * API serves (survivors written before the token table, bulk-loaded ones): the migration cannot, for
 * SQL has no key. A no-op once every survivor is indexed (one index-only query). The first start after
 * the upgrade that added the tokens takes about 4 ms a survivor (docs/operations.md, Upgrades); the
 * synthetic loader and every write keep them current afterwards.
 */
@Injectable()
export class SurvivorNameIndexer implements OnApplicationBootstrap {
  private readonly logger = new Logger('SurvivorNameIndexer');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    const { survivors } = await reindexSurvivorNames(this.dataSource, this.cipher, this.blindIndex);
    if (survivors > 0) this.logger.log({ survivors, millis: Date.now() - started }, 'indexed survivor names for search');
    // The duplicate check's match tokens (issue 17), filled the same way.
    const matchStarted = Date.now();
    const matches = await reindexSurvivorMatches(this.dataSource, this.cipher, this.blindIndex);
    if (matches.survivors > 0) this.logger.log({ survivors: matches.survivors, millis: Date.now() - matchStarted }, 'indexed survivors for duplicate checks');
  }
}

import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import type { ContentStore } from './document.entity.js';
import { DatabaseChunks, storageUnavailable, type ChunkStore } from './document-store.js';
import { S3Chunks } from './s3-chunks.js';

/**
 * The stores of this process: PostgreSQL always, and the S3-compatible bucket of `LANTERN_FILES_S3_URL`
 * when it is set (kernel/config/files-config.ts), where new uploads then go. Each document records the
 * store that holds it (`document.content_store`), so setting or removing the variable never strands
 * the documents already stored: they are read from where they were written.
 */
@Injectable()
export class DocumentStorage implements OnModuleDestroy {
  private readonly logger = new Logger('DocumentStorage');
  private readonly database: DatabaseChunks;
  private readonly s3: S3Chunks | null;

  constructor(@InjectDataSource() dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.database = new DatabaseChunks(dataSource.manager);
    const location = config.files?.s3 ?? null;
    this.s3 = location ? new S3Chunks(location) : null;
  }

  /** Where a new upload goes. */
  forUpload(): ChunkStore {
    return this.s3 ?? this.database;
  }

  /** The store that holds a document; 503 for one in S3 when no bucket is configured. */
  of(store: ContentStore): ChunkStore {
    if (store === 'database') return this.database;
    return this.bucket();
  }

  /**
   * Deletes a document's objects when it is kept in S3 (all of them, whatever the chunk count says);
   * nothing for PostgreSQL, whose rows go with SQL (purgeChunks, or the cascade). Throws 503 when the
   * bucket cannot be reached: the caller retries later (a job, or the next housekeeping run).
   */
  async removeObjects(documentId: string, store: ContentStore): Promise<void> {
    if (store === 's3') await this.bucket().removeAll(documentId);
  }

  private bucket(): S3Chunks {
    if (this.s3) return this.s3;
    this.logger.warn('a document is kept in S3, but LANTERN_FILES_S3_URL is not set: it cannot be read or purged until it is');
    throw storageUnavailable();
  }

  onModuleDestroy(): void {
    this.s3?.close();
  }
}

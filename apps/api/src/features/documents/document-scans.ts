import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DOCUMENT_QUARANTINED_NOTIFICATION } from '@lantern/contracts';
import { LessThan, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { JobError, Jobs } from '../../kernel/jobs/jobs.js';
import { NotificationsService } from '../notifications/index.js';
import { Document } from './document.entity.js';
import { documentSettings, type DocumentSettings } from './document-settings.js';
import { DocumentStorage } from './document-storage.js';
import { contentStream, purgeChunks } from './document-store.js';
import { scanStream, ScannerUnavailableError } from './clamd-client.js';
import { unwrapDataKey } from './envelope.js';

export const DOCUMENT_SCAN_JOB = 'documents.scan';
export const DOCUMENT_HOUSEKEEPING_JOB = 'documents.housekeeping';
/** Deletes the S3 objects of an upload that failed while the bucket could not be reached (ids only). */
export const DOCUMENT_REMOVE_OBJECTS_JOB = 'documents.remove-objects';
/** An upload still `uploading` after this long broke off without its clean-up (a crash): its rows go. */
const ABANDONED_UPLOAD_HOURS = 6;
/** Deleted documents keep their content this long (LANTERN_FILES_PURGE_DAYS), then it is overwritten and removed. */
const DEFAULT_PURGE_DAYS = 30;

/**
 * The virus scan of each upload, and the housekeeping of stored content. An upload is scanned at once
 * (DocumentsService.upload awaits it) and, in case the scanner was unreachable then, a durable job is
 * queued with it in the upload's transaction: the job scans whatever is still `pending`, retried with
 * back-off (kernel/jobs/jobs.ts). Both are safe to repeat: only a `pending` document is scanned, and the
 * verdict is written only over `pending`.
 */
@Injectable()
export class DocumentScans implements OnModuleInit {
  private readonly logger = new Logger('DocumentScans');
  readonly settings: DocumentSettings;
  private readonly purgeDays: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
    private readonly notifications: NotificationsService,
    private readonly storage: DocumentStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = documentSettings(config);
    const days = Number(process.env.LANTERN_FILES_PURGE_DAYS ?? DEFAULT_PURGE_DAYS);
    this.purgeDays = Number.isFinite(days) && days >= 0 ? days : DEFAULT_PURGE_DAYS;
  }

  onModuleInit(): void {
    this.jobs.define({
      name: DOCUMENT_SCAN_JOB,
      retryLimit: 8,
      retryDelaySeconds: 60,
      expireInSeconds: 600,
      handler: async (job) => {
        const id = job.data.documentId;
        if (typeof id !== 'string') return;
        const status = await this.scanNow(id);
        if (status.scanStatus === 'pending') throw new JobError('SCANNER_UNAVAILABLE');
      },
    });
    this.jobs.define({
      name: DOCUMENT_REMOVE_OBJECTS_JOB,
      retryLimit: 8,
      retryDelaySeconds: 60,
      handler: async (job) => {
        const id = job.data.documentId;
        if (typeof id !== 'string') return;
        await this.storage.removeObjects(id, 's3').catch(() => {
          throw new JobError('STORAGE_UNAVAILABLE');
        });
      },
    });
    this.jobs.define({
      name: DOCUMENT_HOUSEKEEPING_JOB,
      schedule: '23 * * * *',
      retryLimit: 2,
      handler: async () => {
        await this.sweepAbandonedUploads();
        await this.requeuePending();
        await this.purgeDeleted();
      },
    });
  }

  /** Queues the scan of a new upload in the caller's transaction. */
  async queue(documentId: string, manager: EntityManager): Promise<void> {
    await this.jobs.send(DOCUMENT_SCAN_JOB, { documentId }, { manager, singletonKey: documentId });
  }

  /**
   * Scans a `pending` document now and stores the verdict; returns the document as it then stands. When
   * the scanner cannot be reached the document stays `pending` (its job retries): never a guess.
   */
  async scanNow(documentId: string): Promise<Document> {
    const row = await this.dataSource.manager.findOneByOrFail(Document, { id: documentId });
    if (row.scanStatus !== 'pending' || !this.settings.clamd) return row;
    if (!row.wrappedKey) return row;
    let verdict;
    try {
      const key = unwrapDataKey(this.cipher, row.id, row.wrappedKey);
      verdict = await scanStream(this.settings.clamd, contentStream(this.storage.of(row.contentStore), row.id, key, row.chunkCount), this.settings.scanTimeoutMs);
    } catch (error) {
      this.logger.warn({ err: error instanceof ScannerUnavailableError ? error.code : (error as Error).name }, 'a document could not be scanned yet');
      return row;
    }
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const update = verdict.infected
        ? { scanStatus: 'quarantined' as const, scannedAt: now, scanFinding: verdict.signature }
        : { scanStatus: 'clean' as const, scannedAt: now, scanFinding: null };
      const result = await manager.update(Document, { id: row.id, scanStatus: 'pending' }, update);
      if (result.affected === 1) {
        const system = { actor: null, organizationId: row.organizationId };
        await this.audit.record(manager, { ...system, action: 'update', subjectType: 'Document', subjectId: row.id, fields: ['scanStatus'], reason: update.scanStatus });
        if (verdict.infected) await this.notifyAdmins(manager, row);
      }
      return manager.findOneByOrFail(Document, { id: row.id });
    });
  }

  /** Tells the organization's admins; the notice names the case (by id) and no file, title or person. */
  private async notifyAdmins(manager: EntityManager, row: Document): Promise<void> {
    const admins = await this.notifications.recipients(manager, row.organizationId, ['admin']);
    await this.notifications.notify(manager, {
      organizationId: row.organizationId,
      userIds: admins,
      kind: DOCUMENT_QUARANTINED_NOTIFICATION,
      title: {
        en: 'The virus scanner quarantined a file uploaded to a case. It cannot be opened.',
        es: 'El antivirus puso en cuarentena un archivo subido a un caso. No se puede abrir.',
      },
      caseId: row.caseId,
    });
  }

  /**
   * Removes what an upload that did not complete stored: the objects of one bound for S3 (now or, when
   * the bucket cannot be reached, by a retried job that needs only the id), then its row, with its
   * `document_chunk` rows (ON DELETE CASCADE). Its data key goes with the row: whatever object a
   * failed request may still leave behind is ciphertext nobody can open.
   */
  async discardUpload(documentId: string, store: Document['contentStore']): Promise<void> {
    if (store === 's3') {
      try {
        await this.storage.removeObjects(documentId, store);
      } catch {
        await this.jobs.send(DOCUMENT_REMOVE_OBJECTS_JOB, { documentId }, { singletonKey: documentId });
      }
    }
    await this.dataSource.manager.delete(Document, { id: documentId, scanStatus: 'uploading' });
  }

  /** Uploads left `uploading` by a crash: their content and rows are removed. */
  async sweepAbandonedUploads(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - ABANDONED_UPLOAD_HOURS * 3600_000);
    const inBucket = await this.dataSource.manager.find(Document, {
      select: { id: true },
      where: { scanStatus: 'uploading', createdAt: LessThan(before), contentStore: 's3' },
      take: 200,
    });
    for (const { id } of inBucket) await this.discardUpload(id, 's3');
    // Rows of document_chunk go with their document (ON DELETE CASCADE).
    const result = await this.dataSource.manager.delete(Document, { scanStatus: 'uploading', createdAt: LessThan(before), contentStore: 'database' });
    return inBucket.length + (result.affected ?? 0);
  }

  /** Documents still pending (a scan job that gave up while clamd was down) get a new job. */
  async requeuePending(): Promise<void> {
    if (!this.settings.clamd) return;
    const pending = await this.dataSource.manager.find(Document, { select: { id: true }, where: { scanStatus: 'pending' }, take: 500 });
    for (const { id } of pending) await this.jobs.send(DOCUMENT_SCAN_JOB, { documentId: id }, { singletonKey: id });
  }

  /** Deleted documents past retention: content overwritten and removed, data key destroyed. */
  async purgeDeleted(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.purgeDays * 86_400_000);
    const due = await this.dataSource.manager
      .createQueryBuilder(Document, 'd')
      .select(['d.id'])
      .where('d.deleted_at < :before AND d.purged_at IS NULL', { before })
      .take(200)
      .getMany();
    // One document whose bucket cannot be reached does not hold back the others; the run still fails
    // (and is retried, then reported to the admins) when any could not be purged.
    let failure: unknown = null;
    for (const { id } of due) {
      await this.purge(id).catch((error: unknown) => {
        failure ??= error;
      });
    }
    if (failure) throw failure;
    return due.length;
  }

  /**
   * Removes a document's content (rows overwritten with zeros then deleted, or objects deleted from the
   * bucket) and destroys its data key, audited as a deletion by the system. The row stays (kind, size,
   * dates: the record that it existed).
   */
  async purge(documentId: string): Promise<void> {
    const stored = await this.dataSource.manager.findOneBy(Document, { id: documentId });
    if (!stored || stored.purgedAt) return;
    // Objects first, outside the transaction (the embedded database has one connection): when the
    // bucket cannot be reached this throws, nothing is marked, and the next housekeeping run tries again.
    await this.storage.removeObjects(documentId, stored.contentStore);
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOneBy(Document, { id: documentId });
      if (!row || row.purgedAt) return;
      await purgeChunks(manager, documentId);
      await manager.update(Document, { id: documentId }, { wrappedKey: null, chunkCount: 0, purgedAt: this.clock.now() });
      await this.audit.record(manager, { actor: null, organizationId: row.organizationId, action: 'delete', subjectType: 'Document', subjectId: documentId, fields: ['content'], reason: 'purged' });
    });
  }
}

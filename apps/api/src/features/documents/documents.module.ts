import { Module } from '@nestjs/common';
import { JobsModule } from '../../kernel/jobs/jobs.js';
import { NotificationsModule } from '../notifications/index.js';
import { DocumentReads } from './document-reads.js';
import { DocumentScans } from './document-scans.js';
import { DocumentStorage } from './document-storage.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';

/**
 * Case documents (issue 15): encrypted chunked storage in PostgreSQL or an S3-compatible bucket, virus
 * scanning with clamd, reads through the record-access layer; the routes in documents.controller.ts.
 */
@Module({
  imports: [JobsModule, NotificationsModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentReads, DocumentScans, DocumentStorage],
  exports: [DocumentsService, DocumentReads, DocumentScans],
})
export class DocumentsModule {}

import { Module } from '@nestjs/common';
import { JobsModule } from '../../kernel/jobs/jobs.js';
import { DocumentsModule } from '../documents/index.js';
import { Anonymizer } from './anonymizer.js';
import { ErasureController } from './erasure.controller.js';
import { ErasureRequestsService } from './erasure-requests.service.js';
import { RetentionJob } from './retention.job.js';
import { RetentionService } from './retention.service.js';

/** Erasure on request and retention (issue 16, parts 4 and 5): docs/retention.md. */
@Module({
  imports: [JobsModule, DocumentsModule],
  controllers: [ErasureController],
  providers: [Anonymizer, ErasureRequestsService, RetentionService, RetentionJob],
})
export class ErasureModule {}

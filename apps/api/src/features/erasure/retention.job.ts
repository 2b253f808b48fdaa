import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Jobs } from '../../kernel/jobs/jobs.js';
import { RetentionService } from './retention.service.js';

export const RETENTION_PURGE_JOB = 'retention.purge';

/**
 * The retention purge as a durable job (docs/architecture.md, Jobs): daily at 02:41 UTC, once across
 * every API process. A run anonymizes the survivors due in every organization (at most 200 each, the
 * next run takes the rest); it is safe to repeat, since each survivor is checked again under her lock.
 */
@Injectable()
export class RetentionJob implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly retention: RetentionService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: RETENTION_PURGE_JOB,
      schedule: '41 2 * * *',
      retryLimit: 3,
      retryDelaySeconds: 300,
      expireInSeconds: 3600,
      handler: async () => {
        await this.retention.purgeAll();
      },
    });
  }
}

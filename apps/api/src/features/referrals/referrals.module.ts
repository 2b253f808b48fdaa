import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { Jobs, JobsModule } from '../../kernel/jobs/jobs.js';
import { PartnerOrgsModule } from '../partner-orgs/index.js';
import { ReferralsController } from './referrals.controller.js';
import { ReferralsService } from './referrals.service.js';

export const OVERDUE_REFERRALS_JOB = 'referrals.overdue';

/** Checks for overdue referrals every ten minutes: a durable job, run once per tick across processes (kernel/jobs/jobs.ts). */
@Injectable()
export class OverdueReferralsJob implements OnModuleInit {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: OVERDUE_REFERRALS_JOB,
      schedule: '*/10 * * * *',
      // The next tick checks again: a short back-off, and no pile of retries behind it.
      retryLimit: 2,
      retryDelaySeconds: 30,
      expireInSeconds: 300,
      handler: async () => {
        await this.referrals.notifyOverdue();
      },
    });
  }
}

@Module({
  imports: [PartnerOrgsModule, JobsModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, OverdueReferralsJob],
})
export class ReferralsModule {}

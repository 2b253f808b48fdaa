import { Module } from '@nestjs/common';
import { JobsModule } from '../../kernel/jobs/jobs.js';
import { PartnerOrgsModule } from '../partner-orgs/index.js';
import { CustomFieldsModule } from '../custom-fields/index.js';
import { OverdueReferralsJob } from './overdue-referrals.js';
import { ReferralReads } from './referral-reads.js';
import { ReferralsController } from './referrals.controller.js';
import { ReferralsService } from './referrals.service.js';

@Module({
  imports: [PartnerOrgsModule, JobsModule, CustomFieldsModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralReads, OverdueReferralsJob],
})
export class ReferralsModule {}

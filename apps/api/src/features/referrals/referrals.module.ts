import { Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy, Logger } from '@nestjs/common';
import { PartnerOrgsModule } from '../partner-orgs/index.js';
import { ReferralsController } from './referrals.controller.js';
import { ReferralsService } from './referrals.service.js';

/** Checks for overdue referrals every ten minutes while the app runs. */
@Injectable()
export class OverdueReferralsJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OverdueReferrals');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly referrals: ReferralsService) {}

  onApplicationBootstrap(): void {
    if (process.env.NODE_ENV === 'test') return;
    this.timer = setInterval(() => {
      this.referrals.notifyOverdue().catch(() => this.logger.warn('overdue check failed; retrying at the next interval'));
    }, 10 * 60_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

@Module({
  imports: [PartnerOrgsModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, OverdueReferralsJob],
})
export class ReferralsModule {}

import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { Jobs, JobsModule } from '../../kernel/jobs/jobs.js';
import { NotificationsModule } from '../../features/notifications/index.js';
import { RemindersController } from './reminders.controller.js';
import { RemindersService } from './reminders.service.js';

/** When reminders are given: every morning at 06:00 UTC, once across every API process. */
export const REMINDERS_SCHEDULE = '0 6 * * *';

@Injectable()
export class RemindersJob implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly reminders: RemindersService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: 'reminders.daily',
      schedule: REMINDERS_SCHEDULE,
      retryLimit: 3,
      retryDelaySeconds: 300,
      // In the app first, then the day's digest e-mails; a retry gives nothing twice in the app (the
      // unique reminder_given), and the digest is built from what is due, so it says the same again.
      handler: async () => {
        await this.reminders.run();
        await this.reminders.queueDigests();
      },
    });
  }
}

@Module({
  imports: [JobsModule, NotificationsModule],
  controllers: [RemindersController],
  providers: [RemindersService, RemindersJob],
  exports: [RemindersService],
})
export class RemindersModule {}

import { Global, Module } from '@nestjs/common';
import { AuthAlerts } from '../../access/auth/auth-alerts.js';
import { AccessAlerts } from '../../access/records/access-alerts.js';
import { JobsModule } from '../../kernel/jobs/jobs.js';
import { MailAdminController } from './mail-admin.controller.js';
import { MailAdminService } from './mail-admin.service.js';
import { MailDelivery } from './mail-delivery.service.js';
import { Mailer } from './mailer.service.js';
import { NotificationAccessAlerts } from './notification-access-alerts.js';
import { NotificationAuthAlerts } from './notification-auth-alerts.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

@Global()
@Module({
  imports: [JobsModule],
  controllers: [NotificationsController, MailAdminController],
  providers: [
    NotificationsService,
    Mailer,
    MailDelivery,
    MailAdminService,
    { provide: AccessAlerts, useClass: NotificationAccessAlerts },
    { provide: AuthAlerts, useClass: NotificationAuthAlerts },
  ],
  exports: [NotificationsService, Mailer, MailDelivery, AccessAlerts, AuthAlerts],
})
export class NotificationsModule {}

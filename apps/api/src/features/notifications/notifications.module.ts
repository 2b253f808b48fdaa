import { Global, Module } from '@nestjs/common';
import { AuthAlerts } from '../../access/auth/auth-alerts.js';
import { AccessAlerts } from '../../access/records/access-alerts.js';
import { NotificationAccessAlerts } from './notification-access-alerts.js';
import { NotificationAuthAlerts } from './notification-auth-alerts.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

@Global()
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    { provide: AccessAlerts, useClass: NotificationAccessAlerts },
    { provide: AuthAlerts, useClass: NotificationAuthAlerts },
  ],
  exports: [NotificationsService, AccessAlerts, AuthAlerts],
})
export class NotificationsModule {}

import { Global, Module } from '@nestjs/common';
import { AccessAlerts } from '../../access/records/access-alerts.js';
import { NotificationAccessAlerts } from './notification-access-alerts.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

@Global()
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, { provide: AccessAlerts, useClass: NotificationAccessAlerts }],
  exports: [NotificationsService, AccessAlerts],
})
export class NotificationsModule {}

/** The notifications feature as other features see it (docs/architecture.md). */
export { NotificationsModule } from './notifications.module.js';
export { NotificationsService, OUTBOX_SUBJECT, type NewNotification } from './notifications.service.js';

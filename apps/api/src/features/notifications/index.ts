/** The notifications feature as other features see it (docs/architecture.md). */
export { NotificationsModule } from './notifications.module.js';
export { NotificationsService, OUTBOX_SUBJECT, type NewNotification } from './notifications.service.js';
export { inLocale, type LocalizedText } from './localized-text.js';
/** E-mail (issue 14): queue a mail in a transaction, and the outbox worker. */
export { Mailer, mailSettings, type QueuedMail } from './mailer.service.js';
export { MailDelivery, MAX_ATTEMPTS, RETRY_DELAYS_MINUTES, type DeliveryRun, type MailTransportKind } from './mail-delivery.service.js';
export { renderMail, MAIL_TEMPLATES, type MailTemplate, type RenderedMail } from './mail-templates.js';

import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { NotificationKind } from '@lantern/contracts';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** An in-app notification for one user. Titles name cases by number and services by type, never a person. */
@Entity('notification')
@Index('ix_notification_user_unread', ['userId', 'readAt', 'createdAt'])
/** A handled referral's calls to act are cleared (issue 13): found by referral among the unread. */
@Index('ix_notification_referral_unread', ['referralId'], { where: 'read_at IS NULL' })
export class Notification extends BaseRecord {
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('User', { name: 'fk_notification_user', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 30 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}

/**
 * Messages waiting for an external transport (e-mail), delivered by the mail feature
 * (features/notifications/mail-delivery.service.ts). They carry no survivor data: a link back into Lantern and a
 * neutral subject, so a shared inbox or a mail provider learns nothing. A notification's mail is
 * rendered when it is sent; a mail that is not a notification (an invitation, a password reset) keeps
 * its rendered text in `body`, encrypted (AAD notification_outbox|body|id), blanked once it is sent,
 * failed or expired.
 */
@Entity('notification_outbox')
@Index('ix_notification_outbox_pending', ['status', 'createdAt'])
@Index('ix_notification_outbox_due', ['status', 'nextAttemptAt'])
@Index('ix_notification_outbox_org', ['organizationId', 'createdAt'])
@Index('ix_notification_outbox_reference', ['referenceId'])
@Check('ck_notification_outbox_status', `status IN ('pending', 'sending', 'sent', 'failed', 'expired')`)
@Check('ck_notification_outbox_recipient', `user_id IS NOT NULL OR recipient IS NOT NULL`)
export class NotificationOutbox extends BaseRecord {
  @ForeignKey('Notification', { name: 'fk_notification_outbox_notification', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  notificationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  /** Whose deliveries these are (the admins of this organization see them). */
  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  /** An address with no user yet (an invitation); otherwise the user's address when it is sent. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  recipient!: string | null;

  /** Which mail (MAIL_TEMPLATES in features/mail/mail-templates.ts). */
  @Column({ type: 'varchar', length: 30, default: 'notification' })
  template!: string;

  /** The invitation or password reset the mail is about: a newer one expires it. */
  @Column({ type: 'uuid', nullable: true })
  referenceId!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'email' })
  channel!: 'email';

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  /** The rendered mail (subject, text, HTML) as encrypted JSON; null once sent, failed or expired. */
  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: 'pending' | 'sending' | 'sent' | 'failed' | 'expired';

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  /** A claimed mail (`sending`) whose process died is claimed again after this. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  /** A mail whose link is dead by then is not sent after it. */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** The last SMTP reply code and a short error (never the body). */
  @Column({ type: 'integer', nullable: true })
  lastResponseCode!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  lastError!: string | null;

  /** How it left: `smtp`, or `demo` (kept for the demo's "Sent mail" page). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  transport!: 'smtp' | 'demo' | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}

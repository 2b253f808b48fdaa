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
 * Messages waiting for an external transport (e-mail). They carry no survivor data: a link back into
 * Lantern and a neutral subject, so a shared inbox or a mail provider learns nothing.
 */
@Entity('notification_outbox')
@Index('ix_notification_outbox_pending', ['status', 'createdAt'])
@Check('ck_notification_outbox_status', `status IN ('pending', 'sent', 'failed')`)
export class NotificationOutbox extends BaseRecord {
  @ForeignKey('Notification', { name: 'fk_notification_outbox_notification', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  notificationId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 10, default: 'email' })
  channel!: 'email';

  @Column({ type: 'varchar', length: 200 })
  subject!: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: 'pending' | 'sent' | 'failed';

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}

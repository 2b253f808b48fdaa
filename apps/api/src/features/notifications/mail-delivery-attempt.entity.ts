import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** One try at handing one outbox mail to the transport: when, how it went, the SMTP code; never the body. */
@Entity('mail_delivery_attempt')
@Index('ix_mail_delivery_attempt_outbox', ['outboxId', 'attemptedAt'])
@Index('ix_mail_delivery_attempt_org', ['organizationId', 'attemptedAt'])
@Check('ck_mail_delivery_attempt_outcome', `outcome IN ('sent', 'retry', 'failed')`)
export class MailDeliveryAttempt extends BaseRecord {
  @ForeignKey('NotificationOutbox', { name: 'fk_mail_delivery_attempt_outbox', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  outboxId!: string;

  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ type: 'timestamptz' })
  attemptedAt!: Date;

  /** `sent`; `retry` (4xx, no answer); `failed` (5xx, or the last retry). */
  @Column({ type: 'varchar', length: 10 })
  outcome!: 'sent' | 'retry' | 'failed';

  @Column({ type: 'varchar', length: 10 })
  transport!: 'smtp' | 'demo' | 'none';

  @Column({ type: 'integer', nullable: true })
  responseCode!: number | null;

  /** A short reason, addresses replaced: never the body. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  error!: string | null;
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Locale } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { NotificationOutbox } from './notification.entity.js';
import { renderMail, type MailParams, type MailTemplate, type RenderedMail } from './mail-templates.js';

export const bodyLocation = (outboxId: string) => ({ table: 'notification_outbox', column: 'body', rowId: outboxId });

/** The base of links and the From address, with the defaults of an install that has set none. */
export function mailSettings(config: AppConfig): { smtpUrl: string | null; from: string; publicUrl: string } {
  return config.mail ?? { smtpUrl: null, from: 'Lantern <lantern@localhost>', publicUrl: `http://localhost:${config.port || 3000}` };
}

export interface QueuedMail {
  organizationId: string;
  /** A user's mail goes to their address as it is when sent; otherwise `recipient`. */
  userId?: string | null;
  recipient?: string | null;
  template: MailTemplate;
  locale: Locale;
  /** The invitation or reset this mail is about (a newer one expires it). */
  referenceId?: string | null;
  /** The link dies then: the mail is not sent after it. */
  expiresAt?: Date | null;
  /** A path and fragment under LANTERN_PUBLIC_URL, e.g. `/#invitation=<token>`. */
  linkPath?: string;
  validFor?: number;
  /** The digest's lines (template reminder_digest). */
  items?: string[];
}

/**
 * Puts mails in the outbox, in the caller's transaction (features/notifications/mail-delivery.service.ts
 * delivers them). A mail with a link is rendered now and kept encrypted until it is sent: the link
 * is a key to an account, so it is never in plain text in the database.
 */
@Injectable()
export class Mailer {
  private kicker: (() => void) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
  ) {}

  render(template: MailTemplate, locale: Locale, params: Omit<MailParams, 'baseUrl'>): RenderedMail {
    return renderMail(template, locale, { ...params, baseUrl: mailSettings(this.config).publicUrl });
  }

  async queue(manager: EntityManager, mail: QueuedMail): Promise<string> {
    const id = randomUUID();
    const publicUrl = mailSettings(this.config).publicUrl;
    const rendered = this.render(mail.template, mail.locale, {
      ...(mail.linkPath ? { link: `${publicUrl}${mail.linkPath}` } : {}),
      ...(mail.validFor !== undefined ? { validFor: mail.validFor } : {}),
      ...(mail.items ? { items: mail.items } : {}),
    });
    await manager.insert(NotificationOutbox, {
      id,
      notificationId: null,
      userId: mail.userId ?? null,
      organizationId: mail.organizationId,
      recipient: mail.recipient ?? null,
      template: mail.template,
      referenceId: mail.referenceId ?? null,
      channel: 'email',
      subject: rendered.subject,
      body: this.cipher.encrypt(JSON.stringify(rendered), bodyLocation(id)),
      status: 'pending',
      nextAttemptAt: this.clock.now(),
      expiresAt: mail.expiresAt ?? null,
    });
    return id;
  }

  /** The mails still waiting about an invitation or reset that a newer one replaced: never sent, body gone. */
  async cancelAbout(manager: EntityManager, referenceId: string): Promise<void> {
    await manager.query(
      `UPDATE notification_outbox SET status = 'expired', body = NULL, lease_until = NULL, updated_at = $2
        WHERE reference_id = $1 AND status = 'pending'`,
      [referenceId, this.clock.now()],
    );
  }

  /** Deliver soon (after the caller's transaction has committed). */
  kick(): void {
    this.kicker?.();
  }

  /** The delivery service registers itself here (it depends on this class, not the other way round). */
  onKick(kicker: () => void): void {
    this.kicker = kicker;
  }
}

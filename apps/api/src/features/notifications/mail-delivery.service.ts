import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Locale } from '@lantern/contracts';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { Jobs } from '../../kernel/jobs/jobs.js';
import { isMailTemplate, renderMail, type RenderedMail } from './mail-templates.js';
import { MailDeliveryAttempt } from './mail-delivery-attempt.entity.js';
import { Mailer, bodyLocation, mailSettings } from './mailer.service.js';

/** How outbox mail leaves: an SMTP relay, the demo's mailbox (nothing leaves), or not at all yet. */
export type MailTransportKind = 'smtp' | 'demo' | 'none';

/** Waits before the 2nd, 3rd … attempt after a temporary failure (4xx, no answer); then it has failed. */
export const RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 180] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;
/** A claimed mail whose process died mid-send is claimed again after this. */
const LEASE_MILLIS = 5 * 60_000;
const BATCH = 10;
const MAX_PER_RUN = 200;

export interface DeliveryRun {
  sent: number;
  retried: number;
  failed: number;
  expired: number;
}

interface ClaimedRow {
  id: string;
  user_id: string | null;
  recipient: string | null;
  organization_id: string | null;
  template: string;
  body: string | null;
  attempts: number;
}

interface SmtpFailure {
  permanent: boolean;
  code: number | null;
  error: string;
}

/** What an SMTP error says, in a few words: never the body, addresses replaced. */
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = error as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const kind = typeof e.code === 'string' ? e.code : 'ERROR';
  const said = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : '';
  const short = `${kind}: ${said}`
    .replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>')
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 200);
  // A refused login is the relay's settings, not this mail: retried (and seen by admins), never failed for good.
  const permanent = code !== null && code >= 500 && code < 600 && kind !== 'EAUTH';
  return { permanent, code, error: short };
}

/**
 * Delivers the outbox (docs/operations.md, E-mail). Several API processes may run this at once: a mail
 * is claimed by one UPDATE over `FOR UPDATE SKIP LOCKED` rows, which marks it `sending` with a lease, so
 * no two processes send one mail; a process that dies mid-send leaves the lease to run out and the mail
 * is tried again (at least once, at most one extra copy). Each attempt is recorded in
 * `mail_delivery_attempt`; 5xx is a permanent failure, 4xx and no answer are retried with back-off
 * (RETRY_DELAYS_MINUTES), then failed. A mail's encrypted body is blanked once it is sent, failed or
 * expired, except in demo mode, which keeps it for the "Sent mail (demo)" page.
 *
 * It runs as the job `mail.deliver` (kernel/jobs/jobs.ts), every minute and right after a mail is queued.
 */
@Injectable()
export class MailDelivery implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('MailDelivery');
  private transporter: Transporter | null = null;
  private running: Promise<DeliveryRun> = Promise.resolve({ sent: 0, retried: 0, failed: 0, expired: 0 });
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly mailer: Mailer,
    private readonly jobs: Jobs,
  ) {}

  get transport(): MailTransportKind {
    if (mailSettings(this.config).smtpUrl) return 'smtp';
    return this.config.demo ? 'demo' : 'none';
  }

  onModuleInit(): void {
    this.jobs.define({
      name: 'mail.deliver',
      schedule: '* * * * *',
      // Each mail keeps its own attempts and back-off: a failed run is simply the next minute's.
      retryLimit: 0,
      handler: async () => {
        await this.deliverDue();
      },
    });
    this.mailer.onKick(() => {
      void this.jobs.send('mail.deliver', {}, { singletonKey: 'mail.deliver' }).catch(() => undefined);
      // Also at once in this process: a reset link should not wait for the next minute. Safe beside the
      // job, as claims are exclusive.
      setImmediate(() => void this.deliverDue().catch((error: unknown) => this.logger.warn(`mail delivery run failed: ${classifySmtpError(error).error}`)));
    });
    if (this.transport === 'none' && this.config.env !== 'test') {
      this.logger.warn('LANTERN_SMTP_URL is not set: mails (invitations, password resets, notifications) wait in the outbox until it is');
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.running.catch(() => undefined);
    this.transporter?.close();
  }

  /** Sends what is due; one run at a time in this process (runs of other processes skip each other's rows). */
  deliverDue(): Promise<DeliveryRun> {
    const next = this.running.catch(() => undefined).then(() => this.run());
    this.running = next;
    return next;
  }

  private smtp(): Transporter {
    this.transporter ??= createTransport(
      {
        url: mailSettings(this.config).smtpUrl!,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as Parameters<typeof createTransport>[0],
      { from: mailSettings(this.config).from },
    );
    return this.transporter;
  }

  private async run(): Promise<DeliveryRun> {
    const result: DeliveryRun = { sent: 0, retried: 0, failed: 0, expired: 0 };
    if (this.closed) return result;
    const now = this.clock.now();
    const [, expired] = (await this.dataSource.query(
      `UPDATE notification_outbox SET status = 'expired', body = NULL, lease_until = NULL, updated_at = $1
        WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= $1`,
      [now],
    )) as [unknown, number];
    result.expired = expired;
    // Without a relay (and outside demo) mails wait: nothing is lost, and they go once it is configured.
    if (this.transport === 'none') return result;
    let handled = 0;
    while (!this.closed && handled < MAX_PER_RUN) {
      const claimed = await this.claim();
      for (const row of claimed) {
        const outcome = await this.deliverOne(row);
        result[outcome === 'sent' ? 'sent' : outcome === 'retry' ? 'retried' : 'failed']++;
      }
      handled += claimed.length;
      if (claimed.length < BATCH) break;
    }
    return result;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const now = this.clock.now();
    const [rows] = (await this.dataSource.query(
      `UPDATE notification_outbox o SET status = 'sending', lease_until = $2, attempts = o.attempts + 1, updated_at = $1
        WHERE o.id IN (
          SELECT id FROM notification_outbox
           WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until < $1)
           ORDER BY next_attempt_at
           LIMIT ${BATCH}
           FOR UPDATE SKIP LOCKED)
        RETURNING o.id, o.user_id, o.recipient, o.organization_id, o.template, o.body, o.attempts`,
      [now, new Date(now.getTime() + LEASE_MILLIS)],
    )) as [ClaimedRow[], number];
    return rows;
  }

  private async message(row: ClaimedRow): Promise<{ to: string; mail: RenderedMail } | null> {
    let to = row.recipient;
    let locale: Locale = 'en';
    if (row.user_id) {
      const [user] = (await this.dataSource.query('SELECT email, locale, active FROM app_user WHERE id = $1', [row.user_id])) as {
        email: string;
        locale: Locale;
        active: boolean;
      }[];
      if (!user?.active) return null;
      to = row.recipient ?? user.email;
      locale = user.locale;
    }
    if (!to) return null;
    if (row.body) return { to, mail: JSON.parse(this.cipher.decrypt(row.body, bodyLocation(row.id))) as RenderedMail };
    if (!isMailTemplate(row.template)) return null;
    return { to, mail: renderMail(row.template, locale, { baseUrl: mailSettings(this.config).publicUrl }) };
  }

  private async deliverOne(row: ClaimedRow): Promise<'sent' | 'retry' | 'failed'> {
    const transport = this.transport;
    let failure: SmtpFailure | null = null;
    let message: { to: string; mail: RenderedMail } | null = null;
    try {
      message = await this.message(row);
      if (!message) failure = { permanent: true, code: null, error: 'NO_RECIPIENT: the account is gone or inactive' };
      else if (transport === 'smtp') {
        await this.smtp().sendMail({ to: message.to, subject: message.mail.subject, text: message.mail.text, html: message.mail.html });
      }
    } catch (error) {
      failure = classifySmtpError(error);
    }
    const now = this.clock.now();
    const outcome: 'sent' | 'retry' | 'failed' = !failure ? 'sent' : failure.permanent || row.attempts >= MAX_ATTEMPTS ? 'failed' : 'retry';
    const error = failure && outcome === 'failed' && !failure.permanent ? `${failure.error} (after ${row.attempts} attempts)`.slice(0, 200) : (failure?.error ?? null);
    // The demo keeps what it "sent" for its Sent mail page; a real install keeps no body once it is done.
    const keepBody = outcome === 'sent' && this.config.demo && message;
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(MailDeliveryAttempt, {
        outboxId: row.id,
        organizationId: row.organization_id,
        attemptedAt: now,
        outcome,
        transport,
        responseCode: failure?.code ?? (outcome === 'sent' && transport === 'smtp' ? 250 : null),
        error,
      });
      const retryAt = new Date(now.getTime() + RETRY_DELAYS_MINUTES[Math.min(row.attempts, RETRY_DELAYS_MINUTES.length) - 1]! * 60_000);
      await manager.query(
        `UPDATE notification_outbox SET status = $2::varchar, lease_until = NULL, updated_at = $3,
           next_attempt_at = $4, sent_at = $5, last_response_code = $6, last_error = $7, transport = $8,
           body = CASE WHEN $9::text IS NOT NULL THEN $9::text WHEN $2::varchar = 'pending' THEN body ELSE NULL END
         WHERE id = $1`,
        [
          row.id,
          outcome === 'retry' ? 'pending' : outcome,
          now,
          outcome === 'retry' ? retryAt : now,
          outcome === 'sent' ? now : null,
          failure?.code ?? null,
          error,
          transport,
          keepBody ? this.cipher.encrypt(JSON.stringify(message!.mail), bodyLocation(row.id)) : null,
        ],
      );
    });
    return outcome;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MAIL_STATUSES, type DemoMailResponse, type MailDeliveryResponse, type MailStatusResponse } from '@lantern/contracts';
import { DataSource, In } from 'typeorm';
import { currentActor } from '../../access/authz/current-actor.js';
import { User } from '../../access/auth/user.entity.js';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { notFound } from '../../kernel/http/domain-error.js';
import { applyListQuery, type ListQuery, type ListSpec, type Page } from '../../kernel/http/list-query.js';
import { MailDelivery } from './mail-delivery.service.js';
import type { RenderedMail } from './mail-templates.js';
import { bodyLocation } from './mailer.service.js';
import { NotificationOutbox } from './notification.entity.js';

export const MAIL_DELIVERY_LIST: ListSpec = {
  resource: 'mail-deliveries',
  filters: { status: { kind: 'eq', type: 'enum', values: MAIL_STATUSES } },
  sorts: ['createdAt', 'status', 'attempts'],
  defaultSort: ['createdAt', 'DESC'],
};

export const DEMO_MAIL_LIST: ListSpec = { resource: 'demo-mail', filters: {}, sorts: ['createdAt'], defaultSort: ['createdAt', 'DESC'] };

/** What admins see of their organization's mail: delivery, failures, bounces; in demo mode, the mails. */
@Injectable()
export class MailAdminService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
    private readonly delivery: MailDelivery,
  ) {}

  private async addresses(rows: NotificationOutbox[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.userId).filter((id): id is string => !!id))];
    if (ids.length === 0) return new Map();
    const users = await this.dataSource.manager.find(User, { select: { id: true, email: true }, where: { id: In(ids) } });
    return new Map(users.map((u) => [u.id, u.email]));
  }

  private page(query: ListQuery, extra?: (qb: ReturnType<DataSource['createQueryBuilder']>) => void) {
    const { actor } = currentActor();
    const qb = this.dataSource.getRepository(NotificationOutbox).createQueryBuilder('m').where('m.organization_id = :org', { org: actor.organizationId });
    extra?.(qb as never);
    applyListQuery(qb, query);
    return qb.getManyAndCount();
  }

  async list(query: ListQuery): Promise<Page<MailDeliveryResponse>> {
    const [rows, total] = await this.page(query);
    const to = await this.addresses(rows);
    return {
      total,
      skip: query.skip,
      rows: rows.map((r) => ({
        id: r.id,
        template: r.template,
        to: r.recipient ?? (r.userId ? (to.get(r.userId) ?? null) : null),
        status: r.status,
        attempts: r.attempts,
        lastResponseCode: r.lastResponseCode,
        lastError: r.lastError,
        nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
        sentAt: r.sentAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  async status(): Promise<MailStatusResponse> {
    const { actor } = currentActor();
    const [counts] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS pending, count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM notification_outbox WHERE organization_id = $1`,
      [actor.organizationId],
    )) as { pending: number; failed: number }[];
    const attempts = (await this.dataSource.query(
      `SELECT outcome, count(*)::int AS n FROM mail_delivery_attempt WHERE organization_id = $1 AND attempted_at > $2 GROUP BY outcome`,
      [actor.organizationId, new Date(this.clock.now().getTime() - 24 * 3_600_000)],
    )) as { outcome: 'sent' | 'retry' | 'failed'; n: number }[];
    const last24h = { sent: 0, retry: 0, failed: 0 };
    for (const a of attempts) last24h[a.outcome] = a.n;
    return { transport: this.delivery.transport, pending: counts?.pending ?? 0, failed: counts?.failed ?? 0, last24h };
  }

  /** Demo mode only: the mails the demo kept instead of sending them out. */
  async demoMailbox(query: ListQuery): Promise<Page<DemoMailResponse>> {
    if (!this.config.demo) throw notFound('Sent mail (demo)');
    const [rows, total] = await this.page(query, (qb) => qb.andWhere("m.status = 'sent' AND m.body IS NOT NULL"));
    const to = await this.addresses(rows);
    return {
      total,
      skip: query.skip,
      rows: rows.map((r) => {
        const mail = JSON.parse(this.cipher.decrypt(r.body!, bodyLocation(r.id))) as RenderedMail;
        return { id: r.id, to: r.recipient ?? (r.userId ? (to.get(r.userId) ?? null) : null), subject: mail.subject, text: mail.text, sentAt: r.sentAt?.toISOString() ?? null };
      }),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NotificationKind, NotificationResponse } from '@lantern/contracts';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { inLocale, type LocalizedText } from './localized-text.js';
import { notFound } from '../../kernel/http/domain-error.js';
import { applyListQuery, type ListQuery, type ListSpec, type Page } from '../../kernel/http/list-query.js';
import { User } from '../../access/auth/user.entity.js';
import { Notification, NotificationOutbox } from './notification.entity.js';

export const NOTIFICATION_LIST: ListSpec = {
  resource: 'notifications',
  filters: { unread: { kind: 'isNull', property: 'readAt' } },
  sorts: ['createdAt'],
  defaultSort: ['createdAt', 'DESC'],
};

export interface NewNotification {
  organizationId: string;
  userIds: string[];
  kind: NotificationKind;
  /** In each reader's language (localized-text.ts). */
  title: string | LocalizedText;
  referralId?: string | null;
  caseId?: string | null;
  /** False for what is gathered into a digest instead (reminders, workflows/reminders): in the app only. */
  email?: boolean;
}

/** The subject line of every e-mail: it says nothing about anyone (a mailbox may be shared or watched). */
export const OUTBOX_SUBJECT = 'Lantern: you have a new notification';

@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Stores notifications (and their e-mail outbox rows) in the caller's transaction. */
  async notify(manager: EntityManager, input: NewNotification): Promise<void> {
    const userIds = [...new Set(input.userIds)];
    if (userIds.length === 0) return;
    const active = await manager.find(User, {
      select: { id: true, locale: true },
      where: { id: In(userIds), active: true, organizationId: input.organizationId },
    });
    for (const { id: userId, locale } of active) {
      const notification = await manager.save(
        manager.create(Notification, {
          organizationId: input.organizationId,
          userId,
          kind: input.kind,
          title: inLocale(input.title, locale).slice(0, 200),
          referralId: input.referralId ?? null,
          caseId: input.caseId ?? null,
          readAt: null,
        }),
      );
      if (input.email === false) continue;
      await manager.insert(NotificationOutbox, {
        notificationId: notification.id,
        userId,
        organizationId: input.organizationId,
        channel: 'email',
        subject: OUTBOX_SUBJECT,
        status: 'pending',
      });
    }
  }

  /**
   * A referral was handled: the unread notifications about it of these kinds (those that asked
   * someone to act on it) are marked read, for everyone, in the caller's transaction.
   */
  async clearAbout(manager: EntityManager, referralId: string, kinds: readonly NotificationKind[]): Promise<number> {
    if (kinds.length === 0) return 0;
    const result = await manager.update(Notification, { referralId, kind: In([...kinds]), readAt: IsNull() }, { readAt: this.clock.now() });
    return result.affected ?? 0;
  }

  /** Active users of an organization with one of these roles (and, for partners, of one partner org). */
  async recipients(manager: EntityManager, organizationId: string, roles: string[], partnerOrgId?: string): Promise<string[]> {
    const rows = await manager.find(User, {
      select: { id: true },
      where: { organizationId, role: In(roles), active: true, ...(partnerOrgId ? { partnerOrgId } : {}) },
    });
    return rows.map((r) => r.id);
  }

  private plain(row: Notification): NotificationResponse {
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      referralId: row.referralId,
      caseId: row.caseId,
      readAt: row.readAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async list(query: ListQuery): Promise<Page<NotificationResponse>> {
    const { actor } = currentActor();
    const qb = this.dataSource.getRepository(Notification).createQueryBuilder('n').where('n.user_id = :me', { me: actor.id });
    applyListQuery(qb, query);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows.map((r) => this.plain(r)), total, skip: query.skip };
  }

  async unreadCount(): Promise<{ count: number }> {
    const { actor } = currentActor();
    return { count: await this.dataSource.getRepository(Notification).count({ where: { userId: actor.id, readAt: IsNull() } }) };
  }

  async markRead(id: string): Promise<NotificationResponse> {
    const { actor } = currentActor();
    const row = await this.dataSource.getRepository(Notification).findOne({ where: { id, userId: actor.id } });
    if (!row) throw notFound('Notification');
    if (!row.readAt) {
      row.readAt = this.clock.now();
      await this.dataSource.getRepository(Notification).update({ id }, { readAt: row.readAt });
    }
    return this.plain(row);
  }

  async markAllRead(): Promise<{ updated: number }> {
    const { actor } = currentActor();
    const result = await this.dataSource.getRepository(Notification).update({ userId: actor.id, readAt: IsNull() }, { readAt: this.clock.now() });
    return { updated: result.affected ?? 0 };
  }
}

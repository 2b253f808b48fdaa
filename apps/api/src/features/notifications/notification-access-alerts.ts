import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessAlerts } from '../../access/records/access-alerts.js';
import { User } from '../../access/auth/user.entity.js';
import type { Actor } from '../../kernel/http/request-context.js';
import { NotificationsService } from './notifications.service.js';

/** The record-access layer's alerts, delivered as notifications to the organization's admins. */
@Injectable()
export class NotificationAccessAlerts extends AccessAlerts {
  constructor(private readonly notifications: NotificationsService) {
    super();
  }

  async unusualReads(manager: EntityManager, actor: Actor): Promise<void> {
    const who = await manager.findOne(User, { select: { id: true, displayName: true }, where: { id: actor.id } });
    await this.notifications.notify(manager, {
      organizationId: actor.organizationId,
      userIds: await this.notifications.recipients(manager, actor.organizationId, ['admin']),
      kind: 'unusual_reads',
      title: {
        en: `Unusual volume of reads by ${who?.displayName ?? 'a user'}`,
        es: `Volumen inusual de consultas de ${who?.displayName ?? 'una persona usuaria'}`,
      },
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthAlerts, type ThrottledSecret } from '../../access/auth/auth-alerts.js';
import { User } from '../../access/auth/user.entity.js';
import { NotificationsService } from './notifications.service.js';

/** The sign-in throttle's alerts, delivered as notifications to the organization's admins. */
@Injectable()
export class NotificationAuthAlerts extends AuthAlerts {
  constructor(private readonly notifications: NotificationsService) {
    super();
  }

  async repeatedFailures(manager: EntityManager, user: { id: string; organizationId: string }, secret: ThrottledSecret): Promise<void> {
    const who = await manager.findOne(User, { select: { id: true, displayName: true }, where: { id: user.id } });
    const what = secret === 'password' ? { en: 'password', es: 'contraseña' } : { en: 'second factor', es: 'segundo factor' };
    await this.notifications.notify(manager, {
      organizationId: user.organizationId,
      userIds: await this.notifications.recipients(manager, user.organizationId, ['admin']),
      kind: 'failed_secret_checks',
      title: {
        en: `Many wrong ${what.en} attempts on the account of ${who?.displayName ?? 'a user'}`,
        es: `Muchos intentos fallidos de ${what.es} en la cuenta de ${who?.displayName ?? 'una persona usuaria'}`,
      },
    });
  }
}

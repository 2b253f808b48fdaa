import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REFERRAL_RESPONSE_HOURS, SERVICE_TYPE_LABELS, SERVICE_TYPE_LABELS_ES } from '@lantern/contracts';
import { DataSource } from 'typeorm';
import { Case } from '../../case-file/case.entity.js';
import { Clock } from '../../kernel/config/clock.js';
import { Jobs } from '../../kernel/jobs/jobs.js';
import { NotificationsService } from '../notifications/index.js';
import { PartnerOrgsRepository } from '../partner-orgs/index.js';
import { Referral } from './referral.entity.js';

export const OVERDUE_REFERRALS_JOB = 'referrals.overdue';
const HOUR = 3_600_000;

/** Checks for overdue referrals every ten minutes: a durable job, run once per tick across processes (kernel/jobs/jobs.ts). */
@Injectable()
export class OverdueReferralsJob implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly partnerOrgs: PartnerOrgsRepository,
    private readonly jobs: Jobs,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: OVERDUE_REFERRALS_JOB,
      schedule: '*/10 * * * *',
      // The next tick checks again: a short back-off, and no pile of retries behind it.
      retryLimit: 2,
      retryDelaySeconds: 30,
      expireInSeconds: 300,
      handler: async () => {
        await this.notifyOverdue();
      },
    });
  }

  /** Referrals sent more than 48 hours ago with no answer: the coordinators and the caseworker hear once. */
  async notifyOverdue(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - REFERRAL_RESPONSE_HOURS * HOUR);
    const rows = await this.dataSource
      .getRepository(Referral)
      .createQueryBuilder('r')
      .where(`r.status = 'sent' AND r.sent_at < :cutoff AND r.overdue_notified_at IS NULL`, { cutoff })
      .limit(500)
      .getMany();
    for (const row of rows) {
      await this.dataSource.transaction(async (manager) => {
        const claimed = await manager
          .createQueryBuilder()
          .update(Referral)
          .set({ overdueNotifiedAt: this.clock.now() })
          .where('id = :id AND overdue_notified_at IS NULL', { id: row.id })
          .callListeners(false)
          .execute();
        if ((claimed.affected ?? 0) !== 1) return;
        const kase = await manager.findOneByOrFail(Case, { id: row.caseId });
        const partner = await this.partnerOrgs.findInOrganization(row.organizationId, row.partnerOrgId, manager);
        if (!partner) return;
        await this.notifications.notify(manager, {
          organizationId: row.organizationId,
          referralId: row.id,
          caseId: row.caseId,
          userIds: [...(await this.notifications.recipients(manager, row.organizationId, ['coordinator'])), ...(kase.assignedCaseworkerId ? [kase.assignedCaseworkerId] : [])],
          kind: 'referral_overdue',
          title: {
            en: `No answer from ${partner.name} in 48 hours on the ${SERVICE_TYPE_LABELS[row.serviceType].toLowerCase()} referral for ${kase.caseNumber}`,
            es: `${partner.name} no ha respondido en 48 horas a la derivación de ${SERVICE_TYPE_LABELS_ES[row.serviceType].toLowerCase()} del caso ${kase.caseNumber}`,
          },
        });
      });
    }
    return rows.length;
  }
}

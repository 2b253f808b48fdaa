import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { User } from '../../access/auth/user.entity.js';
import { Jobs, type JobExhausted } from '../../kernel/jobs/jobs.js';
import { NotificationsService } from '../notifications/index.js';

/**
 * A job that failed after its retries tells the admins of every organization (jobs are system-wide) with
 * an in-app notification naming the job and its short error code: never the job's data.
 */
@Injectable()
export class JobFailureAlerts implements OnModuleInit {
  constructor(
    private readonly jobs: Jobs,
    private readonly notifications: NotificationsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.onExhausted((failure) => this.alert(failure));
  }

  async alert(failure: JobExhausted): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const admins = await manager.find(User, { select: { id: true, organizationId: true }, where: { role: 'admin', active: true } });
      const organizations = [...new Set(admins.map((a) => a.organizationId))];
      for (const organizationId of organizations) {
        await this.notifications.notify(manager, {
          organizationId,
          userIds: admins.filter((a) => a.organizationId === organizationId).map((a) => a.id),
          kind: 'job_failed',
          title: {
            en: `Background job ${failure.name} failed after its retries (${failure.error}); see Jobs`,
            es: `La tarea en segundo plano ${failure.name} falló tras sus reintentos (${failure.error}); vea Tareas`,
          },
        });
      }
    });
  }
}

import { Module } from '@nestjs/common';
import { JobsModule } from '../../kernel/jobs/jobs.js';
import { JobFailureAlerts } from './job-failure-alerts.js';
import { JobsAdminService } from './jobs-admin.service.js';
import { JobsController } from './jobs.controller.js';

@Module({ imports: [JobsModule], controllers: [JobsController], providers: [JobsAdminService, JobFailureAlerts] })
export class JobsAdminModule {}

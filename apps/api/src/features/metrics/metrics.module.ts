import { Module } from '@nestjs/common';
import { JobsModule } from '../../kernel/jobs/jobs.js';
import { CustomFieldsModule } from '../custom-fields/index.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

@Module({ imports: [JobsModule, CustomFieldsModule], controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}

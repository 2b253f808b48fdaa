import { Module } from '@nestjs/common';
import { JobsModule } from '../../kernel/jobs/jobs.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

@Module({ imports: [JobsModule], controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}

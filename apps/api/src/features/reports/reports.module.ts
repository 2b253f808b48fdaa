import { Module } from '@nestjs/common';
import { CustomFieldsModule } from '../custom-fields/index.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

@Module({ imports: [CustomFieldsModule], controllers: [ReportsController], providers: [ReportsService] })
export class ReportsModule {}

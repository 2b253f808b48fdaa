import { Module } from '@nestjs/common';
import { CustomFieldsModule } from '../custom-fields/index.js';
import { PlanReads } from './plan-reads.js';
import { GoalsController, ServicePlansController, TasksController } from './service-plans.controller.js';
import { ServicePlansService } from './service-plans.service.js';

@Module({ imports: [CustomFieldsModule], controllers: [ServicePlansController, GoalsController, TasksController], providers: [ServicePlansService, PlanReads], exports: [ServicePlansService] })
export class ServicePlansModule {}

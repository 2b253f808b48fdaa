import { Module } from '@nestjs/common';
import { GoalsController, ServicePlansController, TasksController } from './service-plans.controller.js';
import { ServicePlansService } from './service-plans.service.js';

@Module({ controllers: [ServicePlansController, GoalsController, TasksController], providers: [ServicePlansService], exports: [ServicePlansService] })
export class ServicePlansModule {}

import { Module } from '@nestjs/common';
import { ImmigrationReliefController } from './immigration-relief.controller.js';
import { ImmigrationReliefService } from './immigration-relief.service.js';

@Module({ controllers: [ImmigrationReliefController], providers: [ImmigrationReliefService] })
export class ImmigrationReliefModule {}

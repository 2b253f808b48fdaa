import { Module } from '@nestjs/common';
import { SurvivorsController } from './survivors.controller.js';
import { SurvivorsService } from './survivors.service.js';

@Module({ controllers: [SurvivorsController], providers: [SurvivorsService], exports: [SurvivorsService] })
export class SurvivorsModule {}
